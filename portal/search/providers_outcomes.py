"""Search provider for published complaint outcomes (kind ``outcome``).

Only the current published revision, already masked, as ``/outcomes/<public_id>`` shows it;
a withdrawn outcome is not returned (and so leaves the index). Never the working copy, the
complaint's contact details or its tracking number.
"""

from collections.abc import Iterable, Sequence

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from portal.core.publication import PUBLISHED
from portal.results.outcomes.models import ComplaintOutcome
from portal.search.documents import SearchDocument
from portal.search.registry import SearchProvider, register


def _document(outcome: ComplaintOutcome) -> SearchDocument:
    revision = outcome.current_revision
    unit = outcome.unit
    body = "\n".join(
        [
            f"{unit.name}办理的{revision.kind_label}，问题类别：{revision.category_label}。",
            f"情况摘要：{revision.summary}",
            f"答复内容：{revision.reply}",
            f"答复日期：{revision.answered_on.isoformat()}（{revision.on_time_label}）；"
            f"评价：{revision.rating_label}。",
        ]
        + ([f"更正原因：{revision.reason}"] if revision.reason else [])
    )
    return SearchDocument(
        kind="outcome",
        object_id=str(outcome.id),
        ref=outcome.public_id,
        # the category stays in the body: a short title holding 占道经营 would outrank the
        # decisions, which are what people searching a violation mostly look for
        title=f"{unit.short_name}{revision.kind_label}办理结果（{revision.answered_on:%Y-%m-%d}答复）",
        body=body,
        unit_code=unit.code,
        published_on=revision.answered_on,
        public_phones=(unit.phone, unit.complaint_phone),
    )


def _published():
    return (
        select(ComplaintOutcome)
        .join(ComplaintOutcome.current_revision)
        .options(contains_eager(ComplaintOutcome.current_revision))
        .options(joinedload(ComplaintOutcome.unit))
        .where(ComplaintOutcome.status == PUBLISHED)
    )


def _load(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
    numbers = [int(i) for i in ids if str(i).isdigit()]
    return map(_document, session.scalars(_published().where(ComplaintOutcome.id.in_(numbers))))


def _all(session) -> Iterable[SearchDocument]:
    stmt = _published().order_by(ComplaintOutcome.id.desc())
    return map(_document, session.scalars(stmt))


register(
    SearchProvider(
        kind="outcome",
        label="办理结果",
        load=_load,
        iter_all=_all,
        url=lambda ref: url_for("outcomes.outcome", public_id=ref),
        order=50,
        count=lambda session: session.scalar(
            select(func.count())
            .select_from(ComplaintOutcome)
            .where(ComplaintOutcome.status == PUBLISHED)
        ),
    )
)
