"""From what a person typed to a Whoosh query — without a query language.

Whatever is typed is text to look for: quotes, brackets, ``AND``/``OR``/``NOT``, ``*`` and any
other punctuation are not syntax, so no input can make the query fail. The words (segmented
like the index) must all appear; when no document has them all, the search page offers the
documents that have some of them. The whole query, without spaces, is also looked up in the
exact-match fields, so a badge number, a document number or an officer's full name finds its
record first even where segmentation splits it (邹海燕 → 邹 / 海燕).
"""

import re
from dataclasses import dataclass

from whoosh import query as wq

from portal.search.documents import exact_term
from portal.search.segmentation import query_terms

#: characters of a query that are looked at; the rest is ignored (and the page says so)
MAX_QUERY_LENGTH = 100
#: words of a query that are looked for
MAX_TERMS = 10
#: how much an exact name or number outweighs words found in the text
EXACT_BOOST = 50.0
#: the English operator words people type from habit: every word is required anyway
OPERATOR_WORDS = frozenset({"and", "or", "not"})


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[str, ...]
    #: the whole query as an exact name/number ("" when too long or too short to be one)
    exact: str
    truncated: bool

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.exact


def parse(raw: str | None) -> ParsedQuery:
    text = re.sub(r"\s+", " ", raw or "").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    terms = tuple(term for term in query_terms(text) if term not in OPERATOR_WORDS)
    truncated = truncated or len(terms) > MAX_TERMS
    exact = exact_term(text)
    if not re.search(r"[0-9a-z\u3400-\u9fff]", exact) or len(exact) > 40:
        exact = ""
    return ParsedQuery(text=text, terms=terms[:MAX_TERMS], exact=exact, truncated=truncated)


def text_query(parsed: ParsedQuery, reader, require_all: bool = True) -> wq.Query:
    """Documents with every word (or, ``require_all=False``, any word) or the exact name.

    The exact-match terms join the query only when the index has them: a union with a term
    that matches nothing still costs Whoosh its fast path (skipping low-scoring blocks).
    """
    words = [wq.Term("content", term) for term in parsed.terms]
    parts = []
    if len(words) == 1:
        parts.append(words[0])
    elif words:
        parts.append(wq.And(words) if require_all else wq.Or(words))
    for field in ("names", "numbers") if parsed.exact else ():
        if reader.doc_frequency(field, parsed.exact):
            parts.append(wq.Term(field, parsed.exact, boost=EXACT_BOOST))
    if not parts:
        return wq.NullQuery
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def filtered(base: wq.Query, filters: dict[str, str]) -> wq.Query:
    """``base`` restricted to the chosen kind, unit and year (intersected, not post-filtered:
    Whoosh then skips through the postings instead of collecting every match first)."""
    terms = [wq.Term(name, value) for name, value in filters.items() if value]
    return wq.And([base, *terms]) if terms else base
