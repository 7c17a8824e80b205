"""The one place where unit-bound queries are limited to the current user's unit.

Unit-bound models expose ``unit_scope_column()`` (or, when a unit sees only part of its
records, ``unit_scope_condition(unit_id)``). Back-office code selects them through
``scoped_select`` / ``get_scoped_or_404`` and never filters by unit by hand, so a record of
another unit is simply not found (404) by any URL.
"""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from portal.extensions import db


def scope_to_unit(stmt, model, user=None):
    """Add the unit condition for ``user`` (default: the logged-in user) to ``stmt``."""
    user = user or current_user
    if not user.is_authenticated:
        return stmt.where(False)
    if user.sees_all_units:
        return stmt
    if hasattr(model, "unit_scope_condition"):
        return stmt.where(model.unit_scope_condition(user.unit_id))
    return stmt.where(model.unit_scope_column() == user.unit_id)


def scoped_select(model, user=None):
    return scope_to_unit(select(model), model, user)


def get_scoped_or_404(model, *conditions, user=None):
    """The one record matching ``conditions`` in the user's scope, or a 404."""
    record = db.session.scalars(scoped_select(model, user).where(*conditions)).first()
    if record is None:
        abort(404)
    return record


def may_access_unit(unit_id: int | None, user=None) -> bool:
    user = user or current_user
    return user.is_authenticated and (user.sees_all_units or unit_id == user.unit_id)
