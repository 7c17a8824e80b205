"""Complaints, tip-offs, suggestions and praise, with their history, attachments and ratings.

Contact details and attachments are personal data: they are read only by the handling unit and
the supervision office (every view audited, see ``portal.complaints.admin_views``), never put in
an audit entry, a log line, a public page or the search index.
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    and_,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser

#: kind → its Chinese name; the values are also the public form's ``kind`` values
KINDS = {"complaint": "投诉", "tipoff": "举报", "suggestion": "建议", "praise": "表扬"}

#: channel → its Chinese name; everything but web and kiosk is entered by staff
CHANNELS = {
    "web": "网站",
    "kiosk": "触摸屏",
    "hotline": "热线电话",
    "mailbox": "举报箱",
    "opinion_book": "意见簿",
    "email": "电子邮件",
    "visit": "来访",
    #: an integration's GeoReport v2 POST (portal.api.open311), under its own API key
    "open311": "开放接口",
}
STAFF_CHANNELS = ("hotline", "mailbox", "opinion_book", "email", "visit")

#: state → its Chinese name (the order is the workflow's)
STATES = {
    "submitted": "已提交",
    "accepted": "已受理",
    "in_progress": "办理中",
    "answered": "已答复",
    "rehandling": "复查中",
    "closed": "已办结",
    "rejected": "不予受理",
}

#: satisfaction level → its Chinese name; 1 and 2 are 差评
SATISFACTION_LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
DISSATISFIED_AT_MOST = 2


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Complaint(db.Model):
    """One submission, from intake to closure."""

    __tablename__ = "complaint"
    __table_args__ = (
        CheckConstraint(_in("kind", KINDS), name="kind"),
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("state", STATES), name="state"),
        CheckConstraint("extension_days BETWEEN 0 AND 30", name="extension_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 16 digits with a check digit (portal.complaints.tracking); unique, drawn again on a clash
    tracking_no: Mapped[str] = mapped_column(String(16), unique=True)
    #: scrypt hash of the 6-digit query code; the code itself is shown once and never stored
    query_code_hash: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(16))
    #: the enrolled kiosk's name when filed on a touch screen (channel kiosk), else ""
    kiosk_name: Mapped[str] = mapped_column(String(60), default="")
    state: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    #: the unit the person complains about or reports to; None: "不清楚", the supervisors route it
    subject_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: the unit handling it (the scoping column); None: with the supervision office only
    handling_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    #: the staff member in charge (承办人), chosen when it goes 办理中
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    #: the officer's badge number as the person typed it (digits)
    badge: Mapped[str] = mapped_column(String(20), default="")
    #: whether the badge was on the roster when submitted; None: not checked (no roster, no badge)
    badge_on_roster: Mapped[bool | None] = mapped_column(Boolean)
    #: when it happened, as the person says (naive UTC like every ``*_at``)
    occurred_at: Mapped[datetime | None]
    location: Mapped[str] = mapped_column(String(200), default="")
    #: where it happened, from the browser's geolocation or an Open311 POST (WGS 84, full
    #: precision: staff only; the public sees 3 decimals, about 100 m)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    #: the Open311 service chosen (a category of portal.results.outcomes.models.CATEGORIES)
    service_category: Mapped[str | None] = mapped_column(String(20))
    #: the integration whose key submitted it (channel open311)
    open311_key_id: Mapped[int | None] = mapped_column(ForeignKey("open311_key.id"))
    description: Mapped[str] = mapped_column(Text)
    #: what the person asks for (诉求)
    requested_outcome: Mapped[str] = mapped_column(Text, default="")
    is_anonymous: Mapped[bool] = mapped_column(default=False)
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    contact_email: Mapped[str] = mapped_column(String(120), default="")
    #: when it reached the bureau (for staff entries: when the call, letter or visit came in)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    accepted_at: Mapped[datetime | None]
    rejected_at: Mapped[datetime | None]
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    extension_days: Mapped[int] = mapped_column(Integer, default=0)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    #: the unit's request for the one extension, decided by a supervisor (信访工作条例 第32条)
    extension_requested_days: Mapped[int | None] = mapped_column(Integer)
    extension_requested_reason: Mapped[str] = mapped_column(Text, default="")
    extension_requested_at: Mapped[datetime | None]
    #: "" (none asked), "pending", "approved" or "refused"
    extension_status: Mapped[str] = mapped_column(String(16), default="")
    #: the first answer; the 30-day window for asking re-handling runs from it
    answered_at: Mapped[datetime | None]
    reply: Mapped[str] = mapped_column(Text, default="")
    rehandling_requested_at: Mapped[datetime | None]
    rehandling_reason: Mapped[str] = mapped_column(Text, default="")
    rehandling_answered_at: Mapped[datetime | None]
    rehandling_reply: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]
    #: the last day of the deadline staff must meet now; None when nothing is due from staff
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    #: the last day for the (first) answer, fixed at acceptance and moved by an extension;
    #: kept after the answer so that statistics can count answers on time by a query
    answer_due_on: Mapped[date | None] = mapped_column(Date)
    #: whether the first answer came by ``answer_due_on``; None until answered
    answered_on_time: Mapped[bool | None] = mapped_column(Boolean)
    #: a named person rated it 差评 and nobody has called them back yet
    follow_up_due: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: raised by every change of the row (SQLAlchemy's version counter): a form carries the
    #: version it was shown with, and a save made on an older one is refused
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    #: a 重复件: the first case of the same matter (None: it is the first, or not linked);
    #: each person still gets their own reply and rating, statistics count the matter once
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)

    __mapper_args__ = {"version_id_col": version}

    subject_unit: Mapped[Unit | None] = relationship(foreign_keys=[subject_unit_id])
    handling_unit: Mapped[Unit | None] = relationship(foreign_keys=[handling_unit_id])
    handler: Mapped[StaffUser | None] = relationship()
    duplicate_of: Mapped["Complaint | None"] = relationship(remote_side=[id])
    events: Mapped[list["ComplaintEvent"]] = relationship(
        back_populates="complaint", order_by="ComplaintEvent.id"
    )
    attachments: Mapped[list["ComplaintAttachment"]] = relationship(
        back_populates="complaint", order_by="ComplaintAttachment.id"
    )
    ratings: Mapped[list["ComplaintRating"]] = relationship(
        back_populates="complaint", order_by="ComplaintRating.id"
    )

    @classmethod
    def unit_scope_column(cls):
        return cls.handling_unit_id

    @classmethod
    def unit_scope_condition(cls, unit_id):
        """A unit's staff do not see their case while it is under 复查: the 复查机关 (handled
        by the supervision office) reviews the unit's own answer (信访工作条例 第35条)."""
        return and_(cls.handling_unit_id == unit_id, cls.state != "rehandling")

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_phone or self.contact_email)

    @property
    def answer_round(self) -> int:
        """How many answers were given: 0, 1, or 2 after a re-handling answer."""
        return (self.answered_at is not None) + (self.rehandling_answered_at is not None)

    def audit_snapshot(self) -> dict:
        """What the audit log keeps: the workflow, never contact details or the content."""
        return {
            "tracking_no": self.tracking_no,
            "kind": self.kind,
            "channel": self.channel,
            "kiosk_name": self.kiosk_name,
            "state": self.state,
            "subject_unit_id": self.subject_unit_id,
            "handling_unit_id": self.handling_unit_id,
            "handler_id": self.handler_id,
            "extension_days": self.extension_days,
            "extension_status": self.extension_status,
            "extension_requested_days": self.extension_requested_days,
            "due_on": self.due_on,
            "is_anonymous": self.is_anonymous,
            "attachments": len(self.attachments),
        }

    def __repr__(self) -> str:
        return f"<Complaint {self.tracking_no} {self.state}>"


