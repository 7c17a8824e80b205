"""Back office: login, logout, the dashboard, accounts (admin only), one's own password."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from portal.audit.services import Actor
from portal.core.models import local_today
from portal.extensions import db, limiter
from portal.org.models import Unit
from portal.staff.access import (
    require_staff_login,
    roles_required,
    second_step_url,
    start_pending_login,
    start_session,
    totp_roles,
)
from portal.staff.dashboard import dashboard_values
from portal.staff.forms import LoginForm, PasswordForm, UserForm, unit_choices
from portal.staff.models import StaffUser
from portal.staff.passwords import verify_password
from portal.staff.second_factor import needs_second_step
from portal.staff.services import (
    StaffError,
    check_credentials,
    create_user,
    record_login,
    set_password,
    update_user,
)

bp = Blueprint("staff", __name__, url_prefix="/admin")
bp.before_request(require_staff_login)


def _login_username() -> str:
    return "login-account:" + request.form.get("username", "").strip().lower()


def _login_failed(response) -> bool:
    # only failed attempts count against the limits; a success redirects
    return response.status_code != 302


def safe_next(target: str | None) -> str:
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/admin"):
        return target
    return url_for("staff.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_CLIENT"],
    methods=["POST"],
    deduct_when=_login_failed,
    scope="login-client",
    error_message="登录失败次数过多，请稍后再试。",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_login_username,
    methods=["POST"],
    deduct_when=_login_failed,
    scope="login-account",
    error_message="该账号登录失败次数过多，请稍后再试。",
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("staff.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = check_credentials(db.session, form.username.data, form.password.data)
        if user is not None and needs_second_step(user, totp_roles()):
            db.session.commit()  # a rehashed password
            start_pending_login(user, request.args.get("next"))
            return redirect(second_step_url(user))
        if user is not None:
            record_login(db.session, user)
            db.session.commit()
            start_session(user, second_factor="none")
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        db.session.rollback()
        form.password.errors.append("用户名或密码错误")
    return render_template("staff/login.html", form=form), 200


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("staff.login"))


@bp.route("/")
def dashboard():
    return render_template("staff/dashboard.html", **dashboard_values(db.session, local_today()))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append("当前密码不正确")
        else:
            try:
                set_password(
                    db.session, Actor.of_user(current_user), current_user, form.new_password.data
                )
            except StaffError as error:
                form.new_password.errors.append(str(error))
            else:
                db.session.commit()
                start_session(current_user, second_factor=session.get("second_factor", "none"))
                login_user(current_user)  # the session id changed with the password
                flash("密码已修改。", "success")
                return redirect(url_for("staff.dashboard"))
    return render_template("staff/password.html", form=form)


def _all_units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


@bp.route("/users/")
@roles_required("admin")
def users():
    accounts = db.session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
    return render_template("staff/users.html", users=accounts)


@bp.route("/users/new", methods=["GET", "POST"])
@roles_required("admin")
def user_new():
    form = UserForm()
    form.unit.choices = unit_choices(_all_units())
    if form.validate_on_submit():
        try:
            user = create_user(
                db.session,
                Actor.of_user(current_user),
                username=form.username.data,
                password=form.password.data or "",
                role=form.role.data,
                unit_code=form.unit.data or None,
                display_name=form.display_name.data or "",
            )
        except StaffError as error:
            getattr(form, error.field or "username").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"已创建用户 {user.username}。", "success")
            return redirect(url_for("staff.users"))
    return render_template("staff/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def user_edit(user_id: int):
    user = db.get_or_404(StaffUser, user_id)
    form = UserForm(obj=user if request.method == "GET" else None)
    form.unit.choices = unit_choices(_all_units())
    if request.method == "GET":
        form.unit.data = user.unit.code if user.unit else ""
    # the username is fixed once created; the password is changed below, separately
    form.username.data = user.username
    if form.validate_on_submit():
        try:
            update_user(
                db.session,
                Actor.of_user(current_user),
                user,
                role=form.role.data,
                unit_code=form.unit.data or None,
                display_name=form.display_name.data or "",
                is_enabled=form.is_enabled.data,
            )
            if form.password.data:
                set_password(db.session, Actor.of_user(current_user), user, form.password.data)
        except StaffError as error:
            db.session.rollback()
            getattr(form, error.field or "role").errors.append(str(error))
        else:
            db.session.commit()
            flash(f"已保存用户 {user.username}。", "success")
            return redirect(url_for("staff.users"))
    return render_template("staff/user_form.html", form=form, user=user)
