"""The content generation: one number that every committed change moves on.

Every transaction that wrote anything increases it as its very last statement, so a reader
that sees generation N sees every change committed up to N — on every worker and every host,
because the number lives in the database beside the data. Rendered pages are kept under the
generation they were rendered at (``portal.pagecache``): a page kept before a change is simply
never looked up again, so the cache cannot be stale and nothing has to be purged.

One row, updated (not a sequence): ids from a sequence may commit out of order on PostgreSQL,
an updated row cannot. The row lock is taken after the transaction's last flush and held only
until its commit, so writers wait for each other's commit at most, and never deadlock on it.
"""

from datetime import datetime

from sqlalchemy import DDL, TextClause, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from portal.core.models import utcnow
from portal.extensions import db

#: a session flag: this transaction flushed or executed a write. Never cleared on rollback (a
#: rolled-back savepoint must not hide the outer transaction's writes): a needless advance
#: only costs a render, a missed one would show a stale page.
WROTE = "content_generation_wrote"
ROW_ID = 1


class ContentGeneration(db.Model):
    __tablename__ = "content_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


# create_all (tests, a fresh embedded database) gets the one row too; the migration adds it
event.listen(
    ContentGeneration.__table__,
    "after_create",
    DDL(
        f"INSERT INTO content_generation (id, value, changed_at) "
        f"VALUES ({ROW_ID}, 0, CURRENT_TIMESTAMP)"
    ),
)


_TABLE = ContentGeneration.__table__
_READ_GENERATION = select(_TABLE.c.value, _TABLE.c.changed_at).where(_TABLE.c.id == ROW_ID)


def current_generation(session) -> tuple[int, datetime] | None:
    """(value, when it last changed), or None when the row is missing (then nothing is kept)."""
    # on the session's connection, past the ORM: this runs before every public page
    row = session.connection().execute(_READ_GENERATION).first()
    return (row.value, row.changed_at) if row else None


@event.listens_for(Session, "after_flush")
def _note_flushed_writes(session, flush_context) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement_writes(state) -> None:
    # anything but a SELECT may write: an ORM DML statement, or text("UPDATE …")
    statement = state.statement
    if state.is_select or _is_text_select(statement):
        return
    if getattr(getattr(statement, "table", None), "name", None) != ContentGeneration.__tablename__:
        state.session.info[WROTE] = True


def _is_text_select(statement) -> bool:
    return isinstance(statement, TextClause) and statement.text.lstrip()[:6].upper() == "SELECT"


@event.listens_for(Session, "before_commit")
def _advance_on_commit(session) -> None:
    wrote = session.info.pop(WROTE, False)
    if not (wrote or session.new or session.dirty or session.deleted):
        return
    # flush everything else first: the generation's row lock is the last one taken
    session.flush()
    session.execute(
        update(ContentGeneration)
        .where(ContentGeneration.id == ROW_ID)
        .values(value=ContentGeneration.value + 1, changed_at=utcnow())
    )
