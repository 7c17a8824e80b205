"""Media responses (舆论回应) in a real browser, at phone and desktop sizes, on the demo data."""

import re

from playwright.sync_api import expect

NO_OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def login(page, server):
    page.goto(server.url + "/admin/login")
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill("browser-test-pass-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()


def test_the_list_filters_and_opens_a_response(live_server, open_page, screenshot):
    page = open_page(live_server, "/media/")
    expect(page.get_by_role("heading", name="舆论回应", level=1)).to_be_visible()
    expect(
        page.get_by_role("navigation", name="结果公示栏目").get_by_role("link", name="舆论回应")
    ).to_have_attribute("aria-current", "page")
    cards = page.locator(".media-card")
    expect(cards).to_have_count(11)  # 14 demo responses: one withdrawn, one in review, a draft
    expect(page.get_by_text("抢走摊主的秤")).to_have_count(0)
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "media-list")
    page.get_by_label("负责回应的单位").select_option(label="新华区")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"unit=xinhua"))
    expect(cards).to_have_count(2)
    for text in cards.all_inner_texts():
        assert "新华区" in text
    page.get_by_role("link", name="清除条件").click()
    page.get_by_label("报道年份").select_option(label="2025年")
    page.get_by_role("button", name="筛选").click()
    expect(cards).to_have_count(2)
    cards.first.get_by_role("link").click()
    expect(page.get_by_role("heading", name="媒体报道")).to_be_visible()
    expect(page.get_by_role("heading", name="回应", exact=True)).to_be_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "media-detail")


def test_a_masked_response_shows_no_personal_data(live_server, open_page, screenshot):
    page = open_page(live_server, "/media/media-masked")
    expect(
        page.get_by_text(re.compile("受访居民刘某某（电话170\\*\\*\\*\\*0315）"))
    ).to_be_visible()
    assert "刘桂芝" not in page.content() and "17000000315" not in page.content()
    screenshot(page, "media-masked")


def test_a_corrected_response_shows_its_history(live_server, open_page, screenshot):
    page = open_page(live_server, "/media/media-corrected")
    expect(page.get_by_text(re.compile("已于.*更正（现行第2版）"))).to_be_visible()
    expect(page.get_by_text(re.compile("^更正原因：原回应中"))).to_be_visible()
    history = page.get_by_role("region", name="修订记录")
    expect(history.get_by_role("listitem")).to_have_count(2)
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "media-corrected")
    history.get_by_role("link", name="查看第1版").click()
    expect(page.get_by_text("此版本已被更正")).to_be_visible()
    expect(page.get_by_text(re.compile("对涉事2名执法队员"))).to_be_visible()
    page.get_by_role("link", name="查看现行的第2版").click()
    expect(page).to_have_url(re.compile(r"/media/media-corrected$"))


def test_a_withdrawn_response_says_why(live_server, open_page, screenshot):
    page = open_page(live_server, "/media/media-withdrawn")
    expect(page.get_by_text(re.compile("本条舆论回应已于.*撤下"))).to_be_visible()
    expect(page.get_by_text(re.compile("^撤下原因："))).to_be_visible()
    expect(page.get_by_text("报道摘要")).to_have_count(0)
    screenshot(page, "media-withdrawn")


def test_the_back_office_previews_before_publishing(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/login")
    login(page, live_server)
    page.get_by_role("navigation", name="后台导航").get_by_role("link", name="舆论回应").click()
    expect(page.get_by_role("heading", name="舆论回应", level=1)).to_be_visible()
    screenshot(page, "media-admin-list")
    page.goto(live_server.url + "/admin/media/4/publish")
    expect(page.get_by_role("heading", name="公开内容预览")).to_be_visible()
    expect(page.get_by_label("我已核对脱敏预览，确认公开的内容不含个人信息")).to_be_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "media-admin-publish")
    page.goto(live_server.url + "/admin/media/3")
    expect(page.locator("mark.masked").first).to_be_visible()
    screenshot(page, "media-admin-masked-preview")
