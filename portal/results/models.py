"""Published results that do not come from complaints: social evaluation (社会评议),
case-file reviews (案卷评查) and the roster of appointed supervisors (执法监督员)."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db
from portal.org.models import Unit

#: the five questions of the social-evaluation questionnaire: column → label
EVALUATION_DIMENSIONS = {
    "fairness": "公正执法",
    "attitude": "服务态度",
    "quality": "办案质量",
    "efficiency": "办案效率",
    "integrity": "清正廉洁",
}
#: score → answer text (five levels)
EVALUATION_LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}

#: the eight review items of a case-file review: column → label
REVIEW_ITEMS = {
    "problems_subject": "主体",
    "problems_facts": "事实",
    "problems_evidence": "证据",
    "problems_legal_basis": "法律依据",
    "problems_procedure": "程序",
    "problems_discretion": "裁量适当",
    "problems_criminal_transfer": "涉罪移送",
    "problems_file_keeping": "案卷制作管理",
}
REVIEW_GRADES = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
RECTIFICATION_STATES = {"none_needed": "无需整改", "in_progress": "整改中", "done": "已整改"}

SUPERVISOR_AFFILIATIONS = (
    "人大代表",
    "政协委员",
    "媒体",
    "居委会",
    "律师",
    "专家学者",
    "企业代表",
    "市民代表",
)


class EvaluationPeriod(db.Model):
    """A period in which the public may rate every unit once."""

    __tablename__ = "evaluation_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. 2026年上半年
    name: Mapped[str] = mapped_column(String(60), unique=True)
    opens_on: Mapped[date]
    closes_on: Mapped[date]
    #: closed early by a supervisor; answers are refused after closing either way
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def is_open(self, today: date) -> bool:
        return self.closed_at is None and self.opens_on <= today <= self.closes_on

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "opens_on": self.opens_on,
            "closes_on": self.closes_on,
            "closed_at": self.closed_at,
        }


class EvaluationAnswer(db.Model):
    """One person's rating of one unit in one period. Anonymous: no name, no address, no IP."""

    __tablename__ = "evaluation_answer"
    __table_args__ = tuple(
        CheckConstraint(f"{column} BETWEEN 1 AND 5", name=f"{column}_range")
        for column in EVALUATION_DIMENSIONS
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("evaluation_period.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    fairness: Mapped[int]
    attitude: Mapped[int]
    quality: Mapped[int]
    efficiency: Mapped[int]
    integrity: Mapped[int]
    #: read by staff only; never published (it may name people)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id


class ReviewRound(PublishableMixin, db.Model):
    """A case-file review round (案卷评查) held by the supervision office.

    The round and its ``results`` are the working copy; what the public sees is the current
    ``ReviewRoundRevision`` (publication lifecycle: a change after publication is a correction
    with a public reason, the earlier findings stay readable).
    """

    __tablename__ = "review_round"
    __table_args__ = (status_constraint(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. 2026年度第一次行政处罚案卷评查
    name: Mapped[str] = mapped_column(String(100), unique=True)
    held_on: Mapped[date]
    summary: Mapped[str] = mapped_column(Text, default="")

    results: Mapped[list["ReviewResult"]] = relationship(
        back_populates="round", order_by="ReviewResult.unit_id"
    )

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "held_on": self.held_on,
            "summary": self.summary,
            **self.lifecycle_snapshot(),
        }


class ReviewRoundRevision(RevisionMixin, db.Model):
    """One published version of a round's findings, exactly as the public saw them."""

    __tablename__ = "review_round_revision"
    __table_args__ = (UniqueConstraint("round_id", "revision_no"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("review_round.id"))
    name: Mapped[str] = mapped_column(String(100))
    held_on: Mapped[date]
    summary: Mapped[str] = mapped_column(Text, default="")
    #: each unit's findings as published, in unit order: ``unit_id``, ``unit_code``,
    #: ``unit_name``, ``unit_short_name``, ``files_reviewed``, ``score``, ``grade`` and the
    #: eight ``problems_*`` counts (see ``portal.results.reviews.published_findings``)
    findings: Mapped[list] = mapped_column(JSON)


class ReviewResult(db.Model):
    """One unit's result in a review round: the findings (working copy, published through the
    round's revisions) and the unit's rectification (整改), which the unit keeps up to date and
    the public sees as it stands."""

    __tablename__ = "review_result"
    __table_args__ = (
        UniqueConstraint("round_id", "unit_id", name="round_unit"),
        CheckConstraint("grade IN ('excellent', 'pass', 'fail')", name="grade"),
        CheckConstraint(
            "rectification IN ('none_needed', 'in_progress', 'done')", name="rectification"
        ),
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("review_round.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    files_reviewed: Mapped[int]
    score: Mapped[float]
    grade: Mapped[str] = mapped_column(String(10))
    #: number of problems found per review item
    problems_subject: Mapped[int] = mapped_column(default=0)
    problems_facts: Mapped[int] = mapped_column(default=0)
    problems_evidence: Mapped[int] = mapped_column(default=0)
    problems_legal_basis: Mapped[int] = mapped_column(default=0)
    problems_procedure: Mapped[int] = mapped_column(default=0)
    problems_discretion: Mapped[int] = mapped_column(default=0)
    problems_criminal_transfer: Mapped[int] = mapped_column(default=0)
    problems_file_keeping: Mapped[int] = mapped_column(default=0)
    rectification: Mapped[str] = mapped_column(String(16), default="none_needed")
    rectified_on: Mapped[date | None]
    rectification_note: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[ReviewRound] = relationship(back_populates="results")
    unit: Mapped[Unit] = relationship()

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def problems_total(self) -> int:
        return sum(getattr(self, column) for column in REVIEW_ITEMS)

    def audit_snapshot(self) -> dict:
        snapshot = {column: getattr(self, column) for column in REVIEW_ITEMS}
        snapshot.update(
            unit=self.unit.code if self.unit else self.unit_id,
            files_reviewed=self.files_reviewed,
            score=self.score,
            grade=self.grade,
            rectification=self.rectification,
            rectified_on=self.rectified_on,
            rectification_note=self.rectification_note,
        )
        return snapshot


class Supervisor(db.Model):
    """An appointed enforcement supervisor (执法监督员). Public: name, affiliation, term."""

    __tablename__ = "supervisor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    #: one of SUPERVISOR_AFFILIATIONS
    affiliation: Mapped[str] = mapped_column(String(20))
    #: the body or organisation, e.g. 新华区人大常委会, 平顶山日报社
    organisation: Mapped[str] = mapped_column(String(100), default="")
    term_from: Mapped[date]
    term_to: Mapped[date]
    sort_order: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "affiliation": self.affiliation,
            "organisation": self.organisation,
            "term_from": self.term_from,
            "term_to": self.term_to,
        }
