"""Disclosure pages in a real browser, at phone and desktop sizes, on the demo data."""

import re

from playwright.sync_api import expect

NO_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def login(page, server):
    page.goto(server.url + "/admin/login")
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill("browser-test-pass-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_disclosure_index_and_a_unit_page(live_server, open_page, screenshot):
    page = open_page(live_server, "/disclosure/")
    expect(page.get_by_role("heading", name="执法公示", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="最近更新")).to_be_visible()
    catalogue = page.get_by_role("table", name="执法单位 × 公示类别")
    expect(catalogue.get_by_role("row")).to_have_count(14)
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "disclosure-index")
    page.get_by_role("link", name="平顶山市新华区城市管理和综合执法局").click()
    for heading in ("权责清单", "执法依据", "执法流程", "裁量基准", "随机抽查事项清单", "救济渠道"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="本单位执法人员清单")).to_have_attribute(
        "href", "/officers/?unit=xinhua"
    )
    expect(page.locator(".decision-card")).to_have_count(5)
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "disclosure-unit-xinhua")


def test_decision_list_filters_and_pages(live_server, open_page, screenshot):
    page = open_page(live_server, "/decisions/")
    expect(page.locator(".decision-card")).to_have_count(20)
    screenshot(page, "decisions-list")
    page.get_by_label("执法单位").select_option(label="卫东区")
    page.get_by_label("违法行为类型").select_option(label="占道经营")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"unit=weidong.*violation=street_vending"))
    cards = page.locator(".decision-card")
    expect(cards.first).to_be_visible()
    for text in cards.all_inner_texts():
        assert "卫东区" in text and "占道经营" in text
    page.get_by_role("link", name="下一页").click()
    expect(page).to_have_url(re.compile(r"cursor="))
    expect(page.get_by_role("link", name="回到第一页")).to_be_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    cards.first.get_by_role("link").click()
    expect(page.get_by_role("heading", name=re.compile("行政处罚决定书"))).to_be_visible()
    expect(page.get_by_text("某某").first).to_be_visible()
    screenshot(page, "decision-detail")


def test_a_corrected_decision_shows_its_history(live_server, open_page, screenshot):
    page = open_page(live_server, "/decisions/demo-corrected")
    expect(page.get_by_text(re.compile("已于.*更正（现行第2版）"))).to_be_visible()
    history = page.get_by_role("region", name="修订记录")
    expect(history.get_by_role("listitem")).to_have_count(2)
    screenshot(page, "decision-corrected")
    history.get_by_role("link", name="查看第1版").click()
    expect(page.get_by_text("此版本已被更正")).to_be_visible()
    page.get_by_role("link", name="查看现行的第2版").click()
    expect(page).to_have_url(re.compile(r"/decisions/demo-corrected$"))


def test_withdrawn_and_expired_permalinks_say_what_happened(live_server, open_page, screenshot):
    page = open_page(live_server, "/decisions/demo-withdrawn")
    expect(page.get_by_text(re.compile("本处罚决定已于.*撤下"))).to_be_visible()
    expect(page.get_by_text(re.compile("^撤下原因："))).to_be_visible()
    expect(page.get_by_text("违法事实")).to_have_count(0)
    screenshot(page, "decision-withdrawn")
    page.goto(live_server.url + "/decisions/demo-expired")
    expect(page.get_by_text(re.compile("公示期限已于.*届满"))).to_be_visible()
    screenshot(page, "decision-expired")


def test_a_document_with_a_wide_table_stays_inside_the_phone(live_server, open_page, screenshot):
    page = open_page(live_server, "/disclosure/documents/d-xinhua-4")
    expect(page.get_by_role("table", name="常见违法行为罚款裁量基准")).to_be_visible()
    expect(page.get_by_text(re.compile("已于.*更正"))).to_be_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "document-corrected")


def test_back_office_preview_due_list_and_entry_form(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/login")
    login(page, live_server)
    page.get_by_role("link", name="公示管理").click()
    expect(page.get_by_role("heading", name="处罚决定", level=1)).to_be_visible()
    page.get_by_role("link", name="待办与逾期").click()
    expect(page.get_by_role("heading", name="待公示的处罚决定")).to_be_visible()
    expect(page.locator("tr.is-late").first).to_be_visible()
    screenshot(page, "admin-decisions-due")
    page.goto(live_server.url + "/admin/decisions/5/publish")
    marks = page.locator("mark.masked")
    expect(marks.first).to_be_visible()
    assert "某某" in marks.first.inner_text() or "*" in marks.first.inner_text()
    expect(page.get_by_label("我已核对脱敏预览，确认公开的内容不含个人信息")).to_be_visible()
    screenshot(page, "admin-decision-publish-preview")
    page.goto(live_server.url + "/admin/decisions/new")
    page.get_by_label("法人或其他组织").check()
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("请填写文书号").first).to_be_visible()
    expect(page.get_by_label("法人或其他组织")).to_be_checked()
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "admin-decision-form-errors")
