"""Personal-data masking for everything the portal publishes (SPEC, Disclosure → Masking).

Call :func:`mask_text` on free text before it reaches a public page, feed, export, API answer
or the search index; :func:`find_personal_data` gives the same findings to the staff preview so
it can highlight them; :func:`mask_party_name` masks the party field of a decision.

What is detected, and how each kind is masked (``Finding.kind`` in brackets):

Numbers are read from digit runs (``portal.core.masking_numbers``): ASCII and full-width
digits and the Chinese numerals 〇零一二三四五六七八九 幺 两, mixed at will, with spaces, dashes,
dots, slashes or brackets between any two of them.

* [id_number] 18-digit resident IDs — a real province prefix, a plausible birth date, 3 digits
  and a check character 0-9/X/x. The check digit is deliberately not verified: a mistyped ID is
  still personal data.
  Also 15-digit pre-1999 IDs, and any 8-20 digit value right after 身份证号 / 公民身份号码.
  First 6 and last 4 kept: ``410402********1234``; 15 digits keep the first 6 and last 3
  (``410402******123``) so that no part of the birth date shows; under 12 digits all ``*``.
* [mobile] 1[3-9]x plus 8 digits, with an optional +86 / 86 / 0086 / (+86) prefix, which is
  kept; also a 10-12 digit number starting with 1 after a phone label
  (电话, 手机 …). First 3 and last 4 kept: ``138****5678``, ``+86 138****5678``.
* [landline] area code (010, 02x, 03xx-09xx, bracketed or not) + a 7-8 digit number +
  optional extension; also a bare 7-8 digit number after a phone label. Area code and
  extension kept, the number keeps its last 4: ``0375-***1234``, ``(0375)***1234转801``.
* [bank_card] 16-19 digit Luhn-valid numbers, plain or grouped by spaces/dashes, starting
  like a card (3, 4, 5, 6, 9 or 22-27; not 20…, the shape of a tracking number), and any
  number of 8 or more digits after 账号 / 账户 / 卡号 / 银行卡 (Luhn or not). First 4 and last 4
  kept, separators dropped: ``6222***********0123``.
* [im_account] a WeChat or QQ account right after 微信 / 微信号 / QQ / QQ号 …: first and last
  character kept (``w******8``).
* [email] first character of the mailbox and the whole domain kept: ``z***@example.com``.
* [plate] licence plates (province + letter + 5 characters, new-energy 6, or 4 + 挂/学/警…),
  only when ``party_is_person`` is true (an organisation's vehicles are not personal data).
  Province, letter and last 2 characters kept, separator dropped: 豫D·A1234 → ``豫D***34``,
  豫DD12345 → ``豫D****45``.
* [address] the house-number tail right after a road or community word (路 街 巷 村 院 苑 区
  小区 大厦 …). Every digit, letter and Chinese numeral in the tail becomes ``*``, the words stay:
  新华区建设路中段12号院3号楼2单元501室 → ``新华区建设路中段**号院*号楼*单元***室``.
  When the party is a person, tails below door-number level (楼, 栋, 单元, 层, 室, 户, two or
  more parts, 3-2-501) are always masked, and a bare door number (建设路12号) only after a home
  word in the same clause (家住, 住址, 现住, 居住, 户籍, 住所 …). When the party is an
  organisation, addresses are treated as business addresses and masked only after such a home
  word (住所 excepted: it also names a company's registered seat).
* [health] a diagnosis verb with its object up to the end of the clause (患有…, 诊断为…,
  确诊…), or a standalone term (精神疾病, 残疾, 残疾证号 and its number, 病历, 病史, 怀孕, 孕妇,
  抑郁症, 艾滋病, 癌症 …; not 残疾人联合会 and the like). The whole match becomes
  ``【健康信息已隐去】``.
* [name] every occurrence of a name given in ``names`` (the party, witnesses, relatives from
  the case record; also written without its middle dot), shown as surname + 某某 like the
  party field (:func:`mask_party_name`); and the names found in the text by
  ``portal.core.masking_names`` (cues such as 证人 / 其妻 / 邻居, honorifics, 李某明, the
  segmenter's tags), shown as surname + one 某 per hidden character: 李某, 王某某. Names in
  ``keep_names`` (officers on the public roster) stay; so does 当事人's name when the party is
  an organisation.
* [manual] a span staff selected in the preview (``extra_spans``: every occurrence of each
  text), all ``*``. ``unmasked_names`` lists detected names staff confirmed are not persons;
  only names can be unmasked, never a number, e-mail or address.

Never masked. These are protected before anything else is matched, and a finding that overlaps
them is dropped unless it strictly contains them (the birth date inside an ID) or is a name
from ``names``: 文书号 (〔2026〕第123号, [2026]123号, （2026）第5号); case and tracking numbers
after their label (案号, 案件编号, 受理编号, 跟踪号 …); dates (2026年3月5日, 2026-03-05,
2026/3/5, 20260305); amounts (罚款5000元, 50,000.00元, 5万元, 人民币壹万元整); article
references (第三十七条, 第37条第2款); 《titles》 (so 《残疾人保障法》 is not health data); postal
codes after 邮编. Phone numbers listed in ``public_phones`` stay (compared by digits, with or
without area code or extension), and so do the e-mail addresses in ``public_emails`` (a unit's
published complaint mailbox; compared without case); service numbers such as 12319 and 12345
are never phone-shaped, not even as 0375-12319.

Full-width digits, letters and spaces, zero-width characters and dash or dot variants are
normalised for matching only: text outside a finding comes back unchanged, a replacement is
written in plain ASCII (１３８… → 138****5678). Where findings overlap the longest wins, and of
equal ones the earlier kind in ``KINDS`` (an 18-digit ID is never also a bank card). Masking
is idempotent: no masked form is detected again.

Known limits, on purpose: a name without a cue that the segmenter does not tag, or one it
tags as a place, is only found when passed in ``names``; an address is only found as a numbered
tail after a place word, so for a person party a floor or room of a public building
(城管大楼3楼) is masked too; an ID-shaped or Luhn-valid number after a case-number label
stays; an account number after 账号 is masked even when it is the bureau's own collection account.
"""

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from portal.core import masking_name_lists, masking_names, masking_numbers
from portal.core import masking_patterns as patterns

