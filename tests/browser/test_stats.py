"""Statistics in a real browser: charts with titles and numbers, tables that scroll, no overflow."""

import re
from pathlib import Path

from playwright.sync_api import expect

from portal.core.models import local_today

SCREENSHOTS = Path(__file__).parent / "screenshots"  # as in conftest.py


def _no_page_overflow(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # wide tables and line charts scroll inside their own frame


def _check_charts(page, *, numbers_everywhere=True) -> None:
    """Six charts, each with a title, a description and its values drawn as text.

    The demo has complaints of the last months only: last year's complaint charts say 无数据.
    """
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(6)
    for index in range(charts.count()):
        chart = charts.nth(index)
        title = chart.locator("title").text_content()
        assert title and re.match(r"\d{4}年", title)
        assert chart.locator("desc").text_content()
        texts = chart.locator("text").all_text_contents()
        assert texts, title
        if numbers_everywhere:
            assert any(re.search(r"\d", text) for text in texts), title
        expect(page.get_by_role("img", name=title)).to_be_attached()


def test_stats_page(live_server, open_page, screenshot, viewport_name):
    year = local_today().year
    page = open_page(live_server, "/stats/")
    expect(page.get_by_role("heading", name="统计数据", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=f"{year}年全市主要数据")).to_be_visible()
    _check_charts(page)
    received = page.get_by_role("img", name=f"{year}年各单位收到投诉举报件数")
    expect(received).to_be_visible()
    # the numbers are drawn as text big enough to read on a phone
    assert received.locator("text").first.bounding_box()["height"] >= 12
    on_time = page.locator('dd[data-figure="on_time_rate"]').text_content()
    assert re.fullmatch(r"\d+\.\d%", on_time)
    expect(page.get_by_role("link", name="下载 CSV")).to_have_count(10)
    expect(page.get_by_role("heading", name="口径说明")).to_be_visible()
    _no_page_overflow(page)
    screenshot(page, "stats")
    # the charts as a reader sees them (on a phone the line chart scrolls in its frame)
    for name, title in (
        ("stats-received", f"{year}年各单位收到投诉举报件数"),
        ("stats-months", f"{year}年各月收到、受理、办结件数"),
        ("stats-rates", f"{year}年各月按期答复率与满意率（%）"),
    ):
        figure = page.locator("figure").filter(has=page.get_by_role("img", name=title))
        figure.scroll_into_view_if_needed()
        figure.screenshot(path=str(_chart_path(name, viewport_name)))
    page.locator("section").filter(
        has=page.get_by_role("heading", name=f"{year}年全市主要数据")
    ).screenshot(path=str(_chart_path("stats-headline", viewport_name)))
    page.locator(".table-wrap").first.screenshot(
        path=str(_chart_path("stats-table", viewport_name))
    )

    page.get_by_label("执法单位").select_option(label="新华区")
    page.get_by_role("button", name="查看").click()
    expect(
        page.get_by_role("heading", name=re.compile("新华区城市管理和综合执法局主要数据"))
    ).to_be_visible()
    _no_page_overflow(page)


def _chart_path(name, viewport_name):
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS / f"{name}-{viewport_name}.png"


def test_published_annual_report(live_server, open_page, screenshot):
    """The demo publishes last year's report: /stats/<year> leads to the frozen document."""
    last_year = local_today().year - 1
    page = open_page(live_server, f"/stats/{last_year}")
    assert page.url.endswith(f"/stats/annual/{last_year}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{last_year}年度行政执法统计年报")
    expect(page.get_by_text(re.compile(r"^第1版，.*发布"))).to_be_visible()
    fines = page.locator('dd[data-figure="fines_total"]').text_content()
    assert re.fullmatch(r"[\d,]+\.\d\d", fines), fines
    expect(page.locator("table.stats-table")).to_have_count(7)
    expect(page.get_by_role("heading", name="修订记录")).to_be_visible()
    expect(page.get_by_role("link", name="CSV")).to_be_visible()
    _no_page_overflow(page)
    screenshot(page, "stats-annual-document")
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name="修订记录")).to_be_hidden()


def test_annual_report(live_server, open_page, screenshot):
    """The live figures of last year, per unit, stay printable beside the frozen report."""
    last_year = local_today().year - 1
    page = open_page(live_server, f"/stats/{last_year}?unit=xinhua")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{last_year}年度")
    _check_charts(page, numbers_everywhere=False)
    decisions = page.get_by_role("img", name=re.compile(f"{last_year}年.*公示行政处罚决定件数"))
    assert any(re.search(r"\d", text) for text in decisions.locator("text").all_text_contents())
    _no_page_overflow(page)
    screenshot(page, "stats-annual")
    page.emulate_media(media="print")
    expect(page.locator(".filter-form")).to_have_count(0)
    expect(page.locator(".subnav")).to_be_hidden()


def test_this_years_report_is_not_out_yet(live_server, open_page):
    year = local_today().year
    page = open_page(live_server, f"/stats/{year}")
    expect(page.get_by_text(f"{year}年度统计年报将于{year + 1}年1月1日起发布")).to_be_visible()
