"""Demo data of published results: two evaluation periods with answers, two case-file review
rounds, twenty supervisors. Deterministic (seeded) and idempotent by natural keys."""

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select

from portal.audit.services import CLI_ACTOR
from portal.org.models import Unit
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    REVIEW_ITEMS,
    EvaluationAnswer,
    EvaluationPeriod,
    ReviewResult,
    ReviewRound,
    Supervisor,
)
from portal.results.reviews import REVIEW_ROUND_LIFECYCLE, published_findings

PERIODS = [
    ("2025年下半年", date(2025, 7, 1), date(2025, 12, 31), datetime(2026, 1, 1)),
    ("2026年下半年", date(2026, 7, 1), date(2026, 12, 31), None),
]
#: answers per unit in each period; two units stay under the publication minimum of 30
ANSWERS_BY_UNIT = {"shilong": 18, "gaoxinqu": 24}
COMMENTS = [
    "",
    "",
    "",
    "执法人员态度较好，讲解政策耐心。",
    "希望对占道经营多疏导少处罚。",
    "夜间烧烤噪声问题处理及时。",
    "渣土车撒漏问题希望加强巡查。",
    "办事效率有提高。",
]

#: name, held on, published at, summary, permalink key (fixed: the browser tests open them)
ROUNDS = [
    (
        "2025年度行政处罚案卷评查",
        date(2025, 11, 20),
        datetime(2025, 12, 5),
        "抽查各单位2025年1月至10月办结的行政处罚案卷，每单位抽查10至15卷。",
        "demo-review-2025",
    ),
    (
        "2026年上半年行政处罚案卷评查",
        date(2026, 6, 25),
        datetime(2026, 7, 8),
        "抽查各单位2026年1月至5月办结的行政处罚案卷，重点评查裁量基准适用和程序规范。",
        "demo-review-2026",
    ),
]

CORRECTION_REASON = "复核时发现证据项问题漏计1项，相应扣减得分，特此更正。"

SUPERVISORS = [
    ("王建国", "人大代表", "平顶山市人大常委会"),
    ("李秀英", "人大代表", "新华区人大常委会"),
    ("张志强", "人大代表", "卫东区人大常委会"),
    ("刘桂兰", "人大代表", "湛河区人大常委会"),
    ("陈晓东", "政协委员", "平顶山市政协"),
    ("杨丽华", "政协委员", "新华区政协"),
    ("赵文博", "政协委员", "汝州市政协"),
    ("黄海涛", "政协委员", "舞钢市政协"),
    ("周敏", "媒体", "平顶山日报社"),
    ("吴晓峰", "媒体", "平顶山广播电视台"),
    ("徐静", "媒体", "平顶山晚报"),
    ("孙建军", "居委会", "新华区光明路街道曙光街社区居委会"),
    ("马红梅", "居委会", "卫东区东安路街道建设路社区居委会"),
    ("朱国庆", "居委会", "湛河区南环路街道南苑社区居委会"),
    ("胡志刚", "居委会", "宝丰县城关镇人民路社区居委会"),
    ("郭立新", "律师", "河南鹰城律师事务所"),
    ("何雪梅", "律师", "河南平顶山正义律师事务所"),
    ("高明", "专家学者", "平顶山学院法学院"),
    ("林晓燕", "企业代表", "平顶山市个体劳动者协会"),
    ("郑永强", "市民代表", "叶县昆阳镇"),
]


def load_demo_results(session) -> tuple[int, int]:
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    generator = random.Random(20261130)
    added = _periods(session, units, generator) + _rounds(session, units, generator)
    added += _supervisors(session)
    total = sum(
        session.scalar(select(func.count()).select_from(model))
        for model in (EvaluationPeriod, ReviewRound, Supervisor)
    )
    return added, total


def _periods(session, units, generator) -> int:
    existing = set(session.scalars(select(EvaluationPeriod.name)))
    added = 0
    for name, opens_on, closes_on, closed_at in PERIODS:
        if name in existing:
            continue
        period = EvaluationPeriod(
            name=name, opens_on=opens_on, closes_on=closes_on, closed_at=closed_at
        )
        session.add(period)
        session.flush()
        rows = []
        for unit in units:
            lean = generator.uniform(3.3, 4.6)  # each unit has its own general standing
            for _ in range(ANSWERS_BY_UNIT.get(unit.code, generator.randint(34, 70))):
                scores = {
                    column: max(1, min(5, round(generator.gauss(lean, 0.8))))
                    for column in EVALUATION_DIMENSIONS
                }
                rows.append(
                    {
                        "period_id": period.id,
                        "unit_id": unit.id,
                        "comment": generator.choice(COMMENTS),
                        "created_at": datetime.combine(opens_on, datetime.min.time()),
                        **scores,
                    }
                )
        session.execute(insert(EvaluationAnswer), rows)
        added += 1
    return added


def _rounds(session, units, generator) -> int:
    existing = set(session.scalars(select(ReviewRound.name)))
    added = 0
    for name, held_on, published_at, summary, public_id in ROUNDS:
        if name in existing:
            continue
        review_round = ReviewRound(
            name=name, held_on=held_on, summary=summary, public_id=public_id
        )
        session.add(review_round)
        session.flush()
        for unit in units:
            score = round(generator.uniform(68, 97), 1)
            grade = _grade(score)
            problems = {
                column: (generator.choice([0, 0, 0, 1, 1, 2, 3]) if score < 92 else 0)
                for column in REVIEW_ITEMS
            }
            rectified = any(problems.values()) and held_on.year == 2025
            session.add(
                ReviewResult(
                    round=review_round,
                    unit=unit,
                    files_reviewed=generator.randint(10, 15),
                    score=score,
                    grade=grade,
                    **problems,
                    rectification=(
                        "done"
                        if rectified
                        else "in_progress"
                        if any(problems.values())
                        else "none_needed"
                    ),
                    rectified_on=date(2026, 1, 15) if rectified else None,
                    rectification_note="已组织案卷制作培训，逐卷补正。" if rectified else "",
                )
            )
        session.flush()
        session.refresh(review_round)
        content = published_findings(review_round)
        REVIEW_ROUND_LIFECYCLE.publish(session, CLI_ACTOR, review_round, content, now=published_at)
        if held_on.year == 2025:  # the older round shows a correction and its first version
            first = review_round.results[0]
            first.problems_evidence += 1
            first.score = round(first.score - 1.5, 1)
            first.grade = _grade(first.score)
            REVIEW_ROUND_LIFECYCLE.correct(
                session,
                CLI_ACTOR,
                review_round,
                published_findings(review_round),
                CORRECTION_REASON,
                now=published_at + timedelta(days=12),
            )
        added += 1
    session.flush()
    return added


def _grade(score: float) -> str:
    return "excellent" if score >= 90 else "pass" if score >= 75 else "fail"


def _supervisors(session) -> int:
    existing = set(session.scalars(select(Supervisor.name)))
    added = 0
    for order, (name, affiliation, organisation) in enumerate(SUPERVISORS, start=1):
        if name in existing:
            continue
        session.add(
            Supervisor(
                name=name,
                affiliation=affiliation,
                organisation=organisation,
                term_from=date(2025, 1, 1),
                term_to=date(2027, 12, 31),
                sort_order=order,
            )
        )
        added += 1
    session.flush()
    return added
