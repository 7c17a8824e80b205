"""Helpers of the media-response tests: a valid working copy, and responses made through the
services (audited), for the tests here and the scoping matrix."""

import itertools
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.extensions import db
from portal.org.models import Unit
from portal.results.media.models import MediaResponse
from portal.results.media.services import (
    correct_media_response,
    create_media_response,
    publish_media_response,
    withdraw_media_response,
)

_numbers = itertools.count(1)
#: a citizen named in the story, with a phone and an ID number: never public unmasked
CITIZEN, CITIZEN_PHONE, CITIZEN_ID = "王秀芝", "17000000512", "410402199001011234"


def media_data(**overrides) -> dict:
    """A valid working copy, as the form gives it."""
    number = next(_numbers)
    data = {
        "outlet": "鹰城晚报",
        "reported_on": local_today() - timedelta(days=3),
        "headline": f"建设路夜市占道经营 行人只能走机动车道（{number}）",
        "link": f"https://www.yingcheng-wanbao.example/2026/{number}.html",
        "report_summary": (
            f"报道称建设路夜市摊点占满人行道。摊主{CITIZEN}（电话{CITIZEN_PHONE}，"
            f"身份证号{CITIZEN_ID}）说没有别处可去。"
        ),
        "response": "经现场核查，情况属实。我局将坚持疏堵结合，还路于民。",
        "action_taken": "设置临时疏导点，引导32户摊主入点经营。",
        "named_persons": CITIZEN,
    }
    data.update(overrides)
    return data


def unit_of(code: str) -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


def add_media(unit: Unit, actor=CLI_ACTOR, **overrides):
    """A draft response of ``unit`` through the service, flushed, not committed."""
    return create_media_response(
        db.session, actor, unit, media_data(**overrides), today=local_today()
    )


def make_media(unit_code: str = "xinhua", publish: bool = True, **overrides) -> SimpleNamespace:
    """A response of the unit, published unless told not; committed. Call in an app context."""
    item = add_media(unit_of(unit_code), **overrides)
    if publish:
        publish_media_response(db.session, CLI_ACTOR, item)
    db.session.commit()
    return SimpleNamespace(id=item.id, public_id=item.public_id, headline=item.headline)


def correct(app, item_id, reason="疏导户数有误", now=None, **changes):
    with app.app_context():
        item = db.session.get(MediaResponse, item_id)
        data = {field: getattr(item, field) for field in media_data()}
        correct_media_response(
            db.session, CLI_ACTOR, item, {**data, **changes}, reason, today=local_today(), now=now
        )
        db.session.commit()


def withdraw(app, item_id, reason="回应内容需重新核实"):
    with app.app_context():
        item = db.session.get(MediaResponse, item_id)
        withdraw_media_response(db.session, CLI_ACTOR, item, reason)
        db.session.commit()
