"""Penalty decisions (行政处罚决定): the working copy staff edit, and its published revisions.

The working copy (``PenaltyDecision``) holds the party's real name and the unmasked facts; it
is only ever shown in the back office. What the public sees is a ``DecisionRevision``: the
fields masked when that revision was published (``portal.disclosure.decisions.masking``).
"""

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db
from portal.org.models import Unit

#: code → the violation type people filter by (SPEC: typical violations)
VIOLATION_TYPES = {
    "street_vending": "占道经营",
    "illegal_construction": "违法建设",
    "posting_graffiti": "乱张贴乱涂画",
    "muck_transport": "渣土车辆未密闭运输/撒漏",
    "outdoor_advertising": "违规设置户外广告",
    "open_air_barbecue": "露天烧烤",
    "noise": "噪声扰民",
    "green_space": "破坏绿地",
    "shared_bicycles": "违规停放共享单车",
    "construction_dust": "工地扬尘",
    "other": "其他",
}
PARTY_TYPES = {"person": "自然人", "organisation": "法人或其他组织"}
#: kinds of revocation that oblige a withdrawal (行政处罚法 第48条第2款)
REVOCATION_KINDS = {
    "revoked": "被依法撤销",
    "changed": "被依法变更",
    "unlawful": "被确认违法",
    "invalid": "被确认无效",
}
#: why a decision that is not a minor's is withheld from publication (依法不予公开); the
#: statistics count each category, no list ever shows them
NONDISCLOSURE_REASONS = {
    "state_secret": "涉及国家秘密",
    "trade_secret": "涉及商业秘密",
    "privacy": "涉及个人隐私",
    "other_law": "其他依法不予公开情形",
}
FINE = Numeric(12, 2)


def _in(values) -> str:
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


