"""From a closed complaint and the staff's texts to what may be published: the masked fields.

``masked_content`` is the one way a revision's fields are made, so the staff preview, the
published revision and everything read from it (page, feed, CSV, JSON, API, search) agree.
The complainant's own name, phone and e-mail are masked wherever they appear, also where the
general patterns of ``portal.core.masking`` would not see them (a name without a label, a
landline without its area code); so are the names of the staff who handled the case.
"""

import re

from portal.complaints.models import Complaint
from portal.complaints.schedule import local_date
from portal.core.masking import mask_text
from portal.core.masking_overrides import overrides_options
from portal.core.masking_preview import FieldPreview, field_preview
from portal.officers.public_names import roster_names

#: the free-text fields that are masked, with their labels for the preview
MASKED_TEXT_FIELDS = {"summary": "情况摘要", "reply": "答复内容"}
#: the item kind of an outcome's rows in ``masking_override``: they are kept with the complaint
#: (staff adjust the preview before the outcome exists; a complaint has one outcome at most)
OVERRIDE_KIND = "complaint"


def final_reply(complaint: Complaint) -> str:
    """The answer that stands: the re-handling answer if there was one, else the first."""
    return complaint.rehandling_reply or complaint.reply or ""


def latest_rating_level(complaint: Complaint) -> int | None:
    ratings = sorted(complaint.ratings, key=lambda rating: (rating.rated_at, rating.id or 0))
    return ratings[-1].level if ratings else None


def masking_options(complaint: Complaint) -> dict:
    """The arguments of ``mask_text`` for this complaint's texts."""
    names = [complaint.contact_name]
    if complaint.handler is not None:
        names.append(complaint.handler.display_name)
    unit = complaint.handling_unit
    phones = [unit.phone, unit.complaint_phone] if unit is not None else []
    emails = [unit.complaint_email] if unit is not None and unit.complaint_email else []
    return {
        "party_is_person": True,
        "names": [name for name in names if name],
        "public_phones": phones,
        "public_emails": emails,
        "keep_names": roster_names() - set(names),  # the handler's own name is masked
        **overrides_options(OVERRIDE_KIND, complaint.id),
    }


def _mask_contacts(text: str, complaint: Complaint) -> str:
    """The person's own phone and e-mail, however they were written into the text."""
    phone = "".join(char for char in complaint.contact_phone or "" if char.isdigit())
    if len(phone) >= 5:
        masked = phone[:3] + "****" + phone[-4:] if len(phone) >= 11 else "*" * len(phone)
        # digits possibly split by spaces or dashes
        pattern = r"[\s-]?".join(re.escape(digit) for digit in phone)
        text = re.sub(rf"(?<!\d){pattern}(?!\d)", masked, text)
    email = (complaint.contact_email or "").strip()
    if "@" in email:
        mailbox, _, domain = email.partition("@")
        text = re.sub(re.escape(email), f"{mailbox[:1]}***@{domain}", text, flags=re.IGNORECASE)
    return text


def mask_outcome_text(text: str, complaint: Complaint) -> str:
    return mask_text(_mask_contacts((text or "").strip(), complaint), **masking_options(complaint))


def prefill(complaint: Complaint) -> dict:
    """The form's starting point: the description and the final answer, already masked."""
    return {
        "summary": mask_outcome_text(complaint.description, complaint),
        "reply": mask_outcome_text(final_reply(complaint), complaint),
    }


def masked_content(complaint: Complaint, category: str, summary: str, reply: str) -> dict:
    """The fields of a new ``ComplaintOutcomeRevision``."""
    return {
        "kind": complaint.kind,
        "channel": complaint.channel,
        "category": category,
        "submitted_on": local_date(complaint.submitted_at),
        "accepted_on": local_date(complaint.accepted_at),
        # the first answer, the one ``answered_on_time`` is about
        "answered_on": local_date(complaint.answered_at),
        "answered_on_time": complaint.answered_on_time,
        "summary": mask_outcome_text(summary, complaint),
        "reply": mask_outcome_text(reply, complaint),
        "rating_level": latest_rating_level(complaint),
    }


def preview(complaint: Complaint, texts: dict) -> list[FieldPreview]:
    """The masked texts split into pieces, so staff see each replacement highlighted."""
    options = masking_options(complaint)
    return [
        field_preview(field, label, _mask_contacts(_text(texts, field), complaint), **options)
        for field, label in MASKED_TEXT_FIELDS.items()
    ]


def _text(texts: dict, field: str) -> str:
    return (texts.get(field) or "").strip()
