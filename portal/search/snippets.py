"""Highlighted snippets: the stretch of a stored text where the query's words are.

The words are looked up in the stored text itself (every indexed word is a piece of it), so a
hit costs a few ``str.find`` calls instead of a second segmentation. Text is escaped; only the
``<mark>`` elements added here are markup.
"""

from markupsafe import Markup, escape

from portal.search.segmentation import normalise

SNIPPET_LENGTH = 110
#: characters shown before the first word found
LEAD = 24


def _spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the terms occur, overlapping occurrences merged, in order."""
    folded = normalise(text)
    found = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_window(text: str, spans, length: int) -> tuple[int, int]:
    if len(text) <= length or not spans:
        return 0, min(len(text), length)
    best_start, best_score = 0, -1
    for first, _ in spans:
        start = max(0, min(first - LEAD, len(text) - length))
        covered = sum(1 for s, e in spans if s >= start and e <= start + length)
        if covered > best_score:
            best_start, best_score = start, covered
    return best_start, best_start + length


def _marked(text: str, spans, start: int, end: int) -> Markup:
    pieces, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces.append(escape(text[position:span_start]))
        pieces.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    pieces.append(escape(text[position:end]))
    return Markup("").join(pieces)


def highlight(text: str, terms) -> Markup:
    """All of ``text`` with the terms marked (titles)."""
    return _marked(text, _spans(text, terms), 0, len(text))


def snippet(text: str, terms, length: int = SNIPPET_LENGTH) -> Markup:
    """About ``length`` characters of ``text`` around the terms, marked, with ellipses."""
    text = " ".join(text.split())
    spans = _spans(text, terms)
    start, end = _best_window(text, spans, length)
    marked = _marked(text, spans, start, end)
    return Markup("%s%s%s") % ("…" if start > 0 else "", marked, "…" if end < len(text) else "")
