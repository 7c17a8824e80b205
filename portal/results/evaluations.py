"""Social evaluation (社会评议): periods, answers and the published results.

One answer per person per period is a soft rule: the questionnaire sets a signed cookie
listing the periods answered, and each client address may send a few answers a day (see the
limit on the view). Neither stops a determined person with several devices; the minimum
number of answers before a unit's result is shown keeps a handful of answers from being
over-read.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from portal.audit.services import Actor, record_change
from portal.core.models import utcnow
from portal.org.models import Unit
from portal.results.models import EVALUATION_DIMENSIONS, EvaluationAnswer, EvaluationPeriod


class EvaluationError(ValueError):
    """A Chinese message safe to show to the person."""


def open_period(
    session, actor: Actor, *, name: str, opens_on: date, closes_on: date
) -> EvaluationPeriod:
    if closes_on < opens_on:
        raise EvaluationError("结束日期不能早于开始日期")
    if session.scalar(
        select(func.count())
        .select_from(EvaluationPeriod)
        .where(EvaluationPeriod.name == name.strip())
    ):
        raise EvaluationError(f"已有名为“{name.strip()}”的评议期")
    period = EvaluationPeriod(name=name.strip(), opens_on=opens_on, closes_on=closes_on)
    session.add(period)
    session.flush()
    record_change(
        session,
        actor,
        "evaluation_period.open",
        "evaluation_period",
        period.id,
        after=period.audit_snapshot(),
    )
    return period


def close_period(session, actor: Actor, period: EvaluationPeriod) -> None:
    if period.closed_at is not None:
        raise EvaluationError("该评议期已结束")
    before = period.audit_snapshot()
    period.closed_at = utcnow()
    session.flush()
    record_change(
        session,
        actor,
        "evaluation_period.close",
        "evaluation_period",
        period.id,
        before=before,
        after=period.audit_snapshot(),
    )


def submit_answer(
    session, period: EvaluationPeriod, unit: Unit, scores: dict[str, int], comment: str, today: date
) -> EvaluationAnswer:
    """Record one anonymous answer. Not audited per answer: it is the public's, not staff's."""
    if not period.is_open(today):
        raise EvaluationError("该评议期不在开放时间内，感谢您的关注。")
    if set(scores) != set(EVALUATION_DIMENSIONS) or not all(
        isinstance(value, int) and 1 <= value <= 5 for value in scores.values()
    ):
        raise EvaluationError("请对每一项作出评价")
    answer = EvaluationAnswer(
        period_id=period.id, unit_id=unit.id, comment=comment.strip(), **scores
    )
    session.add(answer)
    session.flush()
    return answer


@dataclass
class UnitEvaluation:
    """One unit's result in a period; averages are None below the publication minimum."""

    unit: Unit
    answers: int
    shown: bool
    #: dimension → average score (1–5), or None when not shown
    averages: dict[str, float | None]
    #: dimension → {score: count}, empty when not shown
    distribution: dict[str, dict[int, int]]

    @property
    def overall(self) -> float | None:
        values = [value for value in self.averages.values() if value is not None]
        return round(sum(values) / len(values), 2) if values else None


def period_results(session, period: EvaluationPeriod, minimum: int) -> list[UnitEvaluation]:
    """Per-unit results by aggregate queries: counts, averages and the score distribution."""
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    averages_query = (
        select(
            EvaluationAnswer.unit_id,
            func.count(),
            *[func.avg(getattr(EvaluationAnswer, column)) for column in EVALUATION_DIMENSIONS],
        )
        .where(EvaluationAnswer.period_id == period.id)
        .group_by(EvaluationAnswer.unit_id)
    )
    summary = {row[0]: row[1:] for row in session.execute(averages_query)}
    distribution: dict[int, dict[str, dict[int, int]]] = {}
    for column in EVALUATION_DIMENSIONS:
        score = getattr(EvaluationAnswer, column)
        rows = session.execute(
            select(EvaluationAnswer.unit_id, score, func.count())
            .where(EvaluationAnswer.period_id == period.id)
            .group_by(EvaluationAnswer.unit_id, score)
        )
        for unit_id, value, count in rows:
            distribution.setdefault(unit_id, {}).setdefault(column, {})[value] = count
    results = []
    for unit in units:
        count, *averages = summary.get(unit.id, (0,) + (None,) * len(EVALUATION_DIMENSIONS))
        shown = count >= minimum
        results.append(
            UnitEvaluation(
                unit=unit,
                answers=count,
                shown=shown,
                averages={
                    column: (round(float(value), 2) if shown and value is not None else None)
                    for column, value in zip(EVALUATION_DIMENSIONS, averages, strict=True)
                },
                distribution=(
                    {
                        column: {
                            level: distribution.get(unit.id, {}).get(column, {}).get(level, 0)
                            for level in range(5, 0, -1)
                        }
                        for column in EVALUATION_DIMENSIONS
                    }
                    if shown
                    else {}
                ),
            )
        )
    return results
