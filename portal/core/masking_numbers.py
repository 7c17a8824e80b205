"""Number-shaped personal data however it is written: resident IDs, mobiles, landlines, bank
cards and the WeChat / QQ accounts introduced as such (see :mod:`portal.core.masking`).

Numbers are found in *digit runs* of the normalised text: ASCII digits and the Chinese numerals
〇零一二三四五六七八九 幺 (1) 两 (2), with up to three separators between any two of them
(spaces, ``- . · / _ ( ) +``), so 0375 296 1234, 138-3751-2345, 一三八三七五一二三四五 and
1三8 3751 二三四五 are all the same kind of run. Inside a run every shape is tried at every
place where a number may begin: after a separator, at a Chinese numeral, or at the start of the
run — but never right after an ASCII digit, so no mobile is read out of the middle of
2016030512345674. The same goes for where it ends. Overlaps are settled by the caller (the
longest finding wins: an ID is never also a mobile).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from portal.core import masking_patterns as patterns

#: Chinese numerals → ASCII digits, one character for one (positions stay valid)
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九幺两", "0012345678912")
_SEPARATORS = frozenset(" -.·/_()+")

_PROVINCE = r"(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])"
_BIRTH_8 = r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_BIRTH_6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# Shapes, matched on the compact digits of a run at a possible start.
_ID18 = re.compile(rf"{_PROVINCE}\d{{4}}{_BIRTH_8}\d{{3}}[\dXx]")
_ID15 = re.compile(rf"{_PROVINCE}\d{{4}}{_BIRTH_6}\d{{3}}")
_MOBILE = re.compile(r"(0086|86)?(1[3-9]\d)(\d{4})(\d{4})")
# Area codes: 010 and 02x have 3 digits, 03xx-09xx 4; local numbers never start with 0 or 1
# (so 0375-12319 is a hotline, not a landline). After +86 the area code's 0 is dropped.
_LANDLINE = re.compile(r"(?:(0086|86)0?|0)(10|2\d|[3-9]\d\d)(?=[2-9])")
_CARD_LENGTHS = (19, 18, 17, 16)
_EXTENSION = re.compile(r" ?(?:转|分机|ext\.?|x|-) ?\d{1,6}(?![0-9])", re.IGNORECASE)


def numeric(normalised: str) -> str:
    """The normalised text with Chinese numerals as ASCII digits (same length)."""
    return normalised.translate(_CHINESE_DIGITS)


@dataclass(frozen=True)
class NumberFinding:
    kind: str
    start: int
    end: int
    replacement: str
    #: the compact digits of the number (without prefix), for the public-number check
    digits: str = ""


@dataclass
class _Run:
    compact: str
    #: position in the text of each compact character
    positions: list[int]
    #: compact positions where a number may begin or end
    boundaries: set[int]


_RUN_RE = re.compile(
    r"[0-9〇零一二三四五六七八九幺两](?:[ \-./·_()+]{0,3}[0-9〇零一二三四五六七八九幺两])*"
    # the check character after the same separators as between digits: 41041120020506394.X
    r"(?:[ \-./·_()+]{0,3}[Xx](?![A-Za-z0-9]))?"
)


def _runs(normalised: str) -> Iterator[_Run]:
    text = normalised
    for match in _RUN_RE.finditer(text):
        if match.end() - match.start() < 7:
            continue
        compact, positions, boundaries = [], [], {0}
        previous = -1
        for index in range(match.start(), match.end()):
            char = text[index]
            if char in _SEPARATORS:
                continue
            # A boundary lies between two characters unless both are ASCII digits written
            # side by side: 2016030512345674 holds no mobile, 一三八 三七五一 may hold one.
            if previous >= 0 and (
                index - previous > 1 or not (text[previous].isascii() and char.isascii())
            ):
                boundaries.add(len(compact))
            compact.append(char)
            positions.append(index)
            previous = index
        boundaries.add(len(compact))
        if len(compact) >= 7:
            yield _Run(numeric("".join(compact)), positions, boundaries)


def find_numbers(normalised: str) -> Iterator[NumberFinding]:
    """Every ID, mobile, landline and card shape in the text's digit runs."""
    for run in _runs(normalised):
        for start in sorted(run.boundaries):
            yield from _shapes_at(normalised, run, start)


def _span(run: _Run, start: int, end: int) -> tuple[int, int]:
    return run.positions[start], run.positions[end - 1] + 1


