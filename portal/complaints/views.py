"""Public complaint pages: the form, the receipt, /track with rating and re-handling."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from portal.audit.services import PUBLIC_ACTOR
from portal.complaints import lookup
from portal.complaints.forms import (
    ComplaintForm,
    RatingForm,
    RehandlingForm,
    TrackForm,
    digits_in,
)
from portal.complaints.models import KINDS, Complaint
from portal.complaints.notify import notify_person
from portal.complaints.presenting import public_timeline, status_context
from portal.complaints.qr import qr_svg
from portal.complaints.review_organ import review_organ
from portal.complaints.satisfaction import rate
from portal.complaints.schedule import complaint_calendar
from portal.complaints.submission import (
    SubmissionRefused,
    save_submission,
    unit_choices,
)
from portal.complaints.tracking import is_valid_tracking_number, normalise_tracking_number
from portal.complaints.workflow import WorkflowError, request_rehandling
from portal.core.calendar_store import calendar_today
from portal.core.models import local_today, utcnow
from portal.extensions import db, limiter

bp = Blueprint("complaints", __name__)

GENERIC_TRACK_FAILURE = "受理编号或查询码不正确，请核对后重试。如遗失查询码，请拨打投诉举报电话。"
BAD_CHECK_DIGIT = "编号有误，请核对"
CHANGED_MEANWHILE = "该件刚刚有了新的办理进展，请核对上方的最新情况后重新提交。"


def _submitted(response) -> bool:
    return response.status_code == 302


def _track_failed(_response) -> bool:
    return bool(g.get("track_failed"))


def _tracking_no_key() -> str:
    return "track-number:" + normalise_tracking_number(request.form.get("tracking_no", ""))


@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["COMPLAINT_SUBMIT_LIMIT"],
    methods=["POST"],
    deduct_when=_submitted,
    scope="complaint-submit",
    error_message="提交次数过多。如有紧急情况，请拨打投诉举报电话。",
)
def new():
    form = ComplaintForm()
    form.unit.choices = unit_choices(db.session)
    db.session.rollback()  # end the read: the slow checks below run outside a transaction
    if request.method == "GET":
        _prefill(form)
    elif form.website.data:
        abort(400, "提交未成功，请刷新页面后重新填写。")
    elif form.validate_on_submit():
        try:
            complaint, code = save_submission(
                form, channel=_channel(), actor=PUBLIC_ACTOR, submitted_at=utcnow()
            )
        except SubmissionRefused as refused:
            form.attachments.errors.append(str(refused))
        else:
            lookup.remember_receipt(session, complaint.tracking_no, code)
            return redirect(url_for(".receipt", tracking_no=complaint.tracking_no))
    status = 400 if form.errors else 200
    return render_template("complaints/new.html", form=form), status


def _prefill(form: ComplaintForm) -> None:
    """``?kind=`` and ``?badge=`` (from the badge check, kiosks, links) and ``?unit=``."""
    kind = request.args.get("kind", "")
    form.kind.data = kind if kind in KINDS else "complaint"
    form.badge.data = digits_in(request.args.get("badge", ""))[:12]
    unit = request.args.get("unit", "")
    if unit in form.unit.choices:
        form.unit.data = unit


def _channel() -> str:
    # the kiosk posts the same form with channel=kiosk; anything else is the website
    return "kiosk" if request.form.get("channel") == "kiosk" else "web"


@bp.route("/complaints/receipt/<tracking_no>")
def receipt(tracking_no: str):
    made_here, code = lookup.take_receipt(session, tracking_no)
    if not made_here:
        return redirect(url_for(".track", tracking_no=tracking_no))
    complaint = db.session.scalars(
        select(Complaint).where(Complaint.tracking_no == tracking_no)
    ).first()
    if complaint is None:
        abort(404)
    track_url = url_for(".track", tracking_no=tracking_no, _external=True)
    return render_template(
        "complaints/receipt.html",
        complaint=complaint,
        query_code=code,
        qr=qr_svg(track_url, f"受理编号{tracking_no}的查询网址二维码"),
        track_url=track_url,
        **status_context(complaint, local_today(), complaint_calendar()),
    )


@bp.route("/track", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["COMPLAINT_TRACK_LIMIT_PER_CLIENT"],
    methods=["POST"],
    deduct_when=_track_failed,
    scope="track-client",
    error_message="查询失败次数过多，请稍后再试。",
)
@limiter.limit(
    lambda: current_app.config["COMPLAINT_TRACK_LIMIT_PER_NUMBER"],
    key_func=_tracking_no_key,
    methods=["POST"],
    deduct_when=_track_failed,
    scope="track-number",
    error_message="该受理编号的查询失败次数过多，请稍后再试。",
)
def track():
    form = TrackForm()
    if request.method == "GET":
        form.tracking_no.data = normalise_tracking_number(request.args.get("tracking_no", ""))[:16]
        return render_template("complaints/track.html", form=form, failure="")
    failure, status = "", 400
    if form.validate_on_submit():
        number = normalise_tracking_number(form.tracking_no.data)
        if not is_valid_tracking_number(number):
            g.track_failed = True
            form.tracking_no.errors.append(BAD_CHECK_DIGIT)
        else:
            complaint = lookup.find_by_credentials(db.session, number, form.query_code.data)
            if complaint is not None:
                lookup.grant(session, number)
                return redirect(url_for(".status", tracking_no=number))
            g.track_failed = True
            failure, status = GENERIC_TRACK_FAILURE, 404
    form.query_code.data = ""  # never sent back to the browser
    return render_template("complaints/track.html", form=form, failure=failure), status


def _granted_complaint(tracking_no: str) -> Complaint | None:
    if not lookup.is_granted(session, tracking_no):
        return None
    return db.session.scalars(select(Complaint).where(Complaint.tracking_no == tracking_no)).first()


def _render_status(complaint, rating_form=None, rehandling_form=None, status=200):
    return render_template(
        "complaints/status.html",
        complaint=complaint,
        timeline=public_timeline(complaint),
        rating_form=rating_form or RatingForm(formdata=None),
        rehandling_form=rehandling_form or RehandlingForm(formdata=None),
        **status_context(complaint, calendar_today(), complaint_calendar()),
    ), status


@bp.route("/track/<tracking_no>")
def status(tracking_no: str):
    complaint = _granted_complaint(tracking_no)
    if complaint is None:
        return redirect(url_for(".track", tracking_no=tracking_no))
    return _render_status(complaint)


@bp.route("/track/<tracking_no>/rating", methods=["POST"])
def rating(tracking_no: str):
    complaint = _granted_complaint(tracking_no)
    if complaint is None:
        return redirect(url_for(".track", tracking_no=tracking_no))
    form = RatingForm()
    if form.validate_on_submit():
        try:
            events = rate(
                db.session,
                complaint,
                form.level.data,
                form.comment.data,
                now=utcnow(),
                calendar=complaint_calendar(),
            )
            db.session.flush()
        except WorkflowError as error:
            db.session.rollback()
            form.level.errors.append(str(error))
        except StaleDataError:
            # staff changed the case at this very moment (its version counter moved on)
            db.session.rollback()
            form.level.errors.append(CHANGED_MEANWHILE)
        else:
            db.session.commit()
            for event in events:
                notify_person(complaint, event)
            flash("感谢您的评价。", "success")
            return redirect(url_for(".status", tracking_no=tracking_no))
    return _render_status(complaint, rating_form=form, status=400)


@bp.route("/track/<tracking_no>/rehandling", methods=["POST"])
def rehandling(tracking_no: str):
    complaint = _granted_complaint(tracking_no)
    if complaint is None:
        return redirect(url_for(".track", tracking_no=tracking_no))
    form = RehandlingForm()
    if form.validate_on_submit():
        try:
            request_rehandling(
                db.session,
                complaint,
                form.reason.data,
                now=utcnow(),
                today=local_today(),
                calendar=complaint_calendar(),
            )
            db.session.flush()
        except WorkflowError as error:
            db.session.rollback()
            form.reason.errors.append(str(error))
        except StaleDataError:
            db.session.rollback()
            form.reason.errors.append(CHANGED_MEANWHILE)
        else:
            db.session.commit()
            organ = review_organ(complaint.handling_unit)
            flash(f"复查申请已提交，将由{organ}在30日内答复。", "success")
            return redirect(url_for(".status", tracking_no=tracking_no))
    return _render_status(complaint, rehandling_form=form, status=400)