class PenaltyDecision(PublishableMixin, db.Model):
    __tablename__ = "penalty_decision"
    __table_args__ = (
        status_constraint(),
        CheckConstraint(f"party_type IN {_in(PARTY_TYPES)}", name="party_type"),
        CheckConstraint(f"violation_type IN {_in(VIOLATION_TYPES)}", name="violation_type"),
        CheckConstraint("fine_amount >= 0", name="fine_not_negative"),
        CheckConstraint(
            "confiscated_income >= 0 AND confiscated_property_value >= 0",
            name="confiscation_not_negative",
        ),
        # a decision withheld by law is never published either
        CheckConstraint(
            "nondisclosure_reason = '' OR status IN ('draft', 'review')",
            name="withheld_never_published",
        ),
        # a minor's decision is never published (SPEC)
        CheckConstraint(
            "NOT party_is_minor OR status IN ('draft', 'review')", name="minor_never_published"
        ),
        UniqueConstraint("unit_id", "doc_no", name="uq_penalty_decision_unit_doc_no"),
        # The public list, newest first: each index leads with the equality columns of a filter
        # (none, unit, violation type, both, 重大) and ends with the keyset (decided_on, id), so
        # any page is one index range scan. SQLite picks the right one without statistics.
        Index("ix_penalty_decision_listing", "status", "decided_on", "id"),
        Index("ix_penalty_decision_unit_listing", "unit_id", "status", "decided_on", "id"),
        Index(
            "ix_penalty_decision_violation_listing", "violation_type", "status", "decided_on", "id"
        ),
        Index(
            "ix_penalty_decision_unit_violation_listing",
            *("unit_id", "violation_type", "status", "decided_on", "id"),
        ),
        Index("ix_penalty_decision_major_listing", "is_major", "status", "decided_on", "id"),
        # the feed (latest public changes) and the back office (by unit; due for publication)
        Index("ix_penalty_decision_feed", "public_updated_at", "id"),
        Index("ix_penalty_decision_unit", "unit_id", "id"),
        Index("ix_penalty_decision_due", "status", "publication_due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: 文书号, e.g. 平新城管罚决字〔2026〕第123号; unique within the unit
    doc_no: Mapped[str] = mapped_column(String(100))
    #: the party's real name (never public for a natural person: see mask_party_name)
    party_name: Mapped[str] = mapped_column(String(200))
    party_type: Mapped[str] = mapped_column(String(12))
    party_is_minor: Mapped[bool] = mapped_column(default=False)
    #: other natural persons named in the record (witnesses, relatives), one per line; masked
    #: wherever they appear in the published text
    related_names: Mapped[str] = mapped_column(Text, default="")
    violation_type: Mapped[str] = mapped_column(String(32))
    #: 违法行为: what the party did, in a sentence
    violation: Mapped[str] = mapped_column(Text)
    #: 违法事实: the facts found, as written in the decision (may hold personal data)
    facts: Mapped[str] = mapped_column(Text, default="")
    #: 处罚依据
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    #: 处罚内容, e.g. 罚款人民币5000元，并责令限期拆除
    penalty: Mapped[str] = mapped_column(Text, default="")
    #: in yuan; 0 when there is no fine
    fine_amount: Mapped[Decimal] = mapped_column(FINE, default=Decimal("0"))
    #: 没收违法所得, in yuan (0: none)
    confiscated_income: Mapped[Decimal] = mapped_column(FINE, default=Decimal("0"))
    #: 没收非法财物: the value of what was confiscated, in yuan (0: none)
    confiscated_property_value: Mapped[Decimal] = mapped_column(FINE, default=Decimal("0"))
    #: one of NONDISCLOSURE_REASONS when the decision is withheld by law ("" otherwise)
    nondisclosure_reason: Mapped[str] = mapped_column(String(16), default="")
    #: 责令停产停业 / 责令关闭 — one of the measures that make a decision 重大
    orders_stop_of_business: Mapped[bool] = mapped_column(default=False)
    #: 吊销许可证件
    revokes_licence: Mapped[bool] = mapped_column(default=False)
    decided_on: Mapped[date] = mapped_column(Date)
    #: the last day for publication: decided_on + N working days (set when saved)
    publication_due_on: Mapped[date] = mapped_column(Date)
    #: 重大: by the thresholds (portal.disclosure.decisions.rules) or raised by staff
    is_major: Mapped[bool] = mapped_column(default=False)
    #: staff raised the flag although no threshold applies
    major_raised: Mapped[bool] = mapped_column(default=False)
    major_raise_reason: Mapped[str] = mapped_column(Text, default="")
    #: 法制审核 of a 重大 decision passed on this date (None: not yet)
    legal_reviewed_on: Mapped[date | None] = mapped_column(Date)
    #: 备案 with the city bureau on this date (None: not yet)
    filed_on: Mapped[date | None] = mapped_column(Date)
    filing_note: Mapped[str] = mapped_column(String(200), default="")
    #: the decision was revoked, changed or found unlawful on this date (the date of the
    #: 复议决定, judgment or the organ's own decision): the 3-working-day period for
    #: withdrawing it runs from here (行政处罚法 第48条), not from when staff recorded it
    revoked_on: Mapped[date | None] = mapped_column(Date)
    #: when staff recorded the revocation in the portal
    revocation_recorded_on: Mapped[date | None] = mapped_column(Date)
    revocation_kind: Mapped[str] = mapped_column(String(12), default="")
    revocation_reason: Mapped[str] = mapped_column(Text, default="")
    #: ``form`` or ``import``
    source: Mapped[str] = mapped_column(String(8), default="form")

    unit: Mapped[Unit] = relationship()
    #: the revision the public sees now (None before the first publication)
    current_revision: Mapped["DecisionRevision | None"] = relationship(
        primaryjoin=lambda: (
            (foreign(DecisionRevision.decision_id) == PenaltyDecision.id)
            & (foreign(DecisionRevision.revision_no) == PenaltyDecision.revision_count)
        ),
        viewonly=True,
        uselist=False,
    )

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def violation_label(self) -> str:
        return VIOLATION_TYPES[self.violation_type]

    @property
    def party_type_label(self) -> str:
        return PARTY_TYPES[self.party_type]

    @property
    def withheld(self) -> bool:
        """Never published: a minor's decision, or one withheld by law."""
        return self.party_is_minor or bool(self.nondisclosure_reason)

    @property
    def related_name_list(self) -> list[str]:
        return [name.strip() for name in (self.related_names or "").splitlines() if name.strip()]


class DecisionRevision(RevisionMixin, db.Model):
    """One published version of a decision, exactly as the public saw it (masked)."""

    __tablename__ = "decision_revision"
    __table_args__ = (UniqueConstraint("decision_id", "revision_no"),)

    decision_id: Mapped[int] = mapped_column(ForeignKey("penalty_decision.id"))
    doc_no: Mapped[str] = mapped_column(String(100))
    #: 张某某 for a natural person, the organisation's name in full
    party: Mapped[str] = mapped_column(String(200))
    party_type: Mapped[str] = mapped_column(String(12))
    violation_type: Mapped[str] = mapped_column(String(32))
    violation: Mapped[str] = mapped_column(Text)
    facts: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    penalty: Mapped[str] = mapped_column(Text)
    fine_amount: Mapped[Decimal] = mapped_column(FINE)
    confiscated_income: Mapped[Decimal] = mapped_column(FINE, default=Decimal("0"))
    confiscated_property_value: Mapped[Decimal] = mapped_column(FINE, default=Decimal("0"))
    decided_on: Mapped[date] = mapped_column(Date)
    is_major: Mapped[bool]

    @property
    def violation_label(self) -> str:
        return VIOLATION_TYPES[self.violation_type]


#: the working copy's fields a revision is made from (and a correction may change)
PUBLIC_FIELDS = (
    "doc_no",
    "party",
    "party_type",
    "violation_type",
    "violation",
    "facts",
    "legal_basis",
    "penalty",
    "fine_amount",
    "confiscated_income",
    "confiscated_property_value",
    "decided_on",
    "is_major",
)
