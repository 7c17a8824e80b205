"""Search provider for media responses (舆论回应): the current published revision (masked when
it was published), or nothing — never published, or withdrawn."""

from collections.abc import Iterable, Sequence

from flask import url_for
from sqlalchemy import func, select

from portal.core.publication import PUBLISHED
from portal.results.media.models import MediaResponse
from portal.results.media.services import MEDIA_LIFECYCLE
from portal.search.documents import SearchDocument
from portal.search.registry import SearchProvider, register


def media_document(session, media_id) -> SearchDocument | None:
    item = session.get(MediaResponse, int(media_id))
    if item is None or item.status != PUBLISHED:
        return None
    revision = MEDIA_LIFECYCLE.revision(session, item)
    if revision is None:
        return None
    parts = [revision.report_summary, revision.response, revision.action_taken]
    if item.is_corrected:
        parts.append(f"更正原因：{revision.reason}")
    return SearchDocument(
        kind="media",
        object_id=str(item.id),
        ref=item.public_id,
        title=f"{revision.outlet}：{revision.headline}",
        body="\n".join(part for part in parts if part),
        unit_code=item.unit.code,
        published_on=revision.reported_on,
        public_phones=tuple(p for p in (item.unit.phone, item.unit.complaint_phone) if p),
    )


def _load(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
    found = (media_document(session, i) for i in ids if str(i).isdigit())
    return [document for document in found if document is not None]


def _all(session) -> Iterable[SearchDocument]:
    ids = (
        select(MediaResponse.id)
        .where(MediaResponse.status == PUBLISHED)
        .order_by(MediaResponse.reported_on.desc(), MediaResponse.id.desc())
    )
    for media_id in list(session.scalars(ids)):
        document = media_document(session, media_id)
        if document is not None:
            yield document


register(
    SearchProvider(
        kind="media",
        label="舆论回应",
        load=_load,
        iter_all=_all,
        url=lambda ref: url_for("media.media_detail", public_id=ref),
        order=70,
        count=lambda session: session.scalar(
            select(func.count()).select_from(MediaResponse).where(MediaResponse.status == PUBLISHED)
        ),
    )
)
