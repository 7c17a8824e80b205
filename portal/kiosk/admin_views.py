"""Back office: enrolling kiosks (administrators only), their one-time enrolment links."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from portal.audit.services import Actor
from portal.extensions import db
from portal.kiosk.models import Kiosk
from portal.kiosk.services import Enrolment, KioskError, enrol_kiosk, renew_token, revoke_kiosk
from portal.org.models import Unit
from portal.staff.access import require_staff_login, roles_required

admin_bp = Blueprint("kiosks_admin", __name__, url_prefix="/admin/kiosks")
admin_bp.before_request(require_staff_login)


class KioskForm(FlaskForm):
    name = StringField(
        "终端名称",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[DataRequired("请填写终端名称"), Length(max=60, message="名称请不超过60字")],
    )
    location = StringField("放置地点", validators=[Length(max=200, message="地点请不超过200字")])
    unit = SelectField("所属单位", choices=[], validate_choice=True)


class ConfirmForm(FlaskForm):
    """A button with a CSRF token: revoke, renew."""


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _kiosk(kiosk_id: int) -> Kiosk:
    kiosk = db.session.get(Kiosk, kiosk_id)
    if kiosk is None:
        abort(404)
    return kiosk


def _show_link(enrolment: Enrolment):
    link = url_for("kiosk.enrol", token=enrolment.token, _external=True)
    return render_template("kiosk/admin/enrolled.html", kiosk=enrolment.kiosk, link=link)


@admin_bp.route("/", methods=["GET", "POST"])
@roles_required("admin")
def kiosks():
    form = KioskForm()
    units = _units()
    form.unit.choices = [(unit.code, unit.name) for unit in units]
    if form.validate_on_submit():
        unit = next(unit for unit in units if unit.code == form.unit.data)
        try:
            enrolment = enrol_kiosk(
                db.session,
                Actor.of_user(current_user),
                name=form.name.data,
                location=form.location.data or "",
                unit=unit,
            )
        except KioskError as error:
            db.session.rollback()
            form.name.errors.append(str(error))
        else:
            db.session.commit()
            return _show_link(enrolment)
    # the units are in the session already (``units`` above): no query per row for its name
    listed = db.session.scalars(select(Kiosk).order_by(Kiosk.revoked_at.is_not(None), Kiosk.name))
    status = 400 if form.errors else 200
    return render_template("kiosk/admin/list.html", kiosks=listed.all(), form=form), status


@admin_bp.route("/<int:kiosk_id>/renew", methods=["POST"])
@roles_required("admin")
def renew(kiosk_id: int):
    kiosk = _kiosk(kiosk_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, "页面已过期，请刷新后重试。")
    try:
        enrolment = renew_token(db.session, Actor.of_user(current_user), kiosk)
    except KioskError as error:
        abort(400, str(error))
    db.session.commit()
    return _show_link(enrolment)


@admin_bp.route("/<int:kiosk_id>/revoke", methods=["POST"])
@roles_required("admin")
def revoke(kiosk_id: int):
    kiosk = _kiosk(kiosk_id)
    if not ConfirmForm().validate_on_submit():
        abort(400, "页面已过期，请刷新后重试。")
    try:
        revoke_kiosk(db.session, Actor.of_user(current_user), kiosk)
    except KioskError as error:
        abort(400, str(error))
    db.session.commit()
    flash(f"终端“{kiosk.name}”已停用，其浏览器今后按普通访客对待。", "success")
    return redirect(url_for(".kiosks"))
