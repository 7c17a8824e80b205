"""The kiosk's complaint flow: one question per screen, one form, the shared intake.

All the screens are steps of one form on one page (``static/js/kiosk.js`` shows one at a
time), so going back loses nothing and the CSRF token is the form's own. The post goes through
the same ``ComplaintForm`` and ``save_submission`` as the website; an enrolled kiosk's
complaints get channel ``kiosk`` and the kiosk's name. The receipt reads its number from the
session, so after the walk-away wipe the back button finds nothing.
"""

from datetime import datetime, time, timedelta

from flask import current_app, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.datastructures import CombinedMultiDict, MultiDict

from portal.audit.services import PUBLIC_ACTOR
from portal.complaints import lookup
from portal.complaints.forms import ComplaintForm
from portal.complaints.models import KINDS, Complaint
from portal.complaints.presenting import status_context
from portal.complaints.qr import qr_svg
from portal.complaints.schedule import complaint_calendar
from portal.complaints.submission import SubmissionRefused, save_submission, unit_choices
from portal.core.models import LOCAL_TZ, local_today, utcnow
from portal.extensions import db
from portal.kiosk.identity import current_kiosk, site_limit
from portal.kiosk.views import BADGE_KEY, bp

RECEIPT_KEY = "kiosk_receipt"

#: what happened, as tiles: a tap writes the words into the text, the person adds the rest
COMMON_MATTERS = {
    "complaint": [
        "态度粗暴",
        "未出示执法证件",
        "乱罚款",
        "暴力执法",
        "扣押物品不开清单",
        "推诿不办",
    ],
    "tipoff": ["占道经营", "违法建设", "渣土车撒漏", "露天烧烤", "噪声扰民", "乱张贴乱涂画"],
    "suggestion": ["增设便民摊点", "改进执法方式", "加强夜间巡查", "完善公示信息"],
    "praise": ["热情耐心", "文明执法", "办事高效", "帮助群众"],
}

#: when it happened, as tiles → how to turn the tap into a local time
WHEN_CHOICES = {
    "now": "刚才",
    "morning": "今天上午",
    "afternoon": "今天下午",
    "yesterday": "昨天",
    "unknown": "不记得了",
}


def occurred_at_text(choice: str, now_local: datetime) -> str:
    """The ``occurred_at`` value (YYYY-MM-DDTHH:MM, Asia/Shanghai) a tapped tile stands for."""
    today = now_local.date()
    moments = {
        "now": now_local.replace(second=0, microsecond=0),
        "morning": datetime.combine(today, time(9, 0)),
        "afternoon": datetime.combine(today, time(15, 0)),
        "yesterday": datetime.combine(today - timedelta(days=1), time(12, 0)),
    }
    moment = moments.get(choice)
    if moment is None:
        return ""
    # "this afternoon" tapped at 10:00 would lie in the future: take now instead
    return min(moment.replace(tzinfo=None), now_local.replace(tzinfo=None)).strftime(
        "%Y-%m-%dT%H:%M"
    )


def _form_data():
    when = request.form.get("when", "")
    now_local = datetime.now(LOCAL_TZ)
    extra = MultiDict({"occurred_at": occurred_at_text(when, now_local)})
    return CombinedMultiDict([extra, request.form, request.files])


def _submitted(response) -> bool:
    return response.status_code == 302


def _render(form: ComplaintForm, status: int = 200):
    return render_template(
        "kiosk/complaint.html",
        form=form,
        kinds=KINDS,
        matters=COMMON_MATTERS,
        when_choices=WHEN_CHOICES,
        when=request.form.get("when", ""),
    ), status


@bp.route("/complaint", methods=["GET", "POST"])
@site_limit(
    "COMPLAINT_SUBMIT_LIMIT",
    "KIOSK_COMPLAINT_SUBMIT_LIMIT",
    "complaints.new",
    "complaint-submit",
    deduct_when=_submitted,
    error_message="提交次数过多。如有紧急情况，请拨打投诉举报电话。",
)
def complaint():
    if request.method == "GET":
        form = ComplaintForm(formdata=None)
        form.unit.choices = unit_choices(db.session)
        form.kind.data = ""
        if request.args.get("from") == "badge" and session.get(BADGE_KEY):
            form.badge.data = session[BADGE_KEY]
            form.kind.data = "complaint"
        kiosk = current_kiosk()
        if kiosk is not None:
            form.unit.data = kiosk.unit.code
        return _render(form)
    form = ComplaintForm(formdata=_form_data())
    form.unit.choices = unit_choices(db.session)
    kiosk = current_kiosk()
    db.session.rollback()  # end the read: the slow checks below run outside a transaction
    if form.validate_on_submit():
        try:
            saved, code = save_submission(
                form,
                channel="kiosk" if kiosk is not None else "web",
                kiosk_name=kiosk.name if kiosk is not None else "",
                actor=PUBLIC_ACTOR,
                submitted_at=utcnow(),
            )
        except SubmissionRefused as refused:
            form.description.errors.append(str(refused))
        else:
            lookup.remember_receipt(session, saved.tracking_no, code)
            session[RECEIPT_KEY] = saved.tracking_no
            session.pop(BADGE_KEY, None)
            return redirect(url_for(".receipt"))
    return _render(form, 400)


@bp.route("/complaint/receipt")
def receipt():
    tracking_no = session.get(RECEIPT_KEY)
    if not tracking_no:
        return redirect(url_for(".home"))
    made_here, code = lookup.take_receipt(session, tracking_no)
    saved = db.session.scalars(
        select(Complaint).where(Complaint.tracking_no == tracking_no)
    ).first()
    if not made_here or saved is None:
        return redirect(url_for(".home"))
    track_url = url_for("complaints.track", tracking_no=tracking_no, _external=True)
    return render_template(
        "kiosk/receipt.html",
        complaint=saved,
        query_code=code,
        qr=qr_svg(track_url, f"受理编号{tracking_no}的查询网址二维码", scalable=True),
        track_url=track_url,
        printed_on=local_today(),
        hotline=current_app.config["COMPLAINT_HOTLINE"],
        **status_context(saved, local_today(), complaint_calendar()),
    )
