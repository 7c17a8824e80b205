"""CSV downloads: a text cell never runs as a spreadsheet formula; numbers stay numbers."""

from datetime import date

from portal.core.downloads import csv_download, download_name, spreadsheet_cell


def test_text_that_starts_like_a_formula_is_quoted():
    for text in ("=1+1", "+86 123", "-abc", "@SUM(A1)", "\tx"):
        assert spreadsheet_cell(text) == "'" + text
    assert spreadsheet_cell("占道经营") == "占道经营"
    assert spreadsheet_cell(None) == ""
    assert spreadsheet_cell(-3) == -3 and spreadsheet_cell(date(2026, 1, 2)) == date(2026, 1, 2)


def test_csv_download_streams_safe_cells_with_a_bom(app):
    with app.test_request_context():
        response = csv_download("x.csv", ["a", "b"], iter([["=cmd", -1], [None, "正常"]]))
        body = response.get_data(as_text=True)
    assert body == "\ufeffa,b\r\n'=cmd,-1\r\n,正常\r\n"
    assert response.headers["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert download_name("decisions", {"unit": "xinhua", "q": "占道"}, "csv") == (
        "decisions_unit-xinhua_q-.csv"
    )
