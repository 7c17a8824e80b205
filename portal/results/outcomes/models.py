"""Published complaint outcomes (投诉办理结果公示): one per closed complaint that staff chose to
publish, and its published revisions.

The item (``ComplaintOutcome``) holds the staff's working copy of the summary and the reply,
which may still hold personal data; it is only ever shown in the back office. What the public
sees is a ``ComplaintOutcomeRevision``: the complaint's facts and the texts masked when that
revision was published (``portal.results.outcomes.masking``). Tip-offs (举报) never get one.
"""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from portal.complaints.models import CHANNELS, KINDS, SATISFACTION_LEVELS, Complaint
from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db
from portal.org.models import Unit

#: the kinds that may be published (举报 never is: only counted)
PUBLISHABLE_KINDS = {kind: label for kind, label in KINDS.items() if kind != "tipoff"}

#: what the complaint was about; staff choose one when publishing
CATEGORIES = {
    "street_vending": "占道经营",
    "noise": "噪音扰民",
    "parking": "违规停车",
    "conduct": "执法态度",
    "construction": "违法建设",
    "muck_transport": "渣土运输",
    "advertising": "户外广告",
    "other": "其他",
}
NOT_RATED = "未评价"


def _in(values) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


class ComplaintOutcome(PublishableMixin, db.Model):
    __tablename__ = "complaint_outcome"
    __table_args__ = (
        status_constraint(),
        CheckConstraint(f"category IN {_in(CATEGORIES)}", name="category"),
        Index("ix_complaint_outcome_unit", "unit_id", "status", "id"),
        Index("ix_complaint_outcome_feed", "public_updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: at most one outcome per complaint
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), unique=True)
    #: the complaint's handling unit when it was published (the scoping column)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    category: Mapped[str] = mapped_column(String(20))
    #: the staff's summary as typed (back office only; the public sees it masked)
    summary: Mapped[str] = mapped_column(Text, default="")
    #: the answer as the staff want it published (back office only; masked when published)
    reply: Mapped[str] = mapped_column(Text, default="")

    complaint: Mapped[Complaint] = relationship()
    unit: Mapped[Unit] = relationship()
    #: the revision the public sees now (None before the first publication)
    current_revision: Mapped["ComplaintOutcomeRevision | None"] = relationship(
        primaryjoin=lambda: (
            (foreign(ComplaintOutcomeRevision.outcome_id) == ComplaintOutcome.id)
            & (foreign(ComplaintOutcomeRevision.revision_no) == ComplaintOutcome.revision_count)
        ),
        viewonly=True,
        uselist=False,
    )

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]


class ComplaintOutcomeRevision(RevisionMixin, db.Model):
    """One published version of an outcome, exactly as the public saw it (masked)."""

    __tablename__ = "complaint_outcome_revision"
    __table_args__ = (
        UniqueConstraint("outcome_id", "revision_no"),
        Index("ix_complaint_outcome_revision_answered", "answered_on", "outcome_id"),
    )

    outcome_id: Mapped[int] = mapped_column(ForeignKey("complaint_outcome.id"))
    kind: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(20))
    submitted_on: Mapped[date] = mapped_column(Date)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    #: the first answer's local date (``answered_on_time`` is about it; the reply shown is the
    #: final one, the re-handling answer if there was one)
    answered_on: Mapped[date] = mapped_column(Date)
    #: whether the first answer came by its deadline; None when not known
    answered_on_time: Mapped[bool | None]
    #: the staff's summary of the complaint, masked
    summary: Mapped[str] = mapped_column(Text)
    #: the final answer (the re-handling answer if there was one), masked
    reply: Mapped[str] = mapped_column(Text)
    #: the latest satisfaction level (1-5); None: 未评价
    rating_level: Mapped[int | None]

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def channel_label(self) -> str:
        return CHANNELS[self.channel]

    @property
    def category_label(self) -> str:
        return CATEGORIES[self.category]

    @property
    def rating_label(self) -> str:
        return SATISFACTION_LEVELS.get(self.rating_level, NOT_RATED)

    @property
    def on_time_label(self) -> str:
        if self.answered_on_time is None:
            return "—"
        return "按期答复" if self.answered_on_time else "超期答复"


#: the fields of a revision that ``masked_content`` makes
PUBLIC_FIELDS = (
    "kind",
    "channel",
    "category",
    "submitted_on",
    "accepted_on",
    "answered_on",
    "answered_on_time",
    "summary",
    "reply",
    "rating_level",
)
