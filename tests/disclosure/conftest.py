"""Fixtures of the disclosure tests: the 13 demo units, and decisions made through the services."""

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR
from portal.disclosure.decisions.services import publish_decision
from portal.disclosure.demo import load_demo_units
from portal.disclosure.services import publish_document
from portal.extensions import db
from portal.org.models import Unit
from tests.factories import add_decision, add_document


def unit_of(code: str) -> Unit:
    return db.session.scalars(select(Unit).where(Unit.code == code)).one()


@pytest.fixture
def units(app):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()


@pytest.fixture
def make_decision(app, units):
    """A callable creating a decision of ``unit`` (default xinhua), published unless told not.

    Returns its id and public id. Keyword arguments override the working copy's fields.
    """

    def make(unit="xinhua", publish=True, legal_reviewed_on=None, **fields):
        with app.app_context():
            decision = add_decision(unit_of(unit), **fields)
            decision.legal_reviewed_on = legal_reviewed_on
            if publish:
                publish_decision(db.session, CLI_ACTOR, decision, may_review=True)
            db.session.commit()
            return SimpleNamespace(id=decision.id, public_id=decision.public_id)

    return make


@pytest.fixture
def make_document(app, units):
    def make(unit="xinhua", publish=True, **fields):
        with app.app_context():
            document = add_document(unit_of(unit), **fields)
            if publish:
                publish_document(db.session, CLI_ACTOR, document, app.config)
            db.session.commit()
            return SimpleNamespace(id=document.id, public_id=document.public_id)

    return make
