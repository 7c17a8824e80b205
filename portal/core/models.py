"""The declarative base every model derives from, and the time helpers models use."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

#: constraint names are fixed so that Alembic migrations name them the same on every database
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: the city's time zone: dates shown to people and deadlines are counted in it
LOCAL_TZ = ZoneInfo("Asia/Shanghai")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Now, as the naive UTC datetime stored in every ``*_at`` column (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_local(moment: datetime) -> datetime:
    """A stored naive-UTC datetime in the city's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TZ)


def local_today():
    return datetime.now(LOCAL_TZ).date()
