"""Search providers: what each kind of published item looks like in the index.

The indexer knows nothing about decisions, documents or officers. For every kind it asks the
provider registered here (``portal/__init__.py`` imports this module once every domain is
loaded; the indexer reads the registry in ``registry.py``, which imports no domain):

* ``load(session, ids)`` — the ``SearchDocument`` of each of those ids that is public right
  now (published, not withdrawn, not expired, masked). An id it does not return is removed
  from the index: that is how withdrawing or unpublishing works.
* ``iter_all(session)`` — every public item of the kind, for ``search reindex``, newest
  first (a word matching more than ``service.SCORE_BUDGET`` documents is ranked among the
  first ones indexed), streamed with ``yield_per`` (a full rebuild reads every row).
* ``url(ref)`` — the public page of an item, from the ``ref`` its document carries.

Adding a kind (about 30 lines)::

    # 1. In the domain's services, in the same transaction as every change of what is public
    #    (publish, correct, withdraw, edit while published, expiry):
    record_index_change(session, "decision", decision.id)

    # 2. Here:
    def _decision_document(decision: Decision) -> SearchDocument:
        return SearchDocument(
            kind="decision",
            object_id=str(decision.id),
            ref=decision.public_id,
            title=f"{decision.document_number} {decision.violation}",
            body=decision.public_text(),            # the masked text the public page shows
            unit_code=decision.unit.code,
            published_on=decision.decided_on,
            numbers=(decision.document_number,),    # exact match on 文书号
        )

    def _public_decisions():
        return select(Decision).where(Decision.is_public).options(joinedload(Decision.unit))

    register(SearchProvider(
        kind="decision",
        label="处罚决定",
        load=lambda session, ids: map(_decision_document, session.scalars(
            _public_decisions().where(Decision.id.in_([int(i) for i in ids])))),
        iter_all=lambda session: map(_decision_document, session.scalars(
            _public_decisions().order_by(Decision.decided_on.desc(), Decision.id.desc())
            .execution_options(yield_per=500))),
        url=lambda ref: url_for("disclosure.decision", public_id=ref),
        order=20,
        count=lambda session: session.scalar(
            select(func.count()).select_from(_public_decisions().subquery())),
    ))

    # 3. Test it like tests/search/test_unit_provider.py does for units: publish, find;
    #    change, find the new text; withdraw, find nothing; raw ID numbers and phones of the
    #    case never found (tests/search/test_indexer.py::test_personal_data_never_reaches…).

Here now: units, decisions and documents (``providers_disclosure.py``), officers (their
names and badge/certificate numbers in ``names``/``numbers``,
matched whole: jieba splits 邹海燕 into 邹 / 海燕 and would match every 海燕) and published
case-file review rounds. Never put anything in a document that the public page does not show;
the indexer masks title and body once more, but only as a last line of defence. Split this
module by domain (``providers_<domain>.py``, imported here) before it passes ~400 lines.
A new kind, or a change of what an existing kind indexes, needs ``search reindex`` after
deployment (entries of a kind this code has no provider for are skipped with a warning).
"""

from collections.abc import Iterable, Sequence

from flask import url_for
from sqlalchemy import func, select

from portal.core.publication import PUBLISHED
from portal.officers.models import Officer
from portal.org.models import Unit
from portal.results.models import RECTIFICATION_STATES, REVIEW_GRADES, ReviewRound
from portal.results.reviews import public_findings, published_rounds
from portal.search import (
    providers_disclosure,  # noqa: F401  (registers decisions, documents)
    providers_media,  # noqa: F401  (registers media responses)
    providers_outcomes,  # noqa: F401  (registers complaint outcomes)
)
from portal.search.documents import SearchDocument
from portal.search.registry import SearchProvider, register

# --- enforcing units -------------------------------------------------------------------------


def _unit_document(unit: Unit) -> SearchDocument:
    # Everything here is on the unit's public page; the phones are the unit's own, public ones.
    body = "\n".join(
        part
        for part in (
            unit.jurisdiction,
            f"地址：{unit.address}",
            f"办公电话：{unit.phone}",
            f"投诉电话：{unit.complaint_phone}",
            f"来访地址：{unit.visit_address}" if unit.visit_address else "",
        )
        if part
    )
    return SearchDocument(
        kind="unit",
        object_id=str(unit.id),
        ref=unit.code,
        title=unit.name,
        body=body,
        unit_code=unit.code,
        names=(unit.name, unit.short_name),
        public_phones=(unit.phone, unit.complaint_phone),
    )


