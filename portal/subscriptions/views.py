"""/subscriptions/: subscribe by e-mail (no account), confirm, unsubscribe (one click)."""

from flask import Blueprint, abort, current_app, make_response, render_template, request
from sqlalchemy import select

from portal.extensions import csrf, db, limiter
from portal.org.models import Unit
from portal.subscriptions import services
from portal.subscriptions.kinds import SUBSCRIPTION_KINDS
from portal.subscriptions.mail import mail_enabled, send_confirmation

bp = Blueprint("subscriptions", __name__, url_prefix="/subscriptions")

INVALID_LINK = "链接无效或已失效：订阅可能已退订、已被新的订阅替换，或确认期限（7天）已过。"


def _units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _unit_by_code(code: str) -> Unit | None:
    code = (code or "").strip()
    if not code:
        return None
    return db.session.scalars(select(Unit).where(Unit.code == code)).first()


def _form(status: int = 200, errors: dict | None = None, values: dict | None = None):
    page = render_template(
        "subscriptions/new.html",
        units=_units(),
        kinds=SUBSCRIPTION_KINDS,
        errors=errors or {},
        values=values or {},
        mail_enabled=mail_enabled(),
    )
    return make_response(page, status)


def _subscribe_limit() -> str:
    return current_app.config.get("SUBSCRIBE_LIMIT", "5 per hour;20 per day")


@bp.route("/", methods=["GET"])
def new():
    unit_code = request.args.get("unit", "")
    return _form(values={"unit": unit_code, "kinds": list(SUBSCRIPTION_KINDS)})


@bp.route("/", methods=["POST"])
@limiter.limit(
    _subscribe_limit,
    scope="subscribe",
    error_message="订阅提交过于频繁。",
)
def create():
    values = {
        "email": request.form.get("email", "")[:300],
        "unit": request.form.get("unit", "")[:40],
        "kinds": request.form.getlist("kinds")[:20],
    }
    if not mail_enabled():
        return _form(
            503,
            {"form": "本站暂未开通邮件发送，暂时无法订阅。可以使用各栏目的 Atom 订阅。"},
            values,
        )
    unit = _unit_by_code(values["unit"])
    if values["unit"] and unit is None:
        return _form(400, {"unit": "没有这个执法单位，请从列表中选择"}, values)
    try:
        subscription = services.subscribe(db.session, values["email"], unit, values["kinds"])
    except services.SubscriptionError as error:
        db.session.rollback()
        return _form(400, {error.field: str(error)}, values)
    db.session.commit()
    if not send_confirmation(subscription):
        return _form(503, {"form": "确认邮件暂时无法发送，请稍后再试。"}, values)
    return render_template(
        "subscriptions/message.html",
        title="请查收确认邮件",
        message=(
            "我们已向您填写的邮箱发送了一封确认邮件。点击邮件中的链接后订阅才会生效；"
            "7天内未确认的，邮箱地址会被删除。"
        ),
    )


def _subscription_or_404(token: str):
    subscription = services.by_token(db.session, token)
    if subscription is None:
        abort(404, INVALID_LINK)
    return subscription


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """GET shows a button: mail scanners that open links must not confirm on anyone's behalf."""
    subscription = _subscription_or_404(token)
    if request.method == "POST":
        services.confirm(db.session, subscription)
        db.session.commit()
        return render_template(
            "subscriptions/message.html",
            title="订阅成功",
            message=(
                "从明天起，有新的公示、更正或撤下时，每天最多给您发一封摘要邮件。"
                "每封邮件里都有退订链接。"
            ),
        )
    return render_template(
        "subscriptions/confirm.html",
        subscription=subscription,
        kinds=SUBSCRIPTION_KINDS,
        token=token,
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail provider posts "List-Unsubscribe=One-Click", no token
def unsubscribe(token: str):
    if request.method == "POST":
        subscription = services.by_token(db.session, token)
        if subscription is not None:
            services.unsubscribe(db.session, subscription)
            db.session.commit()
        return render_template(
            "subscriptions/message.html",
            title="已退订",
            message=("已退订，您的邮箱地址已从本站删除，不会再收到订阅邮件。"),
        )
    subscription = _subscription_or_404(token)
    return render_template("subscriptions/unsubscribe.html", subscription=subscription, token=token)
