"""Recording that published content changed, for the search index to catch up.

Call ``record_index_change`` inside the transaction that changes the item (publish, correct,
withdraw, edit). The indexer re-reads the item from the database and indexes what is public
about it now — or removes it — so one entry per change is all it needs; a crash after commit
loses nothing because the entry committed with the change.

On PostgreSQL ids come from a sequence at insert time, so a transaction that started earlier
may commit a smaller id after a larger one is visible: the indexer must not simply skip past
gaps in the ids (re-check open gaps for a while before treating them as rolled back).
"""

from portal.search.models import SearchOutboxEntry

#: a session flag: this transaction recorded changes (the in-process indexer acts on commit)
CHANGED = "search_outbox_changed"


def record_index_change(session, kind: str, object_id) -> None:
    session.add(SearchOutboxEntry(kind=kind, object_id=str(object_id)))
    session.info[CHANGED] = True
