"""Case-file review rounds (案卷评查) in search: only once published; corrections follow."""

from datetime import date

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.extensions import db
from portal.org.models import Unit
from portal.results.models import ReviewRound
from portal.results.reviews import (
    correct_round,
    create_round,
    publish_round,
    set_result,
    withdraw_round,
)


def _round_with_results(app, publish: bool) -> tuple[int, str]:
    with app.app_context():
        review_round = create_round(
            db.session,
            CLI_ACTOR,
            name="2026年度第一次行政处罚案卷评查",
            held_on=date(2026, 4, 20),
            summary="重点评查占道经营和违法建设案卷的程序合法性。",
        )
        for code, score, grade in (("xinhua", 93, "excellent"), ("yexian", 58, "fail")):
            unit = db.session.scalar(select(Unit).where(Unit.code == code))
            set_result(
                db.session,
                CLI_ACTOR,
                review_round,
                unit,
                files_reviewed=20,
                score=score,
                grade=grade,
                problems={"problems_procedure": 0 if grade == "excellent" else 3},
            )
        if publish:
            publish_round(db.session, CLI_ACTOR, review_round)
        db.session.commit()
        return review_round.id, f"/reviews/case-files/{review_round.public_id}"


def test_a_published_round_is_found_with_its_units_results(app, demo_units, search_index, search):
    _, path = _round_with_results(app, publish=True)
    search_index.sync()
    page = search("案卷评查 叶县")
    assert page.hrefs[0] == path
    assert page.hits[0]["kind"] == "案卷评查"
    assert "不合格" in page.hits[0]["snippet"]
    assert search("案卷评查", year="2026").hrefs == [path]


def test_an_unpublished_round_is_not_found(app, demo_units, search_index, search):
    _round_with_results(app, publish=False)
    search_index.sync()
    assert search("程序合法性").hrefs == []


def test_a_correction_reaches_the_index(app, demo_units, search_index, search):
    round_id, path = _round_with_results(app, publish=True)
    with app.app_context():
        review_round = db.session.get(ReviewRound, round_id)
        unit = db.session.scalar(select(Unit).where(Unit.code == "yexian"))
        set_result(
            db.session,
            CLI_ACTOR,
            review_round,
            unit,
            files_reviewed=20,
            score=75,
            grade="pass",
            problems={},
        )
        db.session.commit()
    search_index.sync()
    assert "得分58，不合格" in search("案卷评查 叶县").hits[0]["snippet"]  # not public yet
    with app.app_context():
        correct_round(
            db.session, CLI_ACTOR, db.session.get(ReviewRound, round_id), "复核后更正叶县得分"
        )
        db.session.commit()
    search_index.sync()
    assert search("复核 更正").hrefs == [path]  # the reason
    assert "得分75，合格" in search("案卷评查 叶县").hits[0]["snippet"]


def test_a_withdrawn_round_leaves_the_index(app, demo_units, search_index, search):
    round_id, path = _round_with_results(app, publish=True)
    search_index.sync()
    assert search("程序合法性").hrefs == [path]
    with app.app_context():
        withdraw_round(
            db.session, CLI_ACTOR, db.session.get(ReviewRound, round_id), "评查范围有误"
        )
        db.session.commit()
    search_index.sync()
    assert search("程序合法性").hrefs == []
