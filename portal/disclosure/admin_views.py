"""Back office of the disclosure domain: the units' public profiles."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from portal.audit.services import Actor
from portal.disclosure.forms import UnitAdminForm, UnitProfileForm
from portal.disclosure.services import UNIT_PROFILE_FIELDS, update_unit_profile
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

admin_bp = Blueprint("disclosure_admin", __name__, url_prefix="/admin")
admin_bp.before_request(require_staff_login)


@admin_bp.route("/units/")
def units():
    units = db.session.scalars(scoped_select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    return render_template("disclosure/admin/units.html", units=units)


@admin_bp.route("/units/<code>", methods=["GET", "POST"])
def unit_edit(code: str):
    unit = get_scoped_or_404(Unit, Unit.code == code)
    is_admin = current_user.role == "admin"
    form = (UnitAdminForm if is_admin else UnitProfileForm)(obj=unit)
    if is_admin:
        form.set_review_choices(unit, db.session.scalars(scoped_select(Unit).order_by(Unit.id)))
    if form.validate_on_submit():
        changes = {field: getattr(form, field).data for field in UNIT_PROFILE_FIELDS}
        if is_admin:
            chosen = form.review_unit.data
            changes["review_unit_id"] = int(chosen) if chosen else None
            changes["review_organ_name"] = form.review_organ_name.data
        if update_unit_profile(db.session, Actor.of_user(current_user), unit, changes):
            db.session.commit()
            flash("单位信息已保存。", "success")
        else:
            flash("没有需要保存的修改。", "info")
        return redirect(url_for("disclosure_admin.units"))
    return render_template("disclosure/admin/unit_form.html", form=form, unit=unit)
