"""Open data in a real browser, at phone and desktop sizes, on the demo data: the integrity
page, the change log with its filters, and the way to a subscription from a unit's page."""

import re

from playwright.sync_api import expect

NO_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def test_the_open_data_page_lists_todays_root_and_downloads(live_server, open_page, screenshot):
    page = open_page(live_server, "/open-data/")
    expect(page.get_by_role("heading", name="开放数据", level=1)).to_be_visible()
    root = page.locator("code.hash").first.inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", root)
    assert page.evaluate(NO_OVERFLOW) <= 0  # 64-digit hashes wrap on a phone
    expect(page.get_by_role("link", name="2026年").first).to_be_visible()
    screenshot(page, "open-data")
    health = page.request.get(live_server.url + "/healthz").json()
    assert health["integrity"]["root"] == root


def test_the_change_log_filters_by_unit_and_kind(live_server, open_page, screenshot):
    page = open_page(live_server, "/changes/")
    expect(page.get_by_role("heading", name="公示变更记录", level=1)).to_be_visible()
    page.get_by_label("执法单位").select_option(label="新华区")
    page.get_by_label("类别").select_option(label="行政处罚决定")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"unit=xinhua.*kind=decision|kind=decision.*unit=xinhua"))
    rows = page.locator("tbody tr")
    expect(rows.first).to_be_visible()
    for text in rows.all_inner_texts():
        assert "行政处罚决定" in text and "新华区" in text
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "changes")
    page.get_by_role("link", name="下一页").click()
    expect(page.get_by_role("link", name="回到第一页")).to_be_visible()


def test_a_unit_page_leads_to_its_feeds_and_the_subscription_form(live_server, open_page):
    page = open_page(live_server, "/disclosure/units/xinhua")
    section = page.get_by_role("region", name="订阅本单位的公示")
    expect(section.get_by_role("link", name="投诉办理结果")).to_have_attribute(
        "href", "/feeds/outcomes.atom?unit=xinhua"
    )
    section.get_by_role("link", name="用电子邮件订阅").click()
    expect(page.get_by_role("heading", name="邮件订阅")).to_be_visible()
    expect(page.get_by_label("执法单位")).to_have_value("xinhua")
    expect(page.get_by_text("本站暂未开通邮件发送")).to_be_visible()  # no SMTP on the demo
