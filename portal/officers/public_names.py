"""The names on the public roster: officers act in public, so masking leaves their names in
published texts (``keep_names`` of ``portal.core.masking.mask_text``)."""

from flask import g, has_app_context
from sqlalchemy import select

from portal.extensions import db
from portal.officers.models import Officer


def roster_names(session=None) -> frozenset[str]:
    """Every officer's name (the roster lists all of them, whatever their status); kept for
    the rest of the request, since one publication masks several texts."""
    if has_app_context() and "roster_names" in g:
        return g.roster_names
    session = session or db.session
    names = frozenset(name for name in session.scalars(select(Officer.name)) if name)
    if has_app_context():
        g.roster_names = names
    return names
