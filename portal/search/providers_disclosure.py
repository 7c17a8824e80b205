"""Search providers for penalty decisions and disclosure documents.

What may be indexed comes from ``portal.disclosure.search_source``: the published revision,
masked, or nothing (never published, withdrawn, past the retention period of the lists).
"""

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from flask import url_for
from sqlalchemy import func, select

from portal.core.publication import PUBLISHED
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.models import DisclosureDocument
from portal.disclosure.search_source import searchable_decision, searchable_document
from portal.search.documents import SearchDocument
from portal.search.registry import SearchProvider, register


def _as_document(fields: dict | None, numbers: tuple[str, ...] = ()) -> SearchDocument | None:
    if fields is None:
        return None
    day = fields["date"]
    return SearchDocument(
        kind=fields["kind"],
        object_id=fields["id"],
        ref=fields["public_id"],
        title=fields["title"],
        body=fields["body"],
        unit_code=fields["unit_code"],
        published_on=day.date() if isinstance(day, datetime) else day,
        numbers=numbers,
    )


def _decision(session, decision_id) -> SearchDocument | None:
    fields = searchable_decision(session, decision_id)
    # the 文书号 is matched whole, like a badge number
    return _as_document(fields, (fields["title"].split(" ", 1)[0],) if fields else ())


def _published_ids(session, model, order) -> Iterator[str]:
    ids = select(model.id).where(model.status == PUBLISHED).order_by(*order)
    for object_id in session.scalars(ids.execution_options(yield_per=1000)):
        yield str(object_id)


def _loader(build):
    def load(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
        found = (build(session, object_id) for object_id in ids if str(object_id).isdigit())
        return [document for document in found if document is not None]

    return load


def _all(build, model, order):
    def iter_all(session) -> Iterable[SearchDocument]:
        # the ids first, then each item: building one reads its revision and unit
        for object_id in list(_published_ids(session, model, order)):
            document = build(session, object_id)
            if document is not None:
                yield document

    return iter_all


def _count_published(model):
    return lambda session: session.scalar(
        select(func.count()).select_from(model).where(model.status == PUBLISHED)
    )


register(
    SearchProvider(
        kind="decision",
        label="处罚决定",
        load=_loader(_decision),
        iter_all=_all(
            _decision,
            PenaltyDecision,
            (PenaltyDecision.decided_on.desc(), PenaltyDecision.id.desc()),
        ),
        url=lambda ref: url_for("disclosure.decision", public_id=ref),
        order=20,
        count=_count_published(PenaltyDecision),
    )
)

register(
    SearchProvider(
        kind="document",
        label="公示文件",
        load=_loader(lambda session, i: _as_document(searchable_document(session, i))),
        iter_all=_all(
            lambda session, i: _as_document(searchable_document(session, i)),
            DisclosureDocument,
            (DisclosureDocument.id.desc(),),
        ),
        url=lambda ref: url_for("disclosure.document", public_id=ref),
        order=15,
        count=_count_published(DisclosureDocument),
    )
)
