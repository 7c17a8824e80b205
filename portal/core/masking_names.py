"""Names of natural persons in free text (see :mod:`portal.core.masking`).

Four signals, each giving the start of a surname; the length of the given name is then decided
the same way for all (:func:`given_length`):

* a cue right before the name — a role, a relation or a job (证人, 其妻, 邻居, 店主, 驾驶员 …,
  ``PERSON_CUES``), optionally with 为 / 名叫 / a colon — and names listed after it with 、和与及;
* a surname with or without a given name before an honorific (王建国先生, 李秀英女士);
* a surname + 某 + one more character (李某明: the 某 hid only part of the name);
* the segmenter's part-of-speech tag ``nr`` (rjieba, the jieba dictionary the search uses), for
  names in running text without a cue. The tagger is generous (it calls 张家港, 王府井, 李村
  and 张贴 names), so a tagged word only counts when it starts with a common surname, is not
  a known place or word (``NOT_NAMES``), does not end like a place, and is not followed by a
  place or organisation word.

Never a name: a word followed by an organisation word (王记烩面馆, 李氏商行), a place (张庄村,
李村, 王府井), and the names in ``keep_names`` (officers on the public roster). The tagger is
what the cue-less detection rests on, so it is consulted once per text, not per candidate.
"""

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import rjieba

from portal.core import masking_name_lists as lists

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CUE_RE = re.compile(
    rf"(?:{'|'.join(lists.PERSON_CUES)})[甲乙丙丁1-9]?(?:{'|'.join(lists.CUE_LINKS)})?(?: ?: ?| )?"
)
_HONORIFIC_RE = re.compile("|".join(lists.HONORIFICS))
_SURNAME_MOU_RE = re.compile(r"某(?!某)(?=[\u4e00-\u9fff])")
_LIST_JOINERS = "、和与及"
_DOCUMENT_NUMBER_PREFIX = re.compile(r"[\u4e00-\u9fff]{0,6}[〔\[(（【]\s?(?:19|20)\d\d")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
#: a single-character first token with one of these tags is not the start of a name: 向执法…
_NOT_NAME_START_TAGS = frozenset(
    {"p", "d", "c", "r", "u", "uj", "ul", "v", "vn", "m", "q", "f", "t", "s"}
)


def _is_han(char: str) -> bool:
    return bool(_HAN.match(char))


@lru_cache(maxsize=4096)
def _has_word(word: str) -> bool:
    return rjieba.has_word(word)


def surname_length(text: str, position: int) -> int:
    """2 for a compound surname, 1 for a common one, 0 if none starts at ``position``."""
    if text.startswith(lists.COMPOUND_SURNAMES, position):
        return 2
    return 1 if position < len(text) and text[position] in lists.COMMON_SURNAMES else 0


def given_length(text: str, position: int) -> int:
    """How many characters from ``position`` on are a given name: 0, 1 or 2.

    李明称 → 1 (称 stops it), 张伟驾驶 → 1 (驾驶 is a word), 王秀英与 → 2, 刘德华在 → 2.
    """
    first = text[position : position + 1]
    if not first or not _is_han(first) or first in lists.NAME_STOP_CHARS:
        return 0
    second = text[position + 1 : position + 2]
    if not second or not _is_han(second) or second in lists.NAME_STOP_CHARS:
        return 1
    third = text[position + 2 : position + 3]
    after = text[position + 2 : position + 4]
    if (
        third
        and third not in lists.NAME_STOP_CHARS
        and _has_word(second + third)
        and not (len(after) == 2 and _has_word(after))
        and not _has_word(first + second)
    ):
        return 1  # 张伟驾驶, 李明经营; but 毛振明证实 (证实 is the word) and 谭雨志在
    return 2


_ENTITY_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nz", "nt"})


