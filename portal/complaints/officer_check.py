"""Whether a badge number given with a complaint is on the officer roster.

The roster belongs to the officers domain, built in parallel; until it is merged there is no
roster to ask and the answer is None ("not checked"). Wire it here, and only here, e.g.::

    from portal.officers.models import Officer
    return session.scalar(select(func.count()).where(Officer.badge == badge)) > 0

The complaint is accepted whatever the answer: an unknown badge only adds a note for the person
(receipt) and for staff (detail page).
"""


def badge_on_roster(session, badge: str) -> bool | None:
    """True/False once a roster exists; None while the portal has none (or no badge given)."""
    del session, badge  # used once the officer roster is wired in (see the module docstring)
    return None
