"""Factory fixtures return callables that create records with sensible defaults."""

import itertools
from datetime import timedelta

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.core.models import local_today
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import create_decision
from portal.disclosure.services import create_document
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.services import create_user

DEFAULT_PASSWORD = "correct-horse-42"
_numbers = itertools.count(1)


def make_unit_factory(app):
    def create(code: str | None = None, **fields) -> Unit:
        number = next(_numbers)
        code = code or f"unit{number}"
        with app.app_context():
            existing = db.session.scalars(select(Unit).where(Unit.code == code)).first()
            if existing:
                return existing
            unit = Unit(
                code=code,
                name=fields.pop("name", f"测试执法局{number}"),
                short_name=fields.pop("short_name", f"测试{number}"),
                level=fields.pop("level", "district"),
                division_code=fields.pop("division_code", "410402"),
                address=fields.pop("address", "平顶山市新华区测试路1号"),
                phone=fields.pop("phone", "0375-2000000"),
                complaint_phone=fields.pop("complaint_phone", "0375-2000019"),
                **fields,
            )
            db.session.add(unit)
            db.session.commit()
            db.session.refresh(unit)
            db.session.expunge(unit)
            return unit

    return create


def make_user_factory(app, create_unit):
    def create(
        username: str | None = None,
        role: str = "staff",
        unit_code: str | None = None,
        password: str = DEFAULT_PASSWORD,
    ):
        username = username or f"user{next(_numbers)}"
        if role == "staff" and unit_code is None:
            unit_code = create_unit().code
        with app.app_context():
            user = create_user(
                db.session,
                CLI_ACTOR,
                username=username,
                password=password,
                role=role,
                unit_code=unit_code,
            )
            db.session.commit()
            db.session.refresh(user)
            user_id = user.id
        return user_id

    return create


def make_login(client):
    def login(username: str, password: str = DEFAULT_PASSWORD):
        return client.post("/admin/login", data={"username": username, "password": password})

    return login


# --- disclosure: documents and penalty decisions (call inside an app context) -----------------


def decision_data(**overrides) -> dict:
    """A valid working copy of a penalty decision, as a form or an import row gives it."""
    data = {
        "doc_no": f"平新城管罚决字〔2026〕第{next(_numbers)}号",
        "party_name": "张三",
        "party_type": "person",
        "party_is_minor": False,
        "related_names": "",
        "violation_type": "street_vending",
        "violation": "在建设路与中兴路交叉口占道经营",
        "facts": "当事人在建设路与中兴路交叉口摆摊经营水果，经劝阻后未改正。",
        "legal_basis": "《城市市容和环境卫生管理条例》第十四条、第三十六条第（二）项",
        "penalty": "罚款人民币200元，责令立即改正",
        "fine_amount": "200",
        "orders_stop_of_business": False,
        "revokes_licence": False,
        "decided_on": local_today() - timedelta(days=3),
    }
    data.update(overrides)
    return data


def add_decision(unit, actor=CLI_ACTOR, **overrides):
    """A draft decision of ``unit`` through the service (audited), flushed, not committed."""
    return create_decision(
        db.session,
        actor,
        unit,
        decision_data(**overrides),
        today=local_today(),
        settings=current_settings(),
        calendar=working_calendar(),
    )


def add_document(unit, actor=CLI_ACTOR, **overrides):
    fields = {"kind": "remedies", "title": "行政复议和投诉渠道", "body": "<p>投诉电话 12319</p>"}
    fields.update(overrides)
    return create_document(db.session, actor, unit, **fields)