@lru_cache(maxsize=8192)
def _word_start(window: str, surname: int, strict: bool) -> bool:
    tokens = rjieba.tag(window)
    if not tokens:
        return False
    word, tag = tokens[0]
    if word in lists.NOT_NAMES or window[: surname + 1] in lists.NOT_NAMES:
        return True
    if word == window[:surname] and (
        surname == 2 or (len(tokens) > 1 and tokens[1][1] in _ENTITY_TAGS and len(tokens[1][0]) < 3)
    ):
        return False  # the surname on its own, then the given name: 东方 / 芳, 任 / 保国
    prefix = window[: surname + 1]
    if (
        (strict or tag not in _NAME_TAGS)
        and len(word) > len(prefix)
        and _has_word(prefix)
        and rjieba.tag(prefix)[0][1] not in _ENTITY_TAGS
    ):
        return True  # 牛肉汤 (but after a cue 马国强 stays a name although 马国 is a word)
    if tag in _ENTITY_TAGS:
        return False
    if len(word) > surname:
        return _has_word(word)  # 方面, 安装; a guessed word (苏梓宝 ns) may be a name
    return tag in _NOT_NAME_START_TAGS


def _starts_like_word(text: str, start: int, surname: int, *, strict: bool = False) -> bool:
    """陈述, 方面, 安装, 牛肉汤: the surname begins an ordinary word, not a name."""
    if text.startswith(lists.HONORIFICS, start + surname):
        return True  # 刘先生: nothing to hide
    return _word_start(text[start : start + surname + 3], surname, strict)


def _followed_by_place_or_organisation(text: str, end: int, *, strict: bool) -> bool:
    following = text[end : end + 6]
    if following.startswith(lists.PLACE_WORDS):
        return True
    organisations = lists.ORGANISATION_WORDS
    if strict:
        organisations += lists.ORGANISATION_CHARS
    if following.startswith(organisations):
        return True  # after a cue, a single 店 / 记 / 氏 is not enough: 余振晨店外经营
    if following[:1] in lists.PLACE_SUFFIXES and not _has_word(following[:2]):
        return True
    if strict and _DOCUMENT_NUMBER_PREFIX.match(text, end):
        return True  # 鲁政复决字〔2026〕: the prefix of a document number
    if strict:  # a cue-less word: an organisation word shortly after it also counts
        for offset in range(1, 4):
            if following[offset - 1 : offset] in lists.NAME_STOP_CHARS:
                break
            if following[offset:].startswith(lists.ORGANISATION_WORDS):
                return True
    return False


def _looks_like_place(name: str, surname: int, *, strict: bool) -> bool:
    if name in lists.NOT_NAMES:
        return True
    given = name[surname:]
    if given in ("家", "记", "氏") or given[-1:] in ("记", "氏"):
        return True
    if len(given) == 2 and given[0] == "家" and given[1] in lists.PLACE_SUFFIXES:
        return True  # 张家港, 李家庄, 王家村
    return strict and any(char in lists.PLACE_SUFFIXES for char in given)


def _candidate(
    text: str, start: int, keep: frozenset[str], *, strict: bool, max_given: int = 2
) -> tuple[int, int, str] | None:
    """The name starting at ``start`` as (start, end, masked), or None."""
    surname = surname_length(text, start)
    if not surname:
        return None
    given = min(given_length(text, start + surname), max_given)
    if not given:
        return None
    end = start + surname + given
    name = text[start:end]
    if "某" in name or _looks_like_place(name, surname, strict=strict):
        return None
    if _followed_by_place_or_organisation(text, end, strict=strict):
        return None
    if any(text.startswith(kept, start) for kept in keep) or name in keep:
        return None
    return start, end, text[start : start + surname] + "某" * given


def find_names(
    text: str, *, party_is_person: bool = True, keep_names: Iterable[str] = ()
) -> Iterator[tuple[int, int, str]]:
    """(start, end, masked) for every person's name found in the normalised ``text``."""
    keep = frozenset(name.strip() for name in keep_names if name and len(name.strip()) >= 2)
    found = [
        *_after_cues(text, party_is_person, keep),
        *_before_honorifics(text, keep),
        *_after_surname_mou(text),
        *_tagged(text, keep),
    ]
    yield from found
    # names listed with 、和与及 after a name found: 田晓燕、汪春生
    ends = {end for _start, end, _masked in found}
    for end in sorted(ends):
        yield from _listed_after(text, end, keep)


