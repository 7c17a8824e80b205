"""/admin/open311/keys: admins create and revoke the integrations' API keys.

A new key is shown once, on the page that answers the POST (never stored, never redirected
through a URL); revocation takes effect at the next request.
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.api.open311.keys import KeyRefused, all_keys, create_key, revoke_key
from portal.audit.services import Actor
from portal.extensions import db
from portal.staff.access import require_staff_login, roles_required

admin_bp = Blueprint("open311_admin", __name__, url_prefix="/admin/open311")
admin_bp.before_request(require_staff_login)


class KeyForm(FlaskForm):
    name = StringField(
        "接入方名称",
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        validators=[
            DataRequired("请填写接入方名称"),
            Length(max=60, message="接入方名称请不超过60个字符"),
        ],
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token: the key's name is in the URL."""


def _page(form: KeyForm, new_key: str | None = None, status: int = 200):
    page = render_template(
        "admin/open311_keys.html",
        form=form,
        revoke_form=RevokeForm(),
        keys=all_keys(db.session),
        new_key=new_key,
    )
    return page, status


@admin_bp.route("/keys", methods=["GET"])
@roles_required("admin")
def keys():
    return _page(KeyForm(formdata=None))


@admin_bp.route("/keys", methods=["POST"])
@roles_required("admin")
def key_create():
    form = KeyForm()
    if form.validate_on_submit():
        try:
            row, key = create_key(db.session, Actor.of_user(current_user), form.name.data)
        except KeyRefused as refused:
            db.session.rollback()
            form.name.errors.append(str(refused))
        else:
            db.session.commit()
            return _page(KeyForm(formdata=None), new_key=f"{row.name}：{key}")
    return _page(form, status=400)


@admin_bp.route("/keys/<name>/revoke", methods=["POST"])
@roles_required("admin")
def key_revoke(name: str):
    if not RevokeForm().validate_on_submit():
        flash("页面已过期，请刷新后重试。", "error")
        return redirect(url_for(".keys"))
    try:
        revoke_key(db.session, Actor.of_user(current_user), name)
    except KeyRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(f"已停用“{name}”的密钥。", "success")
    return redirect(url_for(".keys"))
