"""The one stylesheet stays well-formed: every domain section starts outside any block.

Merges of the per-domain sections once dropped a closing brace, which silently moved the next
domain's rules inside a desktop-only media query: phones lost them.
"""

import re
from pathlib import Path

STYLESHEET = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def test_every_section_starts_at_the_top_level():
    text = re.sub(r"/\*(?!\s*===).*?\*/", "", STYLESHEET.read_text(), flags=re.S)
    depth, sections = 0, {}
    for line in text.splitlines():
        if line.startswith("/* ==="):
            sections[line] = depth
        depth += line.count("{") - line.count("}")
    assert depth == 0
    assert sections and all(level == 0 for level in sections.values()), sections