KINDS = (
    "name",
    "id_number",
    "bank_card",
    "mobile",
    "landline",
    "email",
    "im_account",
    "plate",
    "address",
    "health",
    "manual",
)
#: the kinds staff may unmask in the preview (a false positive); everything else stays masked
UNMASKABLE_KINDS = frozenset({"name"})
# Of two findings covering the same text, the earlier kind in KINDS wins.
_PRIORITY = {kind: rank for rank, kind in enumerate(KINDS)}

_STRUCTURED_KINDS = frozenset({"id_number", "mobile"})
_ORGANISATION_TYPES = frozenset({"organisation", "organization"})
_NAME_SEPARATORS = "·."


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: ``text[start:end] == original`` becomes ``replacement``."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class _Candidate:
    kind: str
    start: int
    end: int
    replacement: str
    #: False for explicitly named persons, who are masked even inside a protected span.
    protectable: bool = True


def mask_party_name(name: str | None, party_type: str) -> str:
    """The party as published: a person as surname + 某某, an organisation in full.

    Compound surnames (欧阳, 司马, 诸葛 …) are kept whole when the name is longer than them;
    names with a middle dot keep their first character (买买提·艾力 → 买某某); an empty name
    becomes 某某. ``party_type`` is "person" or "organisation" (also spelt "organization").
    """
    if party_type in _ORGANISATION_TYPES:
        return (name or "").strip()
    if party_type != "person":
        raise ValueError(f"party_type must be 'person' or 'organisation', not {party_type!r}")
    compact = "".join(patterns.normalise(name or "").split())
    if not compact:
        return "某某"
    if any(separator in compact for separator in _NAME_SEPARATORS):
        return compact[0] + "某某"
    for surname in masking_name_lists.COMPOUND_SURNAMES:
        if compact.startswith(surname) and len(compact) > len(surname):
            return surname + "某某"
    return compact[0] + "某某"


