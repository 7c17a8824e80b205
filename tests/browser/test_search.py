"""Search in a real browser: a unit name and a domain term find the right record first."""

import re

from playwright.sync_api import expect


def _search_for(page, words: str):
    page.get_by_label("在公示文件、处罚决定、执法人员和结果公示中检索").fill(words)
    page.get_by_role("button", name="检索").click()


def test_a_unit_name_finds_the_unit_first(live_server, open_page, screenshot):
    page = open_page(live_server, "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="站内检索").click()
    _search_for(page, "新华区")
    expect(page.get_by_role("heading", name=re.compile(r"找到 \d+ 条结果"))).to_be_visible()
    first = page.locator(".search-hit").first
    expect(first.get_by_role("link")).to_have_attribute("href", "/disclosure/units/xinhua")
    expect(first.locator("mark").first).to_have_text("新华区")
    screenshot(page, "search-unit")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("平顶山市新华区城市管理和综合执法局")


def test_a_domain_term_finds_the_record_that_has_it(live_server, open_page, screenshot):
    page = open_page(live_server, "/search")
    _search_for(page, "占道经营")
    # the demo has hundreds of 占道经营 penalty decisions: one of them comes first, the term
    # highlighted in its title
    first = page.locator(".search-hit").first
    expect(first.get_by_role("link")).to_have_attribute("href", re.compile(r"^/decisions/\w+$"))
    expect(first.get_by_role("link").locator("mark")).to_have_text("占道经营")
    first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("罚决字")
    expect(page.locator("main")).to_contain_text("占道经营")
    screenshot(page, "search-domain-term")


def test_nothing_found_offers_a_way_on(live_server, open_page, screenshot):
    page = open_page(live_server, "/search?q=%E9%87%8F%E5%AD%90%E8%AE%A1%E7%AE%97%E6%9C%BA")
    expect(page.get_by_role("heading", name="没有找到与“量子计算机”相关的公开内容")).to_be_visible()
    expect(page.get_by_role("link", name="占道经营")).to_be_visible()
    screenshot(page, "search-empty")
    page.get_by_role("link", name="占道经营").click()
    expect(page.locator(".search-hit")).not_to_have_count(0)


def test_a_badge_number_and_an_officer_name_find_the_officer(live_server, open_page, screenshot):
    page = open_page(live_server, "/search")
    _search_for(page, "110001")
    first = page.locator(".search-hit").first
    expect(first.get_by_role("link")).to_have_attribute("href", "/officers/lookup?badge=110001")
    first.get_by_role("link").click()
    name = page.locator(".officer-card__name").inner_text()

    page.goto(live_server.url + "/search")
    _search_for(page, name)
    first = page.locator(".search-hit").first
    expect(first.locator(".search-hit__kind")).to_have_text("执法人员")
    expect(first.get_by_role("link")).to_have_attribute("href", "/officers/lookup?badge=110001")
    screenshot(page, "search-officer")
