"""The one text normalisation and the one safe-URL check, as units, and the safe-URL filter
on a media response whose stored link never passed the form (an import, an older row)."""

import pytest
from sqlalchemy import select, update

from portal.core.safe_urls import safe_http_url
from portal.core.text_input import UnreadableText, normalise_data, normalise_text
from portal.disclosure.decisions.models import PenaltyDecision
from portal.disclosure.demo import load_demo_units
from portal.extensions import db
from portal.results.media.models import MediaResponse, MediaResponseRevision
from tests.disclosure.test_importer import row, write_csv
from tests.results.media_helpers import make_media


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("占道经营", "占道经营"),
        ("a\x00b", "ab"),
        ("第一行\r\n第二行\r第三行\n", "第一行\n第二行\n第三行\n"),
        ("列1\t列2", "列1\t列2"),
        ("\x1b[31m红\x7f\x85\x9f", "[31m红"),
        ("Cafe\u0301", "Caf\u00e9"),  # NFD as macOS types it → NFC
        ("\u1100\u1161", "\uac00"),  # conjoining jamo → one syllable
        ("\U0001f600\u200b\ufeff", "\U0001f600\u200b\ufeff"),  # not controls: kept
    ],
)
def test_normalise_text(typed, kept):
    assert normalise_text(typed) == kept
    assert normalise_text(kept) == kept  # idempotent


def test_a_lone_surrogate_is_refused_in_chinese():
    with pytest.raises(UnreadableText, match="无法识别的字符"):
        normalise_text("投诉\ud800内容")
    with pytest.raises(ValueError):  # UnreadableText is a ValueError: WTForms shows it
        normalise_data({"items": ["ok", "\udfff"]})


def test_normalise_data_reaches_every_string():
    data = {"na\x00me": ["a\r\nb", {"x": "e\u0301"}], "n": 3, "flag": True, "none": None}
    assert normalise_data(data) == {
        "name": ["a\nb", {"x": "\u00e9"}],
        "n": 3,
        "flag": True,
        "none": None,
    }


@pytest.mark.parametrize(
    "link",
    ["https://news.example/a?b=1#c", "http://news.example", "HTTPS://NEWS.EXAMPLE/x"],
)
def test_http_links_are_safe(link):
    assert safe_http_url(link) == link


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.example/x",
        "/relative",
        "https://",
        "https://exa mple.com",
        "https://[::1",
        "ftp://files.example/",
        "https://news.example/\x00",
        "",
        None,
    ],
)
def test_everything_else_is_not_a_link(link):
    assert safe_http_url(link) == ""


def test_a_stored_javascript_link_is_never_rendered_live(app, client):
    with app.app_context():
        load_demo_units(db.session)
        item = make_media()
        for model, key in ((MediaResponse, MediaResponse.id), (MediaResponseRevision, None)):
            statement = update(model).values(link="javascript:alert(document.cookie)")
            if key is not None:
                statement = statement.where(key == item.id)
            db.session.execute(statement)
        db.session.commit()
    page = client.get(f"/media/{item.public_id}").get_data(as_text=True)
    assert "javascript:" not in page
    assert client.get(f"/api/v1/media/{item.public_id}").get_json()["link"] is None
    feed = client.get("/feeds/media.atom").get_data(as_text=True)
    assert "javascript:" not in feed


# --- imports and the command line ------------------------------------------------------------


def test_an_imported_decision_with_nul_and_nfd_is_stored_normalised(app, runner, tmp_path):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()
    path = write_csv(tmp_path / "d.csv", [row(violation="在矿工路\x00露天烧烤Cafe\u0301\r\n续")])
    result = runner.invoke(args=["decisions", "import", path])
    assert result.exit_code == 0, result.output
    with app.app_context():
        stored = db.session.scalars(select(PenaltyDecision.violation)).one()
    assert stored == "在矿工路露天烧烤Caf\u00e9\n续"


def test_a_command_line_name_with_undecodable_bytes_is_refused_in_chinese(app, runner):
    # a shell passes bytes that are not UTF-8 to Python as lone surrogates (surrogateescape)
    result = runner.invoke(
        args=["users", "create", "zhang\udcff", "--role", "admin"], input="a-long-password\n"
    )
    assert result.exit_code == 2
    assert "无法识别的字符" in result.output
