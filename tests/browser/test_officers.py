"""The badge check in a real browser, at phone and desktop sizes, on the demo roster."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS

#: demo badge → (verdict heading, whether the "may not enforce" warning shows, photo shown)
VERDICTS = {
    "110001": ("有效", False, True),
    "110002": ("证件已过期", True, True),
    "110003": ("暂停执法", True, True),
    "110004": ("已注销", True, False),
    "110005": ("已调离", True, False),
    "110099": ("号码已停用", True, False),
    "999999": ("未查到", False, False),
}


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_each_verdict(live_server, open_page, screenshot):
    page = open_page(live_server, "/officers/lookup")
    for badge, (title, warns, photo) in VERDICTS.items():
        page.goto(f"{live_server.url}/officers/lookup?badge={badge}")
        expect(page.get_by_role("heading", level=1)).to_have_text(f"查询结果：{title}")
        warning = page.get_by_role("heading", name="请注意：此人现在不能对您执法")
        if warns:
            expect(warning).to_be_visible()
            expect(page.get_by_role("alert")).to_contain_text("12319")
        else:
            expect(warning).to_have_count(0)
        if title == "未查到":
            expect(page.get_by_role("heading", name="请核对号码")).to_be_visible()
        photos = page.locator("img.officer-card__photo")
        if photo:
            expect(photos).to_be_visible()
            assert photos.evaluate("image => image.complete && image.naturalWidth") > 0
        else:
            expect(photos).to_have_count(0)
        complain = page.get_by_role("link", name="投诉该执法人员")
        expect(complain).to_have_attribute("href", f"/complaints/new?badge={badge}")
        assert no_horizontal_overflow(page), badge
        screenshot(page, f"officer-verdict-{badge}")


def test_lookup_form_to_complaint_form(live_server, open_page, screenshot):
    page = open_page(live_server, "/officers/lookup")
    screenshot(page, "officer-lookup")
    page.get_by_label("工号", exact=True).fill("１１０ ００１")  # full-width, with a space
    page.get_by_role("button", name="查询").first.click()
    expect(page).to_have_url(re.compile(r"/officers/lookup\?badge="))
    expect(page.get_by_role("heading", level=1)).to_have_text("查询结果：有效")
    page.get_by_role("link", name="投诉该执法人员").click()
    expect(page).to_have_url(re.compile(r"/complaints/new\?badge=110001$"))


def test_a_mistyped_number_is_explained(live_server, open_page, screenshot):
    page = open_page(live_server, "/officers/lookup")
    page.get_by_role("textbox", name="执法证号").fill("豫-12")
    page.get_by_role("button", name="查询").nth(1).click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("不是有效的执法证号")
    expect(page.get_by_role("textbox", name="执法证号")).to_have_value("豫-12")
    expect(page.get_by_role("textbox", name="执法证号")).to_be_focused()
    screenshot(page, "officer-lookup-error")


def test_roster_of_a_unit(live_server, open_page, screenshot):
    page = open_page(live_server, "/disclosure/units/xinhua")
    page.get_by_role("link", name="本单位执法人员清单").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("执法人员清单")
    expect(page.get_by_role("link", name="110001", exact=True)).to_be_visible()
    page.get_by_label("状态").select_option("revoked")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"unit=xinhua&status=revoked"))
    expect(page.locator(".roster-table .status--active")).to_have_count(0)
    expect(page.locator(".roster-table .status--revoked").first).to_be_visible()
    assert no_horizontal_overflow(page)
    screenshot(page, "officer-roster")


def test_staff_suspend_an_officer_and_the_verdict_follows(live_server, browser):
    """Once, at desktop size: the back office is used from office computers."""
    badge = "120010"
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", **VIEWPORTS["desktop"]
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/admin/login")
        page.get_by_label("用户名").fill("demo-admin")
        page.get_by_label("密码").fill("browser-test-pass-1")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name="执法人员").click()
        page.get_by_label("工号、执法证号或姓名").fill(badge)
        page.get_by_role("button", name="查找").click()
        page.get_by_role("link", name=badge).click()
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "admin-officer-desktop.png"), full_page=True)
        page.get_by_role("link", name="变更状态").click()
        page.get_by_label("新的状态").select_option("suspended")
        page.get_by_label("变更原因").fill("涉嫌违反执法纪律，暂停执法接受调查")
        page.get_by_role("button", name="确认变更").click()
        expect(page.get_by_text("公众查询结果已同步更新")).to_be_visible()
        expect(page.get_by_role("cell", name="涉嫌违反执法纪律，暂停执法接受调查")).to_be_visible()
        page.get_by_role("link", name="公众查询结果").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("查询结果：暂停执法")
        page.goto(live_server.url + "/admin/audit/")
        expect(page.get_by_text("officer.status").first).to_be_visible()
    finally:
        context.close()
