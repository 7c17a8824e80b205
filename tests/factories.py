"""Factory fixtures return callables that create records with sensible defaults."""

import itertools

from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.disclosure.models import Unit
from portal.extensions import db
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
