"""GeoReport v2 bodies in the two formats the suffix selects: ``.xml`` (the spec's own) and
``.json``. Both are built from the same plain values: a list of dicts (or one dict) and the
XML element names for the list and its items, as the spec's examples have them."""

from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Response, current_app, json

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
#: characters XML 1.0 cannot carry (a citizen's text may hold them); dropped from XML output
_XML_INVALID = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))}


def _xml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).translate(_XML_INVALID)


def _add(parent: Element, name: str, value) -> None:
    if value is None:
        SubElement(parent, name)
        return
    if isinstance(value, dict):
        element = SubElement(parent, name)
        for key, inner in value.items():
            _add(element, key, inner)
        return
    if isinstance(value, list):
        # a list field: <formats><format>…</format></formats>, item name from LIST_ITEMS
        element = SubElement(parent, name)
        for item in value:
            _add(element, LIST_ITEMS.get(name, "item"), item)
        return
    SubElement(parent, name).text = _xml_text(value)


#: the element name of one item of a nested list field, as in the spec's XML examples
LIST_ITEMS = {
    "formats": "format",
    "endpoints": "endpoint",
    "attributes": "attribute",
    "values": "value",
}


def render(value, fmt: str, root: str, item: str | None = None, status: int = 200) -> Response:
    """``value`` (a list of dicts when ``item`` names their element, else one dict) as a
    response in ``fmt``; XML: ``<root><item>…</item>…</root>`` or ``<root>…</root>``."""
    if fmt == "xml":
        element = Element(root)
        if item is None:
            for key, inner in value.items():
                _add(element, key, inner)
        else:
            for entry in value:
                _add(element, item, entry)
        body = (
            b'<?xml version="1.0" encoding="utf-8"?>\n'
            + tostring(element, encoding="unicode").encode()
        )
    else:
        body = json.dumps(value, ensure_ascii=False).encode()
    response = current_app.response_class(body, status=status, mimetype=None)
    response.headers["Content-Type"] = FORMATS.get(fmt, FORMATS["json"])
    return response
