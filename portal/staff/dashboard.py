"""What the staff dashboard shows besides its links: each domain registers a function of
(session, today) returning template values, so that staff depends on no domain above it."""

from collections.abc import Callable
from datetime import date

#: name → (session, today) → values for ``staff/dashboard.html``
DASHBOARD_ITEMS: dict[str, Callable[[object, date], dict]] = {}


def dashboard_item(name: str):
    def register(function):
        DASHBOARD_ITEMS[name] = function
        return function

    return register


def dashboard_values(session, today: date) -> dict:
    values = {}
    for function in DASHBOARD_ITEMS.values():
        values.update(function(session, today))
    return values
