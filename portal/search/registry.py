"""The registry of search providers (kinds of published content), filled by ``providers``.

Kept apart from the providers themselves so that the indexer, which every domain's services
reach through ``record_index_change``, never imports a domain's models.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from portal.search.documents import SearchDocument


@dataclass(frozen=True)
class SearchProvider:
    kind: str
    #: what the result list and the kind filter call this kind
    label: str
    load: Callable[[object, Sequence[str]], Iterable[SearchDocument]]
    iter_all: Callable[[object], Iterable[SearchDocument]]
    url: Callable[[str], str]
    #: position in the kind filter
    order: int = 100
    #: how many public items there are (for the progress bar of ``search reindex``)
    count: Callable[[object], int] | None = None


#: kind → provider
PROVIDERS: dict[str, SearchProvider] = {}


def register(provider: SearchProvider) -> SearchProvider:
    PROVIDERS[provider.kind] = provider
    return provider


def unregister(kind: str) -> None:
    PROVIDERS.pop(kind, None)
