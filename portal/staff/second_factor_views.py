"""The login's second step, TOTP enrolment, one's own second factor, an admin's reset."""

from datetime import UTC, datetime

from flask import current_app, flash, g, redirect, render_template, session, url_for
from flask_login import current_user, login_user

from portal.audit.services import Actor
from portal.extensions import db, limiter
from portal.staff.access import pending_user, roles_required, start_session
from portal.staff.forms import CodeForm
from portal.staff.models import StaffUser
from portal.staff.second_factor import (
    confirm_enrolment,
    pass_second_step,
    regenerate_recovery_codes,
    reset_totp,
    start_enrolment,
    unused_recovery_codes,
)
from portal.staff.services import StaffError, record_login
from portal.staff.totp import provisioning_uri, qr_svg
from portal.staff.views import bp, safe_next


def _pending_account() -> str:
    return "second-step-account:" + str(session.get("pending_user", "")).partition(":")[0]


def _code_refused(response) -> bool:
    # only refused codes count against the limits, as with passwords
    return bool(g.get("code_refused"))


def _throttled(view):
    view = limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
        key_func=_pending_account,
        methods=["POST"],
        deduct_when=_code_refused,
        scope="second-step-account",
        error_message="该账号验证码错误次数过多，请稍后再试。",
    )(view)
    return limiter.limit(
        lambda: current_app.config["LOGIN_LIMIT_PER_CLIENT"],
        methods=["POST"],
        deduct_when=_code_refused,
        scope="second-step-client",
        error_message="验证码错误次数过多，请稍后再试。",
    )(view)


def _finish_login(user: StaffUser, second_factor: str) -> str:
    next_url = session.get("pending_next")
    record_login(db.session, user, second_factor)
    db.session.commit()
    start_session(user, second_factor=second_factor)
    login_user(user)
    return safe_next(next_url)


def _enrolment_page(user: StaffUser, form: CodeForm, template: str):
    secret = start_enrolment(db.session, user)
    db.session.commit()
    uri = provisioning_uri(secret, user.username)
    return render_template(template, form=form, user=user, secret=secret, qr=qr_svg(uri))


def _confirmed_codes(user: StaffUser, form: CodeForm) -> list[str] | None:
    """The recovery codes once the typed code confirms the pending secret; None (the form
    carries the error) when it does not or nothing was submitted."""
    if not form.validate_on_submit():
        return None
    try:
        return confirm_enrolment(
            db.session, Actor.of_user(user), user, form.code.data, datetime.now(UTC)
        )
    except StaffError as error:
        db.session.rollback()
        g.code_refused = True
        form.code.errors.append(str(error))
        return None


@bp.route("/login/code", methods=["GET", "POST"])
@_throttled
def login_code():
    user = pending_user()
    if not user.has_totp:
        return redirect(url_for("staff.login_enrol"))
    form = CodeForm()
    if form.validate_on_submit():
        second_factor = pass_second_step(db.session, user, form.code.data, datetime.now(UTC))
        if second_factor is not None:
            target = _finish_login(user, second_factor)
            if second_factor == "recovery":
                flash(
                    f"已使用一个恢复码，还剩{unused_recovery_codes(user)}个。"
                    "如手机已丢失，请重新生成恢复码或请系统管理员重置双重验证。",
                    "warning",
                )
            return redirect(target)
        db.session.rollback()
        g.code_refused = True
        form.code.errors.append("验证码不正确或已使用过，请输入身份验证器上当前显示的6位数字")
    return render_template("staff/login_code.html", form=form)


@bp.route("/login/enrol", methods=["GET", "POST"])
@_throttled
def login_enrol():
    """A user who must have a second factor and has none binds one before getting in."""
    user = pending_user()
    if user.has_totp:
        return redirect(url_for("staff.login_code"))
    form = CodeForm()
    codes = _confirmed_codes(user, form)
    if codes is not None:
        target = _finish_login(user, "totp")
        return render_template("staff/recovery_codes.html", codes=codes, next_url=target)
    return _enrolment_page(user, form, "staff/login_enrol.html")


@bp.route("/account/totp", methods=["GET", "POST"])
@_throttled
def account_totp():
    """One's own second factor: enrol (optional for unit staff), see the recovery codes left."""
    user = current_user._get_current_object()
    form = CodeForm()
    if user.has_totp:
        return render_template(
            "staff/account_totp.html", user=user, unused=unused_recovery_codes(user)
        )
    codes = _confirmed_codes(user, form)
    if codes is not None:
        db.session.commit()
        session["second_factor"] = "totp"
        return render_template(
            "staff/recovery_codes.html", codes=codes, next_url=url_for("staff.dashboard")
        )
    return _enrolment_page(user, form, "staff/account_totp.html")


@bp.route("/account/totp/recovery-codes", methods=["POST"])
def account_recovery_codes():
    user = current_user._get_current_object()
    try:
        codes = regenerate_recovery_codes(db.session, Actor.of_user(user), user)
    except StaffError as error:
        flash(str(error), "error")
        return redirect(url_for("staff.account_totp"))
    db.session.commit()
    return render_template(
        "staff/recovery_codes.html", codes=codes, next_url=url_for("staff.account_totp")
    )


@bp.route("/users/<int:user_id>/totp/reset", methods=["POST"])
@roles_required("admin")
def user_totp_reset(user_id: int):
    user = db.get_or_404(StaffUser, user_id)
    try:
        reset_totp(db.session, Actor.of_user(current_user), user)
    except StaffError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(f"已重置 {user.username} 的双重验证；其下次登录时需重新绑定。", "success")
    return redirect(url_for("staff.user_edit", user_id=user.id))
