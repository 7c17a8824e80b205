"""The search outbox: a change log of published content, written in the same transaction as
the change, that the indexer follows with its own cursor (see the search issue and SPEC)."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class SearchOutboxEntry(db.Model):
    __tablename__ = "search_outbox"

    #: increasing; each indexer remembers the last id it applied
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the kind of published item, e.g. ``decision``, ``document``, ``officer``
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
