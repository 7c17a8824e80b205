"""Complaint outcomes in a real browser at phone and desktop sizes: the public list with its
filters and tip-off count, a corrected outcome's permalink, and the staff flow from a closed
complaint through the masked preview (and back, keeping the text) to publication."""

import re

from playwright.sync_api import expect

ADMIN_PASSWORD = "browser-test-pass-1"


def _no_horizontal_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_public_list_filters_and_permalink(live_server, open_page, screenshot):
    page = open_page(live_server, "/outcomes/")
    expect(page.get_by_role("heading", name="投诉办理结果公示", exact=True)).to_be_visible()
    expect(page.get_by_text("举报件不公开内容，仅公布数量")).to_be_visible()
    expect(page.locator(".decision-card").first).to_be_visible()
    _no_horizontal_overflow(page)
    screenshot(page, "outcomes-list")
    page.get_by_label("类型").select_option(label="投诉")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"kind=complaint"))
    for tag in page.locator(".decision-card .status-tag--type").all_inner_texts():
        assert tag == "投诉"
    page.goto(live_server.url + "/outcomes/demo-oc-correct")
    expect(page.get_by_text("更正原因：原摘要未写明处理后的现场情况，予以补充。")).to_be_visible()
    expect(page.get_by_role("heading", name="修订记录")).to_be_visible()
    _no_horizontal_overflow(page)
    screenshot(page, "outcome-permalink")
    page.get_by_role("link", name="查看第1版").click()
    expect(page.get_by_text("此版本已被更正")).to_be_visible()
    page.goto(live_server.url + "/outcomes/demo-oc-withdraw")
    expect(page.get_by_text("撤下原因：投诉人对答复提出异议，待复查办结后重新公示。")).to_be_visible()
    body = page.content()
    assert not re.search(r"演示投诉人|1700000\d{4}|demo\d{4}@", body)


def _login(page, server) -> None:
    page.goto(server.url + "/admin/login")
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="登录").click()


def _publishable_complaint(page, server) -> str:
    """The URL of a closed xinhua complaint whose page offers “公示办理结果”."""
    page.goto(server.url + "/admin/complaints/?state=closed&kind=complaint&unit=xinhua&sort=new")
    links = page.locator("table a[href^='/admin/complaints/']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        page.goto(server.url + href)
        if page.get_by_role("link", name="公示办理结果").count():
            return href
    raise AssertionError("no closed complaint without an outcome in the demo data")


def test_staff_preview_then_publish(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/login")
    _login(page, live_server)
    _publishable_complaint(page, live_server)
    page.get_by_role("link", name="公示办理结果").click()
    expect(page.get_by_role("heading", name="公示办理结果")).to_be_visible()
    page.get_by_label("问题类别").select_option(label="执法态度")
    summary = page.get_by_label(re.compile("情况摘要"))
    summary.fill("投诉人：李大明，手机13912345678，反映执法人员态度生硬。")
    screenshot(page, "outcome-admin-form")
    page.get_by_role("button", name="预览公开内容").click()
    preview = page.locator(".outcome-preview")
    expect(preview).to_contain_text("李某某")
    expect(preview).to_contain_text("139****5678")
    expect(preview).not_to_contain_text("13912345678")
    _no_horizontal_overflow(page)
    screenshot(page, "outcome-admin-preview")
    page.get_by_role("button", name="返回修改").click()
    expect(page.get_by_label(re.compile("情况摘要"))).to_have_value(
        "投诉人：李大明，手机13912345678，反映执法人员态度生硬。"
    )
    page.get_by_role("button", name="预览公开内容").click()
    page.get_by_role("button", name="确认公示").click()
    expect(page.get_by_text("请先核对预览并勾选确认").first).to_be_visible()
    page.get_by_label("我已核对预览，确认公开的内容不含个人信息").check()
    page.get_by_role("button", name="确认公示").click()
    expect(page.get_by_text("办理结果已公示。")).to_be_visible()
    screenshot(page, "outcome-admin-detail")
    page.get_by_role("link", name="查看公开页面").click()
    expect(page.get_by_text("投诉人：李某某，手机139****5678，反映执法人员态度生硬。")).to_be_visible()
    assert "13912345678" not in page.content() and "李大明" not in page.content()