def _load_units(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
    numbers = [int(i) for i in ids if str(i).isdigit()]
    return map(_unit_document, session.scalars(select(Unit).where(Unit.id.in_(numbers))))


def _all_units(session) -> Iterable[SearchDocument]:
    return map(_unit_document, session.scalars(select(Unit).order_by(Unit.id)))


register(
    SearchProvider(
        kind="unit",
        label="执法单位",
        load=_load_units,
        iter_all=_all_units,
        url=lambda ref: url_for("disclosure.unit", code=ref),
        order=10,
        count=lambda session: session.scalar(select(func.count()).select_from(Unit)),
    )
)


# --- officers (the public roster) -------------------------------------------------------------


def _officer_document(officer: Officer) -> SearchDocument:
    # Only what the public roster shows (Officer.public_fields); every status is public there.
    fields = officer.public_fields()
    body = (
        f"{officer.unit.name}，{fields['post']}。执法类别：{fields['category']}；"
        f"执法区域：{fields['area']}；状态：{officer.status_label}；"
        f"执法证号 {fields['cert_no']}，有效期 {fields['cert_valid_from']:%Y-%m-%d} 至 "
        f"{fields['cert_valid_to']:%Y-%m-%d}。"
    )
    return SearchDocument(
        kind="officer",
        object_id=str(officer.id),
        ref=fields["badge_no"],
        title=f"{fields['name']}（工号 {fields['badge_no']}）",
        body=body,
        unit_code=fields["unit_code"],
        # names are split by segmentation (邹海燕 → 邹 / 海燕): matched whole here instead
        names=(fields["name"],),
        numbers=(fields["badge_no"], fields["cert_no"]),
    )


def _load_officers(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
    numbers = [int(i) for i in ids if str(i).isdigit()]
    return map(_officer_document, session.scalars(select(Officer).where(Officer.id.in_(numbers))))


def _all_officers(session) -> Iterable[SearchDocument]:
    officers = select(Officer).order_by(Officer.id.desc()).execution_options(yield_per=500)
    return map(_officer_document, session.scalars(officers))


register(
    SearchProvider(
        kind="officer",
        label="执法人员",
        load=_load_officers,
        iter_all=_all_officers,
        url=lambda ref: url_for("officers.lookup", badge=ref),
        order=30,
        count=lambda session: session.scalar(select(func.count()).select_from(Officer)),
    )
)


# --- case-file review rounds (案卷评查), once published ----------------------------------------


def _review_document(session, review_round: ReviewRound, revision) -> SearchDocument:
    """The current revision's findings, with each unit's rectification as it stands."""
    lines = [revision.summary]
    if revision.reason:
        lines.append(f"更正说明：{revision.reason}")
    for finding in public_findings(session, review_round, revision):
        note = finding["rectification_note"]
        lines.append(
            f"{finding['unit_short_name']}：评查案卷{finding['files_reviewed']}件，"
            f"得分{finding['score']:g}，{REVIEW_GRADES[finding['grade']]}，"
            f"{RECTIFICATION_STATES[finding['rectification']]}{'，' + note if note else ''}。"
        )
    return SearchDocument(
        kind="review_round",
        object_id=str(review_round.id),
        ref=review_round.public_id,
        title=revision.name,
        body="\n".join(line for line in lines if line),
        published_on=revision.held_on,
    )


def _load_rounds(session, ids: Sequence[str]) -> Iterable[SearchDocument]:
    wanted = {int(i) for i in ids if str(i).isdigit()}
    rounds = published_rounds(session)
    return [_review_document(session, r, rev) for r, rev in rounds if r.id in wanted]


def _all_rounds(session) -> Iterable[SearchDocument]:
    return [_review_document(session, r, rev) for r, rev in published_rounds(session)]


register(
    SearchProvider(
        kind="review_round",
        label="案卷评查",
        load=_load_rounds,
        iter_all=_all_rounds,
        url=lambda ref: url_for("results.review_round", public_id=ref),
        order=60,
        count=lambda session: session.scalar(
            select(func.count()).where(ReviewRound.status == PUBLISHED)
        ),
    )
)
