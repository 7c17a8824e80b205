"""From a decision's working copy to what may be published: the masked public fields.

``masked_content`` is the one way a revision's fields are made, so the staff preview, the
published revision and everything read from it (page, feed, CSV, JSON, API, search) agree.
"""

import hashlib

from portal.core.masking import mask_party_name, mask_text
from portal.core.masking_adjust import MaskingAdjustments
from portal.core.masking_overrides import overrides_options
from portal.core.masking_preview import FieldPreview, field_preview
from portal.disclosure.decisions.models import PenaltyDecision
from portal.officers.public_names import roster_names

#: the free-text fields that are masked, with their labels for the preview
MASKED_TEXT_FIELDS = {
    "violation": "违法行为",
    "facts": "违法事实",
    "legal_basis": "处罚依据",
    "penalty": "处罚内容",
}
#: the item kind of this decision's rows in ``masking_override``
OVERRIDE_KIND = "decision"


def public_party(decision: PenaltyDecision) -> str:
    return mask_party_name(decision.party_name, decision.party_type)


def masking_options(decision: PenaltyDecision) -> dict:
    """The arguments of ``mask_text`` for this decision's texts."""
    person = decision.party_type == "person"
    names = [decision.party_name] if person else []
    names += decision.related_name_list
    unit = decision.unit
    phones = [unit.phone, unit.complaint_phone] if unit is not None else []
    return {
        "party_is_person": person,
        "names": names,
        "public_phones": phones,
        "keep_names": roster_names(),
        **overrides_options(OVERRIDE_KIND, getattr(decision, "id", None)),
    }


def masked_content(decision: PenaltyDecision) -> dict:
    """The fields of a new ``DecisionRevision``: every text masked, the party as published."""
    options = masking_options(decision)
    return {
        "doc_no": decision.doc_no.strip(),
        "party": public_party(decision),
        "party_type": decision.party_type,
        "violation_type": decision.violation_type,
        **{
            field: mask_text(getattr(decision, field) or "", **options)
            for field in MASKED_TEXT_FIELDS
        },
        "fine_amount": decision.fine_amount,
        "confiscated_income": decision.confiscated_income,
        "confiscated_property_value": decision.confiscated_property_value,
        "decided_on": decision.decided_on,
        "is_major": decision.is_major,
    }


def preview(decision: PenaltyDecision) -> list[FieldPreview]:
    """The masked texts split into pieces, so staff see each replacement highlighted."""
    options = masking_options(decision)
    return [
        field_preview(field, label, getattr(decision, field) or "", **options)
        for field, label in MASKED_TEXT_FIELDS.items()
    ]


def private_fingerprint(decision: PenaltyDecision) -> str:
    """A hash of the private texts: the audit log shows that they changed, not what they say."""
    parts = [
        decision.party_name,
        decision.related_names,
        *(getattr(decision, field) or "" for field in MASKED_TEXT_FIELDS),
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


#: the preview's adjustments; routes registered in ``masking_views``
DECISION_ADJUSTMENTS = MaskingAdjustments(OVERRIDE_KIND, preview)


def adjustment_context(decision, previews: list[FieldPreview] | None = None) -> dict:
    """What ``masking_adjust`` in ``_macros/masking.html`` needs for this decision (nothing
    once it is withdrawn); ``previews`` if the page made them already."""
    return DECISION_ADJUSTMENTS.context(decision, previews, decision_id=decision.id)
