"""The receipt's QR code: an inline SVG made on the server (no script, no external service)."""

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str, *, scalable: bool = False) -> Markup:
    """An ``<svg>`` element encoding ``url``; ``title`` names it for screen readers.

    ``scalable``: a viewBox instead of a fixed size, so that CSS sizes it (the kiosk's screen
    and its 80 mm receipt printer)."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4, border=2, title=title, svgclass="qr-code", lineclass=None, omitsize=scalable
    )
    # the only text in it is our own URL and title, both escaped by segno
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(title)}" ', 1))
