"""Search (检索) over everything published: Whoosh, jieba (rjieba), an outbox indexer.

Start with ``providers.py`` (what is indexed, and how to add a kind), then ``indexer.py`` (how
the index follows the database) and ``service.py`` (how a query runs).
"""

from portal.search import inline
from portal.search.cli import search_cli
from portal.search.views import bp


def init_app(app) -> None:
    inline.init_app(app)


__all__ = ["bp", "init_app", "search_cli"]
