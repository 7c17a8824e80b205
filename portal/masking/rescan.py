"""Published items whose text today's masking would mask differently, and their correction.

The masking improves (a new cue, a new spelling of a phone number); what was published
before stays as it was. :func:`scan` re-masks every published or withdrawn item's revisions —
the masked text itself, with the item's own masking options (its party, roster names, staff
overrides) — and reports what changes, by type and masked form only, never the text the
masking now hides. :func:`apply` publishes the re-masked current revision as a correction with
the public reason ``补充脱敏处理`` and re-masks the older revisions, the correction and
withdrawal reasons in place, so that no unmasked text stays readable in any revision, feed,
export or the search index (the item is queued for re-indexing).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flask import current_app, url_for
from sqlalchemy import select

from portal.audit.services import Actor, record_change
from portal.core.masking import find_personal_data, mask_text
from portal.core.masking_preview import FINDING_LABELS
from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.core.sanitize import html_to_text, mask_html
from portal.disclosure.decisions import masking as decision_masking
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.decisions.services import DECISION_LIFECYCLE
from portal.disclosure.models import DisclosureDocument
from portal.disclosure.services import DOCUMENT_LIFECYCLE, document_masking_options
from portal.officers.public_names import roster_names
from portal.results.media import services as media_services
from portal.results.media.models import MediaResponse
from portal.results.models import ReviewRound
from portal.results.outcomes import masking as outcome_masking
from portal.results.outcomes.models import ComplaintOutcome
from portal.results.outcomes.services import OUTCOME_LIFECYCLE
from portal.results.reviews import REVIEW_ROUND_LIFECYCLE
from portal.search.outbox import record_index_change

PUBLIC_REASON = "补充脱敏处理"


@dataclass(frozen=True)
class Kind:
    """How one publishable kind is re-masked."""

    name: str
    label: str
    model: type
    lifecycle: object
    #: revision text fields → True for HTML
    fields: dict[str, bool]
    #: the item → its masking options (the arguments of ``mask_text``)
    options: Callable[[object], dict]
    endpoint: str


KINDS = (
    Kind(
        "decision",
        "行政处罚决定",
        PenaltyDecision,
        DECISION_LIFECYCLE,
        dict.fromkeys(decision_masking.MASKED_TEXT_FIELDS, False),
        decision_masking.masking_options,
        "disclosure.decision",
    ),
    Kind(
        "document",
        "公示文件",
        DisclosureDocument,
        DOCUMENT_LIFECYCLE,
        {"title": False, "body_html": True},
        lambda item: document_masking_options(item.unit, current_app.config, item.id),
        "disclosure.document",
    ),
    Kind(
        "outcome",
        "投诉办理结果",
        ComplaintOutcome,
        OUTCOME_LIFECYCLE,
        {"summary": False, "reply": False},
        lambda item: outcome_masking.masking_options(item.complaint),
        "outcomes.outcome",
    ),
    Kind(
        "media",
        "媒体回应",
        MediaResponse,
        media_services.MEDIA_LIFECYCLE,
        dict.fromkeys(media_services.MASKED_TEXT_FIELDS, False),
        media_services.masking_options,
        "media.media_detail",
    ),
    Kind(
        "review_round",
        "案卷评查",
        ReviewRound,
        REVIEW_ROUND_LIFECYCLE,
        {"summary": False},
        lambda item: {"party_is_person": True, "keep_names": roster_names()},
        "results.review_round",
    ),
)


@dataclass
class Change:
    kind: Kind
    item: object
    url: str
    #: field (or "revision N field") → the new findings, as (type, masked form)
    changes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: True when the current revision changes (a correction is published)
    current_changes: bool = False


def _remask(kind: Kind, options: dict, name: str, value: str) -> str:
    if kind.fields.get(name):
        return mask_html(value, **options)
    return mask_text(value, **options)


def _new_findings(kind: Kind, options: dict, name: str, value: str) -> list[tuple[str, str]]:
    text = html_to_text(value) if kind.fields.get(name) else value
    return [
        (FINDING_LABELS.get(finding.kind, finding.kind), finding.replacement)
        for finding in find_personal_data(text, **options)
    ]


def _changes_of(session, kind: Kind, item) -> Change | None:
    options = kind.options(item)
    change = Change(kind, item, url_for(kind.endpoint, public_id=item.public_id))
    revisions = kind.lifecycle.revisions(session, item)
    for revision in revisions:
        current = revision.revision_no == item.revision_count
        for name in (*kind.fields, "reason"):
            value = getattr(revision, name) or ""
            if value and _remask(kind, options, name, value) != value:
                label = name if current else f"第{revision.revision_no}版 {name}"
                change.changes[label] = _new_findings(kind, options, name, value)
                change.current_changes |= current and name != "reason"
    reason = item.withdrawal_reason or ""
    if reason and mask_text(reason, **options) != reason:
        change.changes["withdrawal_reason"] = _new_findings(kind, options, "reason", reason)
    return change if change.changes else None


def items(session) -> list[tuple[Kind, object]]:
    """Every item with a public revision, kind by kind."""
    found = []
    for kind in KINDS:
        rows = session.scalars(
            select(kind.model)
            .where(kind.model.status.in_((PUBLISHED, WITHDRAWN)), kind.model.revision_count > 0)
            .order_by(kind.model.id)
        ).all()
        found += [(kind, row) for row in rows]
    return found


def scan(
    session,
    found: list[tuple[Kind, object]] | None = None,
    progress: Callable[[int], None] = lambda _n: None,
) -> Iterator[Change]:
    """The items today's masking would change, with what changes; among ``found`` (what
    :func:`items` returned) if given."""
    for kind, item in items(session) if found is None else found:
        change = _changes_of(session, kind, item)
        progress(1)
        if change is not None:
            yield change


def apply(session, actor: Actor, change: Change) -> None:
    """Publish the re-masked text as a correction and re-mask the older revisions in place
    (audited in the caller's transaction, which the caller commits)."""
    kind, item = change.kind, change.item
    options = kind.options(item)
    revisions = kind.lifecycle.revisions(session, item)
    for revision in revisions:  # every version, the current one included: none stays raw
        for name in (*kind.fields, "reason"):
            value = getattr(revision, name) or ""
            if value:
                setattr(revision, name, _remask(kind, options, name, value))
    if item.withdrawal_reason:
        item.withdrawal_reason = mask_text(item.withdrawal_reason, **options)
    record_change(
        session,
        actor,
        f"{kind.name}.remask",
        kind.name,
        item.id,
        after={"revisions": len(revisions), "fields": sorted(change.changes)},
        unit_id=getattr(item, "unit_id", None),
    )
    if change.current_changes and item.status == PUBLISHED:
        # the public learns of it: a new revision with the reason, as any correction
        content = _revision_content(kind, revisions[-1])
        kind.lifecycle.correct(session, actor, item, content, PUBLIC_REASON)
    session.flush()
    record_index_change(session, kind.name, item.id)


_REVISION_COLUMNS = frozenset(
    {"id", "revision_no", "published_at", "reason", "published_by_id", "published_by_label"}
)


def _revision_content(kind: Kind, revision) -> dict:
    owner = kind.lifecycle.owner_key
    return {
        column.key: getattr(revision, column.key)
        for column in revision.__table__.columns
        if column.key not in _REVISION_COLUMNS and column.key != owner
    }
