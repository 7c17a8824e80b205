"""State changes of media responses. Each writes its audit entry in the caller's transaction;
each that changes what the public sees writes a search-outbox row too (through the
``Lifecycle``); none commits.

``masked_content`` is the one way a revision's fields are made, so the staff preview, the
published revision and everything read from it (page, feed, CSV, JSON, API, search) agree.
"""

import hashlib
from datetime import date, datetime

from portal.audit.services import Actor, record_change
from portal.core.masking import mask_text
from portal.core.masking_overrides import overrides_options
from portal.core.masking_preview import FieldPreview, field_preview
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, PublicationError
from portal.core.safe_urls import safe_http_url
from portal.officers.public_names import roster_names
from portal.org.models import Unit
from portal.publishing.lifecycle import Lifecycle
from portal.results.media.models import MediaResponse, MediaResponseRevision

FIRST_REPORT_DATE = date(2000, 1, 1)
#: field → (label, maximum length, required)
TEXT_FIELDS = {
    "outlet": ("媒体名称", 100, True),
    "headline": ("报道标题", 150, True),
    "report_summary": ("报道摘要", 5000, True),
    "response": ("回应内容", 5000, True),
    "action_taken": ("处理情况", 5000, False),
}
#: the free-text fields masked on publication, with their labels for the preview
MASKED_TEXT_FIELDS = {
    "headline": "报道标题",
    "report_summary": "报道摘要",
    "response": "回应内容",
    "action_taken": "处理情况",
}
#: the working-copy fields a form provides
MEDIA_FIELDS = (*TEXT_FIELDS, "reported_on", "link", "named_persons")


# --- masking ---------------------------------------------------------------------------------


def masking_options(item: MediaResponse) -> dict:
    """Private persons of the story are masked by name; the unit's own phones stay."""
    unit = item.unit
    phones = [unit.phone, unit.complaint_phone] if unit is not None else []
    return {
        "party_is_person": True,
        "names": item.named_person_list,
        "public_phones": phones,
        "keep_names": roster_names(),
        **overrides_options("media", item.id),
    }


def masked_content(item: MediaResponse) -> dict:
    """The fields of a new ``MediaResponseRevision``: every free text masked."""
    options = masking_options(item)
    return {
        "outlet": item.outlet,
        "reported_on": item.reported_on,
        "link": item.link,
        **{field: mask_text(getattr(item, field) or "", **options) for field in MASKED_TEXT_FIELDS},
    }


def preview(item: MediaResponse) -> list[FieldPreview]:
    """The masked texts split into pieces, so staff see each replacement highlighted."""
    options = masking_options(item)
    return [
        field_preview(field, label, getattr(item, field) or "", **options)
        for field, label in MASKED_TEXT_FIELDS.items()
    ]


def public_reason(item: MediaResponse, reason: str | None) -> str:
    """A correction or withdrawal reason is published too: masked like the response."""
    return mask_text((reason or "").strip(), **masking_options(item))


