"""What the index holds: one ``SearchDocument`` per published item, and the Whoosh schema.

Providers (``providers.py``) turn published rows into ``SearchDocument`` values; this module
turns those into index fields. The text fields are segmented here, before Whoosh sees them
(Whoosh only splits at spaces), so the schema pickled into the index names nothing but
Whoosh's own classes and the segmenter stays entirely ours.

Text is masked again on the way in, as a last line of defence: providers give masked text,
and an ID number or a private phone that slipped through still never reaches the index.
"""

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from flask import has_app_context
from whoosh import fields
from whoosh.analysis import SpaceSeparatedTokenizer

from portal.core.masking import mask_text
from portal.officers.public_names import roster_names
from portal.search.segmentation import index_terms, normalise

#: title words are indexed twice: a title hit outranks the same word in the body
TITLE_WEIGHT = 2


@dataclass(frozen=True)
class SearchDocument:
    """The public, masked form of one published item."""

    #: the provider's kind, e.g. ``unit``, ``decision``
    kind: str
    #: the id the outbox names (``record_index_change(session, kind, object_id)``)
    object_id: str
    title: str
    body: str
    #: what the provider's ``url`` needs to link to the item (a code, a public id)
    ref: str
    #: the unit it belongs to ("" when none): filter "执法单位"
    unit_code: str = ""
    #: the date people know it by (decision date, publication date): filter "年份", sort
    published_on: date | None = None
    #: found only when the whole query is exactly one of them: officer names, unit names
    names: tuple[str, ...] = ()
    #: the same for numbers: badge and certificate numbers, document numbers
    numbers: tuple[str, ...] = ()
    #: phone numbers in the text that are public (a unit's switchboard) and stay unmasked
    public_phones: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return document_key(self.kind, self.object_id)


def document_key(kind: str, object_id) -> str:
    return f"{kind}:{object_id}"


def build_schema() -> fields.Schema:
    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        kind=fields.ID(stored=True, sortable=True),
        unit=fields.ID(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        #: YYYYMMDD, 0 when undated
        day=fields.NUMERIC(int, bits=32, stored=True, sortable=True, signed=False),
        content=fields.TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        names=fields.KEYWORD(commas=True, scorable=True),
        numbers=fields.KEYWORD(commas=True, scorable=True),
        title=fields.STORED(),
        body=fields.STORED(),
        ref=fields.STORED(),
        #: fingerprint of the document as indexed (``search verify`` compares it)
        digest=fields.STORED(),
    )


def exact_term(value: str) -> str:
    """How names and numbers are indexed and looked up: folded, without any whitespace."""
    return re.sub(r"\s+", "", normalise(value)).replace(",", "")


def masked(document: SearchDocument) -> SearchDocument:
    keep = roster_names() if has_app_context() else ()

    def again(text: str) -> str:
        return mask_text(
            text, party_is_person=False, public_phones=document.public_phones, keep_names=keep
        )

    return SearchDocument(
        **{**asdict(document), "title": again(document.title), "body": again(document.body)}
    )


def digest(document: SearchDocument) -> str:
    public = asdict(document)
    public.pop("public_phones")
    public["published_on"] = document.published_on.isoformat() if document.published_on else ""
    encoded = json.dumps(public, ensure_ascii=False, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()[:24]


def index_fields(document: SearchDocument) -> dict:
    """The Whoosh fields of a (provider-masked) document, masked once more."""
    document = masked(document)
    title_terms = " ".join(index_terms(document.title))
    day = document.published_on
    values = {
        "key": document.key,
        "kind": document.kind,
        "unit": document.unit_code,
        "year": str(day.year) if day else "",
        "day": int(day.strftime("%Y%m%d")) if day else 0,
        "content": " ".join([title_terms] * TITLE_WEIGHT + [" ".join(index_terms(document.body))]),
        "names": ",".join(filter(None, map(exact_term, document.names))),
        "numbers": ",".join(filter(None, map(exact_term, document.numbers))),
        "title": document.title,
        "body": document.body,
        "ref": document.ref,
        "digest": digest(document),
    }
    return {name: value for name, value in values.items() if value != ""}