class ComplaintEvent(db.Model):
    """One step of the history. The public timeline shows it by unit, never by staff name."""

    __tablename__ = "complaint_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    #: submitted, accepted, rejected, assigned, reassigned, extended, answered, closed,
    #: rehandling_requested, rated, followed_up
    action: Mapped[str] = mapped_column(String(24))
    state_after: Mapped[str] = mapped_column(String(16))
    #: the unit that acted; None for the person, or for the supervision office
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: the staff member who acted (back office only)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    #: True when the person did it (submitted, rated, asked for re-handling)
    by_public: Mapped[bool] = mapped_column(default=False)
    #: shown to the person: the reason for a rejection or extension, the reply
    public_note: Mapped[str] = mapped_column(Text, default="")
    #: shown to staff only
    internal_note: Mapped[str] = mapped_column(Text, default="")

    complaint: Mapped[Complaint] = relationship(back_populates="events")
    unit: Mapped[Unit | None] = relationship()
    actor: Mapped[StaffUser | None] = relationship()


class ComplaintAttachment(db.Model):
    """A checked and re-encoded file under ``UPLOAD_DIR/complaints/``, served to staff only."""

    __tablename__ = "complaint_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    #: path under UPLOAD_DIR, random: ``complaints/2026/11/<32 hex>.jpg``
    stored_name: Mapped[str] = mapped_column(String(120), unique=True)
    #: the name the person gave the file, cleaned, for staff
    filename: Mapped[str] = mapped_column(String(120))
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="attachments")

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


class ComplaintRating(db.Model):
    """A satisfaction rating (案后回访): from /track, or recorded by staff after a phone call."""

    __tablename__ = "complaint_rating"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level"),
        CheckConstraint("source IN ('web', 'phone')", name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    #: which answer it rates: 1 the answer, 2 the re-handling answer
    answer_round: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(8))
    level: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the staff member who made the follow-up call
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    complaint: Mapped[Complaint] = relationship(back_populates="ratings")
    recorded_by: Mapped[StaffUser | None] = relationship()

    @property
    def level_label(self) -> str:
        return SATISFACTION_LEVELS[self.level]

    @property
    def is_dissatisfied(self) -> bool:
        return self.level <= DISSATISFIED_AT_MOST


class ReplyTemplate(db.Model):
    """An editable reply text; a unit's own, or shared by every unit when ``unit_id`` is None."""

    __tablename__ = "complaint_reply_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    title: Mapped[str] = mapped_column(String(60))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit | None] = relationship()

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    def audit_snapshot(self) -> dict:
        return {"title": self.title, "body": self.body, "unit_id": self.unit_id}


class ComplaintPresence(db.Model):
    """Who has a case open in the back office now (“张三 正在处理”); not history."""

    __tablename__ = "complaint_presence"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[StaffUser] = relationship()