def find_personal_data(
    text: str,
    *,
    party_is_person: bool = True,
    names: Iterable[str] = (),
    public_phones: Iterable[str] = (),
    public_emails: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    extra_spans: Iterable[str] = (),
    unmasked_names: Iterable[str] = (),
) -> list[Finding]:
    """Everything :func:`mask_text` would mask in ``text``, in order, never overlapping."""
    if not text:
        return []
    normalised = patterns.normalise(text)
    public = _public_phone_digits(public_phones)
    if isinstance(public_emails, str):
        public_emails = (public_emails,)
    public_mailboxes = frozenset(email.strip().lower() for email in public_emails)
    unmasked = frozenset(patterns.normalise(name).strip() for name in unmasked_names)
    candidates = [
        *_explicit_names(normalised, names),
        *_detected_names(normalised, party_is_person, keep_names, unmasked),
        *_manual(normalised, extra_spans),
        *_numbers(normalised, public),
        *_emails(normalised, public_mailboxes),
        *(_plates(normalised) if party_is_person else ()),
        *_addresses(normalised, party_is_person),
        *_health(normalised),
    ]
    return [
        Finding(c.kind, c.start, c.end, text[c.start : c.end], c.replacement)
        for c in _select(candidates, _protected_spans(normalised))
    ]


def mask_text(
    text: str,
    *,
    party_is_person: bool = True,
    names: Iterable[str] = (),
    public_phones: Iterable[str] = (),
    public_emails: Iterable[str] = (),
    keep_names: Iterable[str] = (),
    extra_spans: Iterable[str] = (),
    unmasked_names: Iterable[str] = (),
) -> str:
    """``text`` with every finding of :func:`find_personal_data` replaced by its masked form."""
    findings = find_personal_data(
        text,
        party_is_person=party_is_person,
        names=names,
        public_phones=public_phones,
        public_emails=public_emails,
        keep_names=keep_names,
        extra_spans=extra_spans,
        unmasked_names=unmasked_names,
    )
    pieces, position = [], 0
    for finding in findings:
        pieces += [text[position : finding.start], finding.replacement]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


# --- choosing among candidates ----------------------------------------------------------------


def _protected_spans(normalised: str) -> list[tuple[int, int]]:
    spans = []
    for pattern in patterns.PROTECTED_PATTERNS:
        for match in pattern.finditer(normalised):
            group = 1 if pattern.groups else 0
            spans.append(match.span(group))
    return spans


def _blocked(candidate: _Candidate, protected: list[tuple[int, int]], starts: list[int]) -> bool:
    # A protected span blocks what overlaps it, unless the candidate strictly contains it:
    # the birth date inside "410402 19800101 1234" does not save the ID.
    if not candidate.protectable:
        return False
    start, end = candidate.start, candidate.end
    # An ID or a mobile has a shape nothing else has: only a span that holds it whole (罚款
    # 138.12345678元) saves it, not a date or amount it merely touches (…5678年, …5678元).
    whole_only = candidate.kind in _STRUCTURED_KINDS
    # protected spans are short (a title is at most 62 characters): look back only so far
    for index in range(bisect.bisect_left(starts, end) - 1, -1, -1):
        span_start, span_end = protected[index]
        if span_start < start - 100:
            break
        if span_end <= start:
            continue
        if whole_only:
            if span_start <= start and end <= span_end:
                return True
        elif not (start <= span_start and span_end <= end and end - start > span_end - span_start):
            return True
    return False


def _select(candidates: list[_Candidate], protected: list[tuple[int, int]]) -> list[_Candidate]:
    protected = sorted(protected)
    starts = [span_start for span_start, _ in protected]
    allowed = [c for c in candidates if not _blocked(c, protected, starts)]
    allowed.sort(key=lambda c: (c.start - c.end, _PRIORITY[c.kind], c.start))
    chosen: list[_Candidate] = []
    taken = bytearray(max((c.end for c in allowed), default=0))
    for candidate in allowed:
        if not any(taken[candidate.start : candidate.end]):
            chosen.append(candidate)
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    return sorted(chosen, key=lambda c: c.start)


# --- detectors (all work on the normalised text) ----------------------------------------------


def _explicit_names(normalised: str, names: Iterable[str]) -> Iterator[_Candidate]:
    if isinstance(names, str):
        names = (names,)
    for name in names:
        cleaned = patterns.normalise(name or "").strip()
        if len(cleaned) < 2:
            continue  # a single character would match all over the text
        replacement = mask_party_name(cleaned, "person")
        compact = cleaned.replace("·", "").replace(".", "")
        for variant in {cleaned, compact} - {replacement}:  # 张某某 is already masked
            position = normalised.find(variant)
            while position != -1:
                end = position + len(variant)
                yield _Candidate("name", position, end, replacement, protectable=False)
                position = normalised.find(variant, end)