def _fingerprint(item: MediaResponse) -> str:
    parts = [item.named_persons or "", *(getattr(item, f) or "" for f in MASKED_TEXT_FIELDS)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def media_snapshot(item: MediaResponse) -> dict:
    """The audit before/after. The audit log is never pruned, so it holds no personal data:
    the headline as it would be published and a fingerprint of the private texts."""
    return {
        **item.lifecycle_snapshot(),
        "unit": item.unit.code if item.unit else None,
        "outlet": item.outlet,
        "reported_on": item.reported_on,
        "headline": mask_text(item.headline or "", **masking_options(item)),
        "link": item.link or None,
        "texts_fingerprint": _fingerprint(item),
    }


MEDIA_LIFECYCLE = Lifecycle("media", MediaResponseRevision, "media_response_id", media_snapshot)


# --- the working copy ------------------------------------------------------------------------


def clean_link(value: str | None) -> str:
    """An http(s) address with a host, or ""; anything else is refused in Chinese."""
    link = (value or "").strip()
    if not link:
        return ""
    if len(link) > 500:
        raise PublicationError("报道链接最多500个字符", "link")
    if safe_http_url(link) != link:
        raise PublicationError("报道链接应为以 http:// 或 https:// 开头的网址", "link")
    return link


def apply_working_copy(item: MediaResponse, data: dict, *, today: date) -> None:
    """Validate ``data`` and write it into the working copy."""
    values = {}
    for field, (label, limit, required) in TEXT_FIELDS.items():
        value = (data.get(field) or "").strip()
        if required and not value:
            raise PublicationError(f"请填写{label}", field)
        if len(value) > limit:
            raise PublicationError(f"{label}最多{limit}个字", field)
        values[field] = value
    reported_on = data.get("reported_on")
    if not isinstance(reported_on, date):
        raise PublicationError("请填写报道日期", "reported_on")
    if reported_on > today:
        raise PublicationError("报道日期不能晚于今天", "reported_on")
    if reported_on < FIRST_REPORT_DATE:
        raise PublicationError("报道日期不能早于2000年", "reported_on")
    link = clean_link(data.get("link"))
    names = [line.strip() for line in (data.get("named_persons") or "").splitlines()]
    if any(0 < len(name) < 2 for name in names):
        raise PublicationError("姓名至少两个字，每行一个", "named_persons")
    for field, value in values.items():
        setattr(item, field, value)
    item.reported_on = reported_on
    item.link = link
    item.named_persons = "\n".join(name for name in names if name)


def _audit(session, actor: Actor, item: MediaResponse, action: str, before) -> None:
    session.flush()
    record_change(
        session,
        actor,
        f"media.{action}",
        "media",
        item.id,
        before=before,
        after=media_snapshot(item),
        unit_id=item.unit_id,
    )


def create_media_response(
    session, actor: Actor, unit: Unit, data: dict, *, today: date
) -> MediaResponse:
    """A new draft response of ``unit``."""
    item = MediaResponse(unit=unit)
    with session.no_autoflush:
        apply_working_copy(item, data, today=today)
    session.add(item)
    _audit(session, actor, item, "create", None)
    return item


def update_media_response(
    session, actor: Actor, item: MediaResponse, data: dict, *, today: date
) -> bool:
    """Change a draft (or one waiting for review); False when nothing changed."""
    if item.status not in (DRAFT, REVIEW):
        raise PublicationError("已公示的舆论回应不能直接修改，请使用“更正”")
    before = media_snapshot(item)
    with session.no_autoflush:
        apply_working_copy(item, data, today=today)
    if media_snapshot(item) == before:
        return False
    _audit(session, actor, item, "update", before)
    return True


# --- publication -----------------------------------------------------------------------------


def submit_media_response(session, actor: Actor, item: MediaResponse, *, now=None) -> None:
    """Send a draft to the supervision office for review (optional)."""
    MEDIA_LIFECYCLE.submit_for_review(session, actor, item, now=now)


def return_media_response(
    session, actor: Actor, item: MediaResponse, note: str, *, may_review: bool
) -> None:
    if not may_review:
        raise PublicationError("只有综合监督科可以退回待审核的舆论回应")
    MEDIA_LIFECYCLE.return_to_draft(session, actor, item, note)


def publish_media_response(
    session, actor: Actor, item: MediaResponse, *, now: datetime | None = None
) -> MediaResponseRevision:
    """Publish revision 1: the masked fields of ``masked_content``."""
    if item.status not in (DRAFT, REVIEW):
        raise PublicationError("只有草稿或待审核的舆论回应可以公示")
    return MEDIA_LIFECYCLE.publish(session, actor, item, masked_content(item), now=now)


def correct_media_response(
    session,
    actor: Actor,
    item: MediaResponse,
    data: dict,
    reason: str,
    *,
    today: date,
    now: datetime | None = None,
) -> MediaResponseRevision:
    """Publish a corrected revision; the old one stays readable and ``reason`` is public."""
    if item.status != PUBLISHED:
        raise PublicationError("只有公示中的舆论回应可以更正")
    before = media_snapshot(item)
    with session.no_autoflush:
        apply_working_copy(item, data, today=today)
    return MEDIA_LIFECYCLE.correct(
        session,
        actor,
        item,
        masked_content(item),
        public_reason(item, reason),
        before=before,
        now=now,
    )


def withdraw_media_response(
    session, actor: Actor, item: MediaResponse, reason: str, *, now=None
) -> None:
    """撤下: off the list, feed, API lists and index; the permalink says when and why."""
    MEDIA_LIFECYCLE.withdraw(session, actor, item, public_reason(item, reason), now=now)
