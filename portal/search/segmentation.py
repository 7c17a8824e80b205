"""Chinese word segmentation for the index and for queries — one segmenter, used for both.

jieba's algorithm and dictionary through ``rjieba`` (jieba-rs, a Rust build of jieba): on the
benchmark corpus it gives token for token the same segmentation as Python jieba 0.42.1, about
9× faster, starting in 0.1 s instead of 0.9 s and with 45 MB instead of 103 MB of memory; its
dictionary is not made of Python objects, so gunicorn workers forked after ``--preload`` keep
sharing it (see README, "Dependency notes", and ``bench/segmentation.py``).

Only runs of Chinese characters go to the segmenter; runs of Latin letters and digits are
split here (ASCII-lowercased, full-width forms folded), so numbers such as 0375-2622319 or
2026 come out the same whatever the segmenter would have done with the punctuation.

Index text is segmented the way jieba's "search" mode does it — each word, plus the 2- and
3-character dictionary words inside longer words (占道经营 → 占道, 经营, 占道经营) — minus
``JUNK_SUBWORDS``, sub-words that only exist by accident inside the words of our dictionary
(占道经营 → 道经, 执法人员 → 法人). They are dropped only there: 法人 on its own, or inside
jieba's own 法人代表, is still indexed. This does what
``jieba.del_word`` is used for without deleting real words from the dictionary (rjieba has no
``del_word``). A query is segmented without the sub-words, so that 经营 finds 占道经营 but
占道经营 does not match every text that merely contains 经营.

The user dictionary (``dictionary.txt``) is loaded once, at import: gunicorn's ``--preload``
imports the app, and with it this module, before forking. A change of the dictionary changes
what the index holds: it needs ``flask --app portal search reindex`` (the index remembers
``DICTIONARY_VERSION`` and /healthz says when it differs).
"""

import hashlib
import re
from importlib import metadata
from pathlib import Path

import rjieba

DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")

#: single characters that carry no meaning for search (never indexed, dropped from queries)
STOP_CHARACTERS = frozenset("的了和与及或在对等是为于之其并将由被把向从以而且也都")

#: Chinese runs go to the segmenter; Latin letters and digits are words of their own
_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")
#: full-width digits and letters → ASCII, one character for one (offsets stay valid)
_FOLD = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}


def _read_dictionary(path: Path) -> tuple[list[str], frozenset[str]]:
    words, junk = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-"):
            junk.add(line[1:].strip())
        else:
            words.append(line)
    return words, frozenset(junk)


USER_WORDS, JUNK_SUBWORDS = _read_dictionary(DICTIONARY_PATH)
_USER_WORD_SET = frozenset(USER_WORDS)

#: what the index depends on besides the documents: the segmenter and the dictionary
DICTIONARY_VERSION = "rjieba-{}:{}".format(
    metadata.version("rjieba"),
    hashlib.sha256(DICTIONARY_PATH.read_bytes()).hexdigest()[:16],
)

for _word in USER_WORDS:
    rjieba.add_word(_word, None, None)


def normalise(text: str) -> str:
    """Lowercase ASCII and fold full-width digits and letters, keeping every offset."""
    return text.translate(_FOLD).lower()


def _words(text: str):
    """(word, start, end) of the text's words, stop characters left out."""
    for run in _RUNS.finditer(normalise(text)):
        chunk, offset = run.group(), run.start()
        if chunk[0] < "\u3400":  # Latin letters or digits
            yield chunk, offset, offset + len(chunk)
            continue
        for word, start, end in rjieba.tokenize(chunk):
            if word not in STOP_CHARACTERS:
                yield word, offset + start, offset + end


def _subwords(word: str):
    """The dictionary words of 2 and 3 characters inside a longer word, as jieba's search mode
    finds them, without the junk ones of our own words."""
    junk = JUNK_SUBWORDS if word in _USER_WORD_SET else ()
    for size in (2, 3):
        if len(word) <= size:
            break
        for start in range(len(word) - size + 1):
            part = word[start : start + size]
            if part not in junk and rjieba.has_word(part):
                yield part


def index_terms(text: str) -> list[str]:
    """The terms a text is indexed under: its words and their sub-words."""
    terms = []
    for word, _start, _end in _words(text):
        terms.extend(_subwords(word))
        terms.append(word)
    return terms


def query_terms(text: str) -> list[str]:
    """The distinct words of a query, in the order typed."""
    return list(dict.fromkeys(word for word, _start, _end in _words(text)))
