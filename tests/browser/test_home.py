"""The home page in a real browser, at phone and desktop sizes."""

import re

from playwright.sync_api import expect

#: the width and height of "口" in the page's font; an empty "tofu" box would be as wide, so
#: glyph coverage is checked by comparing the rendering against a font known to lack CJK
CJK_PROBE = """() => {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  const family = getComputedStyle(document.body).fontFamily;
  context.font = `32px ${family}`;
  const withPageFont = context.measureText('城管执法公示').width;
  context.font = '32px monospace';
  const ascii = context.measureText('ab').width;
  return {withPageFont, ascii, fontsReady: document.fonts.status};
}"""


def test_home_renders_chinese_and_units(live_server, open_page, screenshot):
    page = open_page(live_server, "/")
    expect(page).to_have_title(re.compile("平顶山市城市管理局"))
    expect(page.get_by_role("heading", name="谁执法、谁公示")).to_be_visible()
    expect(page.locator(".unit-card")).to_have_count(13)
    expect(page.get_by_role("link", name="12319").first).to_be_visible()
    metrics = page.evaluate(CJK_PROBE)
    # six CJK characters at 32 px are ~192 px wide in a CJK font
    assert metrics["withPageFont"] > 150
    shot = screenshot(page, "home")
    assert shot.stat().st_size > 10_000
    # nothing overflows a 390 px phone horizontally
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_navigation_reaches_every_section(live_server, open_page, screenshot):
    page = open_page(live_server, "/")
    navigation = page.get_by_role("navigation", name="主导航")
    labels = navigation.get_by_role("link").all_inner_texts()
    assert labels == [
        "首页",
        "执法公示",
        "处罚决定",
        "亮证查询",
        "投诉举报",
        "进度查询",
        "结果公示",
        "站内检索",
    ]
    navigation.get_by_role("link", name="执法公示").click()
    expect(page.get_by_role("heading", name="执法公示", level=1)).to_be_visible()
    expect(navigation.get_by_role("link", name="执法公示")).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("link", name="平顶山市卫东区城市管理和综合执法局").click()
    expect(page.get_by_role("heading", name="平顶山市卫东区城市管理和综合执法局")).to_be_visible()
    screenshot(page, "unit-weidong")
    navigation.get_by_role("link", name="结果公示").click()
    expect(page.get_by_role("heading", name="投诉办理结果公示", level=1)).to_be_visible()


def test_skip_link_moves_focus_to_main(live_server, open_page):
    page = open_page(live_server, "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_badge_check_form_goes_to_the_lookup(live_server, open_page):
    page = open_page(live_server, "/")
    page.get_by_label("核实执法人员：输入工号").fill("100234")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"/officers/lookup\?badge=100234$"))


def test_staff_login_in_the_browser(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/")
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill("browser-test-pass-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    screenshot(page, "admin-dashboard")
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