def _listed_after(text: str, end: int, keep: frozenset[str]) -> Iterator:
    while text[end : end + 1] in _LIST_JOINERS and text[end : end + 1]:
        following = surname_length(text, end + 1)
        if not following or _starts_like_word(text, end + 1, following):
            return
        found = _candidate(text, end + 1, keep, strict=False)
        if found is None:
            return
        yield found
        end = found[1]


def _after_cues(text: str, party_is_person: bool, keep: frozenset[str]) -> Iterator:
    for match in _CUE_RE.finditer(text):
        if match[0].startswith("当事人") and not party_is_person:
            continue
        start = match.end()
        surname = surname_length(text, start)
        if not surname or _starts_like_word(text, start, surname):
            continue
        found = _candidate(text, start, keep, strict=False)
        if found is not None:
            yield found


def _before_honorifics(text: str, keep: frozenset[str]) -> Iterator:
    for match in _HONORIFIC_RE.finditer(text):
        honorific = match.start()
        tokens = rjieba.tag(text[max(0, honorific - 4) : honorific])
        if not tokens:
            continue
        word, tag = tokens[-1]
        split_name = len(tokens) > 1 and tokens[-2][0] in lists.COMMON_SURNAMES
        if split_name and tag in _NAME_TAGS and len(word) <= 2 and not surname_length(word, 0):
            word = tokens[-2][0] + word  # the tagger split 王 / 秀英
        start = honorific - len(word)
        surname = surname_length(text, start)
        given = len(word) - surname
        if not surname or not 1 <= given <= 2 or text[start:honorific] in keep:
            continue
        if any(char in lists.NAME_STOP_CHARS for char in word[surname:]):
            continue
        yield start, honorific, text[start : start + surname] + "某" * given


def _names_an_organisation_or_place(text: str, start: int) -> bool:
    for offset in range(8):
        char = text[start + offset : start + offset + 1]
        if not char or not _is_han(char) or char in lists.NAME_STOP_CHARS:
            return False
        rest = text[start + offset :]
        if rest.startswith(lists.ORGANISATION_WORDS) or rest.startswith(lists.PLACE_WORDS):
            return True
    return False


def _after_surname_mou(text: str) -> Iterator:
    for match in _SURNAME_MOU_RE.finditer(text):
        position = match.start()
        start = position - 2 if text.startswith(lists.COMPOUND_SURNAMES, position - 2) else None
        if start is None:
            if position == 0 or text[position - 1] not in lists.COMMON_SURNAMES:
                continue
            start = position - 1
        hidden = text[position + 1]
        if (
            hidden in lists.NAME_STOP_CHARS
            or hidden in "男女家人户夫父母兄姐弟妹"
            or not _is_han(hidden)
        ):
            continue
        following = text[position + 1 : position + 3]
        if _has_word(following) and following[1:] not in lists.NAME_STOP_CHARS:
            continue  # 张某经营, 责令杨某限期 (but 廖某宇称: 称 ends the name, 宇 was hidden)
        if _names_an_organisation_or_place(text, position + 1):
            continue  # 河南华某建筑安装有限公司, 鲁某街道: a placeholder in a name of a thing
        yield start, position + 2, text[start:position] + "某某"


def _tagged(text: str, keep: frozenset[str]) -> Iterator:
    position, previous = 0, None
    for word, tag in rjieba.tag(text):
        start, position = position, position + len(word)
        if tag not in _NAME_TAGS or word.endswith(lists.HONORIFICS):
            previous = None
            continue
        if len(word) == 3 and not surname_length(word, 0) and surname_length(word, 1) == 1:
            start += 1  # 系牛晨 → 牛晨
        if previous is not None and len(word) <= 2 and not surname_length(word, 0):
            start = previous  # the tagger split 王 / 秀英
        elif len(word) == 1 and word in lists.COMMON_SURNAMES:
            previous = start
            continue
        previous = None
        surname = surname_length(text, start)
        if not surname or position - start <= surname or position - start > surname + 3:
            continue
        if text[start + surname] == "家" or _starts_like_word(text, start, surname, strict=True):
            continue  # 老孙家, 牛肉汤
        found = _candidate(text, start, keep, strict=True)
        if found is not None:
            yield found