def _detected_names(
    normalised: str, party_is_person: bool, keep_names: Iterable[str], unmasked: frozenset[str]
) -> Iterator[_Candidate]:
    if isinstance(keep_names, str):
        keep_names = (keep_names,)
    keep = [patterns.normalise(name) for name in keep_names if name]
    for start, end, masked in masking_names.find_names(
        normalised, party_is_person=party_is_person, keep_names=keep
    ):
        if normalised[start:end] not in unmasked:
            yield _Candidate("name", start, end, masked)


def _manual(normalised: str, extra_spans: Iterable[str]) -> Iterator[_Candidate]:
    if isinstance(extra_spans, str):
        extra_spans = (extra_spans,)
    for span in extra_spans:
        cleaned = patterns.normalise(span or "").strip()
        if not cleaned:
            continue
        position = normalised.find(cleaned)
        while position != -1:
            end = position + len(cleaned)
            yield _Candidate("manual", position, end, "*" * len(cleaned), protectable=False)
            position = normalised.find(cleaned, end)


def _public_phone_digits(public_phones: Iterable[str]) -> frozenset[str]:
    if isinstance(public_phones, str):
        public_phones = (public_phones,)
    return frozenset(
        digits
        for phone in public_phones
        if (digits := masking_numbers.only_digits(patterns.normalise(phone or "")))
    )


def _is_public(digits: str, public: frozenset[str]) -> bool:
    # The text may give a public number with or without its area code, and so may the list.
    return any(
        digits == number
        or (len(number) > len(digits) >= 7 and number.endswith(digits))
        or (len(digits) > len(number) >= 7 and digits.endswith(number))
        for number in public
    )


def _numbers(normalised: str, public: frozenset[str]) -> Iterator[_Candidate]:
    for found in (
        *masking_numbers.find_numbers(normalised),
        *masking_numbers.labelled_numbers(normalised),
    ):
        if found.kind in ("mobile", "landline") and _is_public(found.digits, public):
            continue
        yield _Candidate(found.kind, found.start, found.end, found.replacement)


def _emails(normalised: str, public: frozenset[str]) -> Iterator[_Candidate]:
    for match in patterns.EMAIL_RE.finditer(normalised):
        mailbox, domain = match.groups()
        if match[0].lower() in public:
            continue
        yield _Candidate("email", *match.span(), f"{mailbox[0]}***@{domain}")


def _plates(normalised: str) -> Iterator[_Candidate]:
    for match in patterns.PLATE_RE.finditer(normalised):
        province, letter, rest = match.groups()
        masked = province + letter.upper() + "*" * (len(rest) - 2) + rest[-2:].upper()
        yield _Candidate("plate", *match.span(), masked)


def _addresses(normalised: str, party_is_person: bool) -> Iterator[_Candidate]:
    home_label = (
        patterns.HOME_LABEL_RE if party_is_person else patterns.HOME_LABEL_FOR_ORGANISATION_RE
    )
    for match in patterns.ADDRESS_RE.finditer(normalised):
        tail = match["tail"]
        start, end = match.span("tail")
        room_level = (
            patterns.ADDRESS_ROOM_LEVEL_RE.search(tail) is not None
            or len(patterns.ADDRESS_COMPONENT_RE.findall(tail)) > 1
            or tail.count("-") > 1
            or tail[-1].isdigit()  # 5栋602, 12号501: a room number without 室
        )
        # The same clause, just before the address: "家住…", "住址:…".
        clause = normalised[max(0, start - 30) : start]
        for stop in ",;。\n":
            clause = clause.rpartition(stop)[2]
        is_home = home_label.search(clause) is not None
        if is_home or (party_is_person and room_level):
            masked = patterns.ADDRESS_MASKED_CHAR_RE.sub("*", tail)
            yield _Candidate("address", start, end, masked)


def _health(normalised: str) -> Iterator[_Candidate]:
    for match in patterns.HEALTH_RE.finditer(normalised):
        yield _Candidate("health", *match.span(), patterns.HEALTH_REPLACEMENT)
