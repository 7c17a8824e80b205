"""Back-office lists that need someone's attention: certificates running out, missing training.

Both take an already unit-scoped ``select(Officer)`` (portal.staff.scoping) so they never show
another unit's officers.
"""

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.officers.models import Officer, OfficerTraining

EXPIRY_WINDOW_DAYS = 30
TRAININGS_PER_YEAR = 2


def expiring_certificates(session, scoped_officers, today: date, days: int = EXPIRY_WINDOW_DAYS):
    """Officers on duty whose certificate ends within ``days`` — or has already ended."""
    stmt = scoped_officers.where(
        Officer.status.in_(("active", "suspended")),
        Officer.cert_valid_to <= today + timedelta(days=days),
    ).order_by(Officer.cert_valid_to, Officer.badge_no)
    return session.scalars(stmt).all()


def under_trained(session, scoped_officers, year: int, minimum: int = TRAININGS_PER_YEAR):
    """(officer, trainings this year) for officers on duty with fewer than ``minimum``."""
    per_officer = (
        select(OfficerTraining.officer_id, func.count().label("trainings"))
        .where(OfficerTraining.trained_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(OfficerTraining.officer_id)
        .subquery()
    )
    trainings = func.coalesce(per_officer.c.trainings, 0)
    stmt = (
        scoped_officers.add_columns(trainings)
        .outerjoin(per_officer, per_officer.c.officer_id == Officer.id)
        .where(Officer.status.in_(("active", "suspended")), trainings < minimum)
        .order_by(trainings, Officer.badge_no)
    )
    return session.execute(stmt).all()


def trainings_of(session, officer: Officer):
    return session.scalars(
        select(OfficerTraining)
        .where(OfficerTraining.officer_id == officer.id)
        .order_by(OfficerTraining.trained_on.desc(), OfficerTraining.id.desc())
    ).all()
