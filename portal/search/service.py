"""Running a search: ranked or dated hits for one page, and the counts behind the filters.

Speed comes from doing little per query: a warm searcher per worker (``readers``), filters
intersected into the query, no phrase positions, at most ``SCORE_BUDGET`` matches scored for
the relevance order, and the filter counts computed once per query and index version, then
memoised — paging and filtering the same query reuse them. Beyond ``EXACT_COUNT_LIMIT``
matches per segment the counts are extrapolated, and the page says "约".
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from math import ceil

from markupsafe import Markup
from whoosh import collectors

from portal.search.query import ParsedQuery, filtered, parse, text_query
from portal.search.readers import FACET_FIELDS, forget_segments_except, segment_columns
from portal.search.snippets import highlight, snippet

PAGE_SIZE = 10
#: deeper pages are not offered (narrow the search instead)
MAX_PAGE = 50
#: matches counted one by one for the filter counts; more are estimated
EXACT_COUNT_LIMIT = 20000
#: recent queries whose counts a searcher remembers
MEMO_SIZE = 256
#: matches scored for the relevance order at most; beyond, the best of the first this many
#: (newest index segments first) are shown — the counts still cover every match
SCORE_BUDGET = 20000


class _BudgetedTopCollector(collectors.TopCollector):
    """Whoosh's top-N collector, stopping after ``budget`` scored matches.

    Scoring is Whoosh's cost per match (pure Python); a word found in half a million documents
    would otherwise be scored half a million times to show ten. Segments are visited newest
    first, so what was published since the last rebuild is always among those scored.
    """

    def __init__(self, limit: int, budget: int):
        super().__init__(limit=limit)
        self.budget = budget
        self.scored = 0

    def run(self):
        try:
            for subsearcher, offset in reversed(self.top_searcher.leaf_searchers()):
                if self.scored >= self.budget:
                    break
                self.set_subsearcher(subsearcher, offset)
                self.collect_matches()
        finally:
            self.finish()

    def collect_matches(self):
        collect = self.collect
        for sub_docnum in self.matches():
            collect(sub_docnum)
            self.scored += 1
            if self.scored >= self.budget:
                break


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    kind: str = ""
    unit: str = ""
    year: str = ""
    #: ``relevance`` or ``date`` (newest first)
    sort: str = "relevance"
    page: int = 1

    def filters(self) -> dict[str, str]:
        return {"kind": self.kind, "unit": self.unit, "year": self.year}


@dataclass
class Hit:
    kind: str
    ref: str
    title: Markup
    snippet: Markup
    unit_code: str
    published_on: date | None


@dataclass
class SearchResult:
    query: ParsedQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_estimate: bool = False
    page: int = 1
    page_count: int = 1
    #: facet field → [(value, count)], counted under the other chosen filters
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: False when no document had every word and these hits have some of them
    all_words: bool = True


@dataclass
class _Counts:
    total: int
    estimated: bool
    facets: dict[str, list[tuple[str, int]]]


def run_search(opened, request: SearchRequest) -> SearchResult:
    """Search the index ``opened`` (from ``SearcherCache.searcher``)."""
    parsed = parse(request.text)
    if parsed.is_empty:
        return SearchResult(query=parsed)
    result = _search(opened, parsed, request, all_words=True)
    if result.total == 0 and len(parsed.terms) > 1:
        some = _search(opened, parsed, request, all_words=False)
        if some.total:
            return some
    return result


def _search(opened, parsed: ParsedQuery, request: SearchRequest, all_words: bool):
    base = text_query(parsed, opened.searcher.reader(), require_all=all_words)
    counts = _memoised_counts(opened, (parsed.terms, parsed.exact, all_words), base, request)
    page_count = min(MAX_PAGE, max(1, ceil(counts.total / PAGE_SIZE)))
    page = min(max(1, request.page), page_count)
    result = SearchResult(
        query=parsed,
        total=counts.total,
        total_is_estimate=counts.estimated,
        page=page,
        page_count=page_count,
        facets=counts.facets,
        all_words=all_words,
    )
    if counts.total == 0:
        return result
    hits = _hits(opened.searcher, filtered(base, request.filters()), page, request.sort)
    for position in range((page - 1) * PAGE_SIZE, min(hits.scored_length(), page * PAGE_SIZE)):
        stored = hits[position].fields()
        day = stored.get("day") or 0
        result.hits.append(
            Hit(
                kind=stored["kind"],
                ref=stored.get("ref", ""),
                title=highlight(stored.get("title", ""), parsed.terms),
                snippet=snippet(stored.get("body", ""), parsed.terms),
                unit_code=stored.get("unit", ""),
                published_on=date(day // 10000, day // 100 % 100, day % 100) if day else None,
            )
        )
    return result


def _hits(searcher, query, page: int, sort: str):
    if sort == "date":
        return searcher.search(query, limit=page * PAGE_SIZE, sortedby="day", reverse=True)
    return top_hits(searcher, query, page * PAGE_SIZE)


def top_hits(searcher, query, limit: int):
    """The ``limit`` best hits, scoring at most ``SCORE_BUDGET`` matches."""
    collector = _BudgetedTopCollector(limit, SCORE_BUDGET)
    searcher.search_with_collector(query, collector)
    return collector.results()


def _memoised_counts(opened, query_key, base, request: SearchRequest) -> _Counts:
    key = (query_key, tuple(sorted(request.filters().items())))
    counts = opened.memo.get(key)
    if counts is None:
        if len(opened.memo) >= MEMO_SIZE:
            opened.memo.pop(next(iter(opened.memo)))
        counts = opened.memo[key] = _count(opened, base, request.filters())
    return counts


def _count(opened, base, filters: dict[str, str]) -> _Counts:
    """How many documents match, in all and per kind, unit and year.

    A facet's counts honour the other facets' choices but not its own, so every value shown
    is one more click away (choosing 2024 still shows how many of each kind there are). In a
    segment with more than ``EXACT_COUNT_LIMIT`` matches, counting stops there and the counts
    are scaled by how far into the segment it got (matches spread evenly: an estimate).
    """
    chosen = {name: value for name, value in filters.items() if value}
    tallies = {name: Counter() for name in FACET_FIELDS}
    total = 0.0
    estimated = False
    # an empty index has one leaf with no segment behind it
    leaves = [leaf for leaf, _ in opened.searcher.leaf_searchers() if leaf.reader().segment()]
    forget_segments_except(
        opened.generation, {leaf.reader().segment().segment_id() for leaf in leaves}
    )
    for leaf in leaves:
        columns = segment_columns(opened.generation, leaf.reader())
        ids = list(islice(base.docs(leaf), EXACT_COUNT_LIMIT + 1))
        scale = 1.0
        if len(ids) > EXACT_COUNT_LIMIT:
            ids.pop()
            scale = leaf.doc_count_all() / (ids[-1] + 1)
            estimated = True
        codes = {name: columns[name][0] for name in FACET_FIELDS}
        wanted = {
            name: columns[name][1].index(value) if value in columns[name][1] else -1
            for name, value in chosen.items()
        }
        for name in FACET_FIELDS:
            others = [(codes[n], code) for n, code in wanted.items() if n != name]
            selected = [i for i in ids if all(column[i] == code for column, code in others)]
            values = columns[name][1]
            for code, count in Counter(map(codes[name].__getitem__, selected)).items():
                tallies[name][values[code]] += count * scale
        matching = sum(1 for i in ids if all(codes[n][i] == code for n, code in wanted.items()))
        total += matching * scale
    facets = {
        name: _ordered(name, {value: round(count) for value, count in tally.items()})
        for name, tally in tallies.items()
    }
    return _Counts(total=round(total), estimated=estimated, facets=facets)


def _ordered(name: str, tally: dict[str, int]) -> list[tuple[str, int]]:
    values = [(value, count) for value, count in tally.items() if value and count]
    if name == "year":
        return sorted(values, reverse=True)
    return sorted(values, key=lambda item: (-item[1], item[0]))
