"""The kiosk: start screen, enrolment, walk-away wipe, badge check and progress tracking.

Everything a person asked lives in the browser session only until the walk-away wipe
(``/kiosk/wipe``) clears it and deletes the cookie. Numbers are posted, never put in a URL,
and the result pages read them back from the session, so after a wipe the browser's back
button finds nothing: a result page without its session entry goes back to the start.
"""

from datetime import datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import StringField

from portal.complaints import lookup
from portal.complaints.models import Complaint
from portal.complaints.presenting import public_timeline, status_context
from portal.complaints.schedule import complaint_calendar
from portal.complaints.tracking import is_valid_tracking_number, normalise_tracking_number
from portal.complaints.views import BAD_CHECK_DIGIT, GENERIC_TRACK_FAILURE
from portal.core.calendar_store import calendar_today
from portal.core.models import LOCAL_TZ, local_today
from portal.extensions import csrf, db, limiter
from portal.kiosk.identity import (
    COOKIE_MAX_AGE,
    COOKIE_NAME,
    current_kiosk,
    kiosk_for_token,
    site_bucket,
    site_limit,
)
from portal.officers.lookup import MalformedNumber, look_up, parse_number

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")

BADGE_KEY = "kiosk_badge"
TRACK_KEY = "kiosk_tracking"


@bp.after_request
def _never_cached(response):
    # nothing of one person may come back from a cache for the next
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_context_processor
def _kiosk_context():
    if not has_request_context() or not request.path.startswith("/kiosk"):
        return {}
    kiosk = current_kiosk()
    unit = kiosk.unit if kiosk else None
    config = current_app.config
    return {
        "kiosk": kiosk,
        "kiosk_hotline": (unit.complaint_phone if unit else "") or config["COMPLAINT_HOTLINE"],
        "kiosk_hours": (unit.visit_hours if unit else "") or "投诉举报电话24小时受理",
        "kiosk_unit_name": unit.name if unit else config["BUREAU_NAME"],
        "now_local_text": datetime.now(LOCAL_TZ).strftime("%H:%M"),
    }


@bp.route("/")
def home():
    return render_template("kiosk/start.html")


@bp.route("/ping")
def ping():
    """What the kiosk's script asks before it navigates: is the server reachable?"""
    return "", 204


@bp.route("/wipe", methods=["POST"])
@csrf.exempt  # it only forgets: a forged request can do no harm
def wipe():
    """Forget the person at the kiosk: the session is emptied and its cookie deleted."""
    session.clear()
    response = make_response("", 204)
    response.delete_cookie(
        current_app.config.get("SESSION_COOKIE_NAME", "session"),
        path=current_app.config.get("SESSION_COOKIE_PATH") or "/",
    )
    return response


@bp.route("/enrol/<token>")
def enrol(token: str):
    """Opened once on the kiosk itself: keep its token in a long-lived cookie."""
    kiosk = kiosk_for_token(db.session, token)
    if kiosk is None:
        abort(404, "启用链接无效或已过期，请在后台重新生成。")
    response = make_response(render_template("kiosk/enrolled.html", enrolled=kiosk))
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Strict",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        path="/",
    )
    return response


# --- badge check ------------------------------------------------------------------------


class BadgeForm(FlaskForm):
    badge = StringField("工号")


class TrackForm(FlaskForm):
    tracking_no = StringField("受理编号")
    query_code = StringField("查询码")


def _lookup_limit_message() -> str:
    return (
        f"查询过于频繁，请稍后再试，或拨打投诉举报电话 {current_app.config['COMPLAINT_HOTLINE']}。"
    )


@bp.route("/badge", methods=["GET", "POST"])
@site_limit(
    "OFFICER_LOOKUP_LIMIT",
    "KIOSK_OFFICER_LOOKUP_LIMIT",
    "officers.lookup",
    "officer-lookup",
    error_message=_lookup_limit_message,
)
def badge():
    form = BadgeForm()
    error = ""
    if form.validate_on_submit():
        try:
            number = parse_number("badge", form.badge.data)
        except MalformedNumber as malformed:
            error = str(malformed)
        else:
            session[BADGE_KEY] = number
            return redirect(url_for(".badge_result"))
    elif request.method == "POST":
        error = "页面已过期，请重新输入。"
    form.badge.data = ""
    status = 400 if error else 200
    return render_template("kiosk/badge.html", form=form, error=error), status


@bp.route("/badge/result")
def badge_result():
    number = session.get(BADGE_KEY)
    if not number:
        return redirect(url_for(".home"))
    verdict = look_up(db.session, "badge", number, local_today())
    return render_template("kiosk/verdict.html", verdict=verdict)


# --- tracking -----------------------------------------------------------------------------


def _track_failed(_response) -> bool:
    return bool(g.get("track_failed"))


def _tracking_no_key() -> str:
    return "track-number:" + normalise_tracking_number(request.form.get("tracking_no", ""))


@bp.route("/track", methods=["GET", "POST"])
@site_limit(
    "COMPLAINT_TRACK_LIMIT_PER_CLIENT",
    "KIOSK_TRACK_LIMIT_PER_CLIENT",
    "complaints.track",
    "track-client",
    deduct_when=_track_failed,
    error_message="查询失败次数过多，请稍后再试。",
)
@limiter.shared_limit(
    lambda: current_app.config["COMPLAINT_TRACK_LIMIT_PER_NUMBER"],
    site_bucket("complaints.track", "track-number"),
    key_func=_tracking_no_key,
    methods=["POST"],
    deduct_when=_track_failed,
    error_message="该受理编号的查询失败次数过多，请稍后再试。",
)
def track():
    form = TrackForm()
    errors: dict[str, str] = {}
    if form.validate_on_submit():
        number = normalise_tracking_number(form.tracking_no.data or "")
        code = (form.query_code.data or "").strip()
        if len(number) != 16:
            errors["tracking_no"] = "受理编号是16位数字，请核对"
        elif not is_valid_tracking_number(number):
            g.track_failed = True
            errors["tracking_no"] = BAD_CHECK_DIGIT
        elif len(code) != 6 or not code.isdigit():
            errors["query_code"] = "查询码是6位数字，请核对"
        elif lookup.find_by_credentials(db.session, number, code) is None:
            g.track_failed = True
            errors["query_code"] = GENERIC_TRACK_FAILURE
        else:
            lookup.grant(session, number)
            session[TRACK_KEY] = number
            return redirect(url_for(".track_status"))
    elif request.method == "POST":
        errors["tracking_no"] = "页面已过期，请重新输入。"
    form.query_code.data = ""  # never sent back
    if request.method == "GET":
        form.tracking_no.data = ""
    return render_template("kiosk/track.html", form=form, errors=errors), 400 if errors else 200


@bp.route("/track/status")
def track_status():
    number = session.get(TRACK_KEY)
    if not number or not lookup.is_granted(session, number):
        return redirect(url_for(".home"))
    complaint = db.session.scalars(select(Complaint).where(Complaint.tracking_no == number)).first()
    if complaint is None:
        return redirect(url_for(".home"))
    return render_template(
        "kiosk/status.html",
        complaint=complaint,
        timeline=public_timeline(complaint),
        # the same clock as the website's status page (``calendar_today`` honours TODAY)
        **status_context(complaint, calendar_today(), complaint_calendar()),
    )