def _shapes_at(normalised: str, run: _Run, start: int) -> Iterator[NumberFinding]:
    compact, boundaries = run.compact, run.boundaries
    for pattern in (_ID18, _ID15):
        match = pattern.match(compact, start)
        if match and match.end() in boundaries:
            digits = match[0]
            yield NumberFinding("id_number", *_span(run, start, match.end()), mask_id(digits))
    match = _MOBILE.match(compact, start)
    if match and match.end() in boundaries:
        prefix, head, _middle, tail = match.groups()
        begin, end = _span(run, start, match.end())
        if prefix:
            begin = _plus_before(normalised, begin)
            kept = normalised[begin : run.positions[start + len(prefix)]]
        else:
            kept = ""
        yield NumberFinding("mobile", begin, end, f"{kept}{head}****{tail}", head + _middle + tail)
    match = _LANDLINE.match(compact, start)
    if match:
        yield from _landline(normalised, run, start, match)
    for length in _CARD_LENGTHS:
        digits = compact[start : start + length]
        if (
            len(digits) == length
            and start + length in boundaries
            and digits.isdigit()
            and card_prefix(digits)
            and luhn_valid(digits)
        ):
            span = _span(run, start, start + length)
            yield NumberFinding("bank_card", *span, mask_account(digits))


def _landline(normalised: str, run: _Run, start: int, match) -> Iterator[NumberFinding]:
    prefix, area = match.groups()
    for length in (8, 7):
        end_index = match.end() + length
        if end_index not in run.boundaries or end_index > len(run.compact):
            continue
        number = run.compact[match.end() : end_index]
        begin, end = _span(run, start, end_index)
        if prefix:
            begin = _plus_before(normalised, begin)
        number_start = run.positions[match.end()]
        # an opening bracket before the area code is kept with it: (0375)***1234
        if begin > 0 and normalised[begin - 1] == "(" and ")" in normalised[begin:number_start]:
            begin -= 1
        kept = normalised[begin:number_start]
        extension = _EXTENSION.match(normalised, end)
        ext_text = ""
        if extension:
            ext_text = extension[0].translate(_CHINESE_DIGITS).replace(" ", "")
            end = extension.end()
        masked = kept + "*" * (len(number) - 4) + number[-4:] + ext_text
        yield NumberFinding("landline", begin, end, masked, "0" + area + number)
        return


def _plus_before(normalised: str, begin: int) -> int:
    return begin - 1 if begin > 0 and normalised[begin - 1] == "+" else begin


def mask_id(value: str) -> str:
    if len(value) == 15:
        return value[:6] + "*" * 6 + value[-3:]
    if len(value) < 12:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_prefix(digits: str) -> bool:
    # Card numbers start with 3-6 or 9 (or 22-27, Mastercard); a date-prefixed tracking number
    # (20260305…) does not, so a Luhn-valid one is not taken for a card.
    return digits[0] in "34569" or "22" <= digits[:2] <= "27"


def mask_account(digits: str) -> str:
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def only_digits(value: str) -> str:
    return "".join(char for char in numeric(value) if char.isascii() and char.isdigit())


# --- numbers recognised by their label ---------------------------------------------------------


def labelled_numbers(normalised: str) -> Iterator[NumberFinding]:
    """IDs, local phone numbers, accounts and WeChat / QQ accounts after their label."""
    digits_view = numeric(normalised)
    for match in patterns.ID_CONTEXT_RE.finditer(digits_view):
        compact = only_digits(match[1]) + ("X" if match[1][-1] in "Xx" else "")
        yield NumberFinding("id_number", *match.span(1), mask_id(compact))
    for match in patterns.PHONE_CONTEXT_RE.finditer(digits_view):
        number = only_digits(match[1])
        if number.startswith("1"):
            masked = number[:3] + "*" * (len(number) - 7) + number[-4:]
            yield NumberFinding("mobile", *match.span(1), masked, number)
        else:
            masked = "*" * (len(number) - 4) + number[-4:]
            yield NumberFinding("landline", *match.span(1), masked, number)
    for match in patterns.ACCOUNT_CONTEXT_RE.finditer(digits_view):
        digits = only_digits(match[1])
        if len(digits) >= 8:
            yield NumberFinding("bank_card", *match.span(1), mask_account(digits))
    for match in patterns.IM_ACCOUNT_RE.finditer(digits_view):
        account = match["account"]
        if account.isdigit() and len(account) == 11 and account[0] == "1":
            continue  # a mobile written as the WeChat id: found as a mobile
        masked = account[0] + "*" * (len(account) - 2) + account[-1]
        yield NumberFinding("im_account", *match.span("account"), masked)
