"""State changes of units and disclosure documents, each audited in the same transaction.

Penalty decisions have their own services in ``portal.disclosure.decisions.services``.
"""

from portal.audit.services import Actor, record_change
from portal.core.masking import find_personal_data, mask_text
from portal.core.masking_overrides import overrides_options
from portal.core.masking_preview import FieldPreview, field_preview
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, PublicationError
from portal.core.sanitize import html_to_text, mask_html, sanitize_staff_input
from portal.disclosure.models import DOCUMENT_KINDS, DisclosureDocument, DocumentRevision
from portal.officers.public_names import roster_names
from portal.org.models import Unit
from portal.publishing.lifecycle import Lifecycle
from portal.search.outbox import record_index_change

UNIT_PROFILE_FIELDS = (
    "address",
    "postcode",
    "phone",
    "complaint_phone",
    "complaint_email",
    "mailbox_location",
    "visit_address",
    "visit_hours",
    "jurisdiction",
)
#: set by admins only (UnitAdminForm)
UNIT_REVIEW_FIELDS = ("review_unit_id", "review_organ_name")


def update_unit_profile(session, actor: Actor, unit: Unit, changes: dict) -> bool:
    """Apply the changed contact fields; returns False (and audits nothing) when none changed."""
    before = unit.audit_snapshot()
    for field in UNIT_PROFILE_FIELDS:
        if field in changes:
            setattr(unit, field, (changes[field] or "").strip())
    if "review_unit_id" in changes:
        review_unit_id = changes["review_unit_id"] or None
        if review_unit_id == unit.id:
            raise ValueError("a unit cannot be its own 复查机关")
        unit.review_unit_id = review_unit_id
        unit.review_unit = session.get(Unit, review_unit_id) if review_unit_id else None
    if "review_organ_name" in changes:
        unit.review_organ_name = (changes["review_organ_name"] or "").strip()
    after = unit.audit_snapshot()
    if after == before:
        return False
    session.flush()
    record_change(
        session,
        actor,
        "unit.update",
        "unit",
        unit.code,
        before=before,
        after=after,
        unit_id=unit.id,
    )
    record_index_change(session, "unit", unit.id)
    return True


# --- disclosure documents --------------------------------------------------------------------

DOCUMENT_LIFECYCLE = Lifecycle(
    "document", DocumentRevision, "document_id", lambda document: document.audit_snapshot()
)
#: the item kind of a document's rows in ``masking_override``
DOCUMENT_OVERRIDE_KIND = "document"
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 200_000


def document_masking_options(unit: Unit, config, document_id: int | None = None) -> dict:
    """A document speaks for the unit: its own and the bureau's contacts stay public; the
    staff's adjustments of the document's masking (``masking_override``) apply."""
    return {
        "party_is_person": False,
        "public_phones": [unit.phone, unit.complaint_phone, config["COMPLAINT_HOTLINE"]],
        "public_emails": [email for email in (unit.complaint_email, config["SUPERVISION_EMAIL"])],
        "keep_names": roster_names(),
        **overrides_options(DOCUMENT_OVERRIDE_KIND, document_id),
    }


def document_content(document: DisclosureDocument, config) -> dict:
    """The fields of a new revision: the sanitised body with personal data masked."""
    options = document_masking_options(document.unit, config, document.id)
    return {
        "kind": document.kind,
        "title": mask_text(document.title, **options),
        "body_html": mask_html(document.body_html, **options),
    }


def document_findings(document: DisclosureDocument, config) -> list:
    """Personal data the published revision will mask (for the staff preview)."""
    options = document_masking_options(document.unit, config, document.id)
    text = document.title + "\n" + html_to_text(document.body_html)
    return find_personal_data(text, **options)


def document_preview(document: DisclosureDocument, config) -> list[FieldPreview]:
    """The title and the body's text, masked in marked pieces (what staff may adjust)."""
    options = document_masking_options(document.unit, config, document.id)
    return [
        field_preview("title", "标题", document.title or "", **options),
        field_preview("body_html", "正文", html_to_text(document.body_html or ""), **options),
    ]


def _apply_document(document: DisclosureDocument, kind: str, title: str, body: str) -> None:
    if kind not in DOCUMENT_KINDS:
        raise PublicationError("请选择公示类别", "kind")
    title = (title or "").strip()
    if not title:
        raise PublicationError("请填写标题", "title")
    if len(title) > TITLE_MAX_LENGTH:
        raise PublicationError(f"标题最多{TITLE_MAX_LENGTH}个字", "title")
    if len(body or "") > BODY_MAX_LENGTH:
        raise PublicationError("正文过长，请拆分为多个文件", "body")
    body_html = sanitize_staff_input(body)
    if not html_to_text(body_html):
        raise PublicationError("请填写正文", "body")
    document.kind = kind
    document.title = title
    document.body_html = body_html


def _audit_document(session, actor, document, action: str, before) -> None:
    session.flush()
    record_change(
        session,
        actor,
        f"document.{action}",
        "document",
        document.id,
        before=before,
        after=document.audit_snapshot(),
        unit_id=document.unit_id,
    )


def create_document(
    session, actor: Actor, unit: Unit, *, kind: str, title: str, body: str
) -> DisclosureDocument:
    document = DisclosureDocument(unit=unit)
    _apply_document(document, kind, title, body)
    session.add(document)
    _audit_document(session, actor, document, "create", None)
    return document


def update_document(
    session, actor: Actor, document: DisclosureDocument, *, kind: str, title: str, body: str
) -> bool:
    """Change a draft; False when nothing changed. A published document is corrected."""
    if document.status not in (DRAFT, REVIEW):
        raise PublicationError("已公示的文件不能直接修改，请使用“更正”")
    before = document.audit_snapshot()
    old_body = document.body_html
    _apply_document(document, kind, title, body)
    if document.audit_snapshot() == before and document.body_html == old_body:
        return False
    _audit_document(session, actor, document, "update", before)
    return True


def publish_document(session, actor: Actor, document: DisclosureDocument, config, *, now=None):
    return DOCUMENT_LIFECYCLE.publish(
        session, actor, document, document_content(document, config), now=now
    )


def correct_document(
    session,
    actor: Actor,
    document: DisclosureDocument,
    config,
    *,
    kind: str,
    title: str,
    body: str,
    reason: str,
    now=None,
):
    """Publish a new revision of a published document; ``reason`` is shown publicly."""
    if document.status != PUBLISHED:
        raise PublicationError("只有公示中的文件可以更正")
    before = document.audit_snapshot()
    _apply_document(document, kind, title, body)
    return DOCUMENT_LIFECYCLE.correct(
        session,
        actor,
        document,
        document_content(document, config),
        mask_text(
            (reason or "").strip(), **document_masking_options(document.unit, config, document.id)
        ),
        before=before,
        now=now,
    )


def withdraw_document(
    session, actor: Actor, document: DisclosureDocument, reason: str, config, *, now=None
):
    """撤下; the public reason is masked like the document."""
    options = document_masking_options(document.unit, config, document.id)
    DOCUMENT_LIFECYCLE.withdraw(
        session, actor, document, mask_text((reason or "").strip(), **options), now=now
    )
