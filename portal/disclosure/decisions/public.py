"""What the public may know about a decision — the one projection every public output uses.

Pages, the feed, CSV and JSON downloads, the API (and the search index) turn a decision into a
:class:`PublicDecision` here and read nothing else. It is built from the current published
revision (masked when it was published), never from the working copy; a withdrawn or expired
decision keeps only what identifies it and the notice.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask import url_for

from portal.core.public_record import (
    PublicRevisionNote,
    revisions_json,
    utc_iso,
    withdrawal_json,
)
from portal.core.publication import PUBLIC_STATUS_LABELS, PUBLISHED, WITHDRAWN
from portal.disclosure.decisions.models import VIOLATION_TYPES, DecisionRevision, PenaltyDecision
from portal.disclosure.decisions.rules import DecisionSettings, RetentionCutoffs
from portal.org.models import Unit

#: the namespace of the stable feed ids (urn:uuid) of decisions
FEED_ID_NAMESPACE = uuid.UUID("6f1c2a4e-1f0b-5c57-9a51-2d6b1c1e0d01")


@dataclass(frozen=True)
class PublicDecision:
    public_id: str
    unit_code: str
    unit_name: str
    unit_short_name: str
    #: published, corrected, withdrawn or expired
    status: str
    doc_no: str
    decided_on: date
    first_published_at: datetime
    updated_at: datetime
    revision_no: int
    revision_published_at: datetime
    correction_reason: str
    #: None when withdrawn or expired: the content is no longer public
    content: DecisionRevision | None
    withdrawn_at: datetime | None
    withdrawal_reason: str
    listed_until: date
    is_major: bool

    @property
    def status_label(self) -> str:
        return PUBLIC_STATUS_LABELS[self.status]

    @property
    def is_listed(self) -> bool:
        return self.status in ("published", "corrected")

    @property
    def violation_label(self) -> str:
        return self.content.violation_label if self.content else ""

    @property
    def feed_id(self) -> str:
        return uuid.uuid5(FEED_ID_NAMESPACE, f"decision:{self.public_id}").urn


def public_status(decision: PenaltyDecision, cutoffs: RetentionCutoffs) -> str | None:
    """The decision's public status, or None when it was never published (no public page)."""
    if decision.first_published_at is None or decision.status not in (PUBLISHED, WITHDRAWN):
        return None
    if decision.status == WITHDRAWN:
        return "withdrawn"
    if not cutoffs.listed(decision.party_type, decision.decided_on):
        return "expired"
    return decision.public_status


def public_view(
    decision: PenaltyDecision,
    unit: Unit,
    revision: DecisionRevision,
    cutoffs: RetentionCutoffs,
    settings: DecisionSettings,
) -> PublicDecision | None:
    """``revision`` (normally the current one) of ``decision`` as the public may see it."""
    status = public_status(decision, cutoffs)
    if status is None or revision is None:
        return None
    shows_content = status in ("published", "corrected")
    return PublicDecision(
        public_id=decision.public_id,
        unit_code=unit.code,
        unit_name=unit.name,
        unit_short_name=unit.short_name,
        status=status,
        doc_no=revision.doc_no,
        decided_on=revision.decided_on,
        first_published_at=decision.first_published_at,
        updated_at=decision.public_updated_at or decision.first_published_at,
        revision_no=revision.revision_no,
        revision_published_at=revision.published_at,
        correction_reason=revision.reason,
        content=revision if shows_content else None,
        withdrawn_at=decision.withdrawn_at,
        withdrawal_reason=decision.withdrawal_reason,
        listed_until=cutoffs.listed_until(decision.party_type, decision.decided_on, settings),
        is_major=revision.is_major,
    )


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def decision_json(view: PublicDecision, history: list[PublicRevisionNote] | None = None) -> dict:
    """The API's and the JSON download's representation (the OpenAPI ``Decision`` schema)."""
    content = view.content
    document = {
        "public_id": view.public_id,
        "doc_no": view.doc_no,
        "unit_code": view.unit_code,
        "unit_name": view.unit_name,
        "party": content.party if content else None,
        "party_type": content.party_type if content else None,
        "violation_type": content.violation_type if content else None,
        "violation_type_label": VIOLATION_TYPES[content.violation_type] if content else None,
        "violation": content.violation if content else None,
        "facts": content.facts if content else None,
        "legal_basis": content.legal_basis if content else None,
        "penalty": content.penalty if content else None,
        "fine_amount": _amount(content.fine_amount) if content else None,
        "confiscated_income": _amount(content.confiscated_income) if content else None,
        "confiscated_property_value": (
            _amount(content.confiscated_property_value) if content else None
        ),
        "decided_on": _iso(view.decided_on),
        "is_major": view.is_major,
        "published_at": utc_iso(view.first_published_at),
        "updated_at": utc_iso(view.updated_at),
        "revision": view.revision_no,
        "status": view.status,
        "withdrawal": withdrawal_json(view),
        "listed_until": _iso(view.listed_until),
        "url": url_for("disclosure.decision", public_id=view.public_id, _external=True),
    }
    if history is not None:
        endpoint = "disclosure.decision_revision"
        document["revisions"] = revisions_json(history, endpoint, view.public_id)
    return document


CSV_HEADER = [
    "public_id",
    "doc_no",
    "unit_code",
    "unit_name",
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
    "published_at",
    "updated_at",
    "revision",
    "status",
    "url",
]


def decision_csv_row(view: PublicDecision) -> list:
    data = decision_json(view)
    data["is_major"] = "是" if view.is_major else "否"
    for column in ("fine_amount", "confiscated_income", "confiscated_property_value"):
        data[column] = f"{getattr(view.content, column):.2f}" if view.content else ""
    return [data[column] for column in CSV_HEADER]
