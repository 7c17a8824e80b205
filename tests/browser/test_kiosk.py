"""The kiosk in a real browser at 1080×1920 with touch, driven by taps only (free text goes in
as a system IME would, through ``keyboard.insert_text``): badge check on the keypad, a complete
complaint, the receipt, tracking, results — and the walk-away wipe under Playwright's clock.
Every screen: axe, vnu (one batch), tap targets ≥ 60×60 px, a screenshot to look at."""

import re
import urllib.parse
import urllib.request
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from tests.browser.test_accessibility import violations_on
from tests.browser.test_complaints_flow import _validate
from tests.browser.test_html_valid import logged_in_opener

#: visible controls smaller than 60×60 px (the hidden radios fill their tile, so they count)
SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [role=button]'))
  .filter(el => el.offsetParent !== null || el.getClientRects().length)
  .map(el => ({el, box: el.getBoundingClientRect()}))
  .filter(({box}) => box.width > 0 && box.height > 0 && (box.width < 60 || box.height < 60))
  .map(({el, box}) => `${el.tagName} "${(el.textContent || el.name || '').trim()}" `
                      + `${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.fixture(scope="module")
def kiosk_token(live_server) -> str:
    """Enrol a kiosk of 新华区 through the back office; the token from its one-time link."""
    opener = logged_in_opener(live_server)
    with opener.open(live_server.url + "/admin/kiosks/") as response:
        page = response.read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {"csrf_token": token, "name": "浏览器测试1号机", "location": "一楼", "unit": "xinhua"}
    with opener.open(
        live_server.url + "/admin/kiosks/", data=urllib.parse.urlencode(form).encode()
    ) as response:
        enrolled = response.read().decode()
    link = re.search(r'id="enrol-link"[^>]*>([^<]+)<', enrolled).group(1)
    return link.rsplit("/", 1)[1]


class Screens:
    """Checks each kiosk screen as it appears and keeps its HTML for one vnu run."""

    def __init__(self, page, axe_source):
        self.page, self.axe_source = page, axe_source
        self.html: dict[str, str] = {}
        self.problems: dict[str, list] = {}

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"kiosk-{name}.png"), full_page=True)
        self.html[name] = page.content()
        found = violations_on(page, self.axe_source)
        small = page.evaluate(SMALL_TARGETS)
        if found or small:
            self.problems[name] = [*found, *small]


def tap_digits(page, digits: str) -> None:
    for digit in digits:
        page.get_by_role("button", name=digit, exact=True).tap()


def test_a_person_uses_the_kiosk_by_touch_and_walks_away(
    live_server, browser, axe_source, kiosk_token, tmp_path
):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **VIEWPORTS["kiosk"])
    host = urlparse(live_server.url).hostname
    context.add_cookies(
        [{"name": "portal_kiosk", "value": kiosk_token, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.clock.install()
    requested: list[str] = []
    loaded: list = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfinished", lambda request: loaded.append(request))
    screens = Screens(page, axe_source)

    # --- the start screen: four tiles, hotline, hours, clock; small and all local ----------
    page.goto(live_server.url + "/kiosk/")
    # what came over the wire: headers and bodies of every response the start screen needed
    page.wait_for_load_state("load")
    transferred = sum(
        sizes["responseHeadersSize"] + sizes["responseBodySize"]
        for sizes in (request.sizes() for request in loaded)
    )
    print(f"kiosk start screen: {transferred} bytes transferred")
    assert transferred <= 60 * 1024, f"start screen transferred {transferred} bytes"
    assert [url for url in requested if not url.startswith(live_server.url)] == []
    tiles = page.locator(".k-tile")

    assert [text.split()[-1] for text in tiles.all_inner_texts()] == [
        "查询执法人员", "我要投诉举报", "查询办理进度", "结果公示",
    ]  # fmt: skip
    expect(page.locator(".k-info")).to_contain_text("投诉举报电话")
    expect(page.locator("#kiosk-clock")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    assert page.locator("a[href^='http']").count() == 0
    screens.check("start")

    # --- badge check on the keypad ------------------------------------------------------------
    page.get_by_role("link", name="查询执法人员").tap()
    page.wait_for_url("**/kiosk/badge")
    tap_digits(page, "1100019")
    page.get_by_role("button", name="删除").tap()
    expect(page.get_by_label("工号")).to_have_value("110001")
    screens.check("badge")
    page.get_by_role("button", name="查询").tap()
    page.wait_for_url("**/kiosk/badge/result")
    expect(page.locator("h1")).to_contain_text("有效")
    expect(page.locator(".k-officer__photo")).to_be_visible()
    screens.check("verdict")

    # --- the complaint, one question per screen, continuing with the badge filled -------------
    page.get_by_role("link", name="投诉该执法人员").tap()
    page.wait_for_url("**/kiosk/complaint?from=badge")
    counter = page.locator("#step-counter")
    expect(counter).to_have_text("第 1 步，共 7 步")
    expect(page.locator("#wizard-badge")).to_have_count(1)
    screens.check("step-kind")
    page.locator(".k-choice", has_text="投诉").first.tap()
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    expect(counter).to_have_text("第 2 步，共 7 步")
    screens.check("step-unit")
    expect(page.get_by_role("radio", name="平顶山市新华区城市管理和综合执法局")).to_be_checked()
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    expect(page.locator("#wizard-badge")).to_have_text("110001")
    page.get_by_role("button", name="态度粗暴").tap()
    page.get_by_label("事情经过").tap()
    page.keyboard.insert_text("执法人员在路口大声呵斥摊主，没有出示证件。")
    screens.check("step-what")
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    page.locator(".k-choice", has_text="刚才").tap()
    page.get_by_label("发生地点").tap()
    page.keyboard.insert_text("新华区建设路与中兴路交叉口")
    screens.check("step-where")
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    expect(page.locator("[data-anonymous-choice]")).to_be_hidden()  # a complaint needs a name
    screens.check("step-contact")
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    page.get_by_label("姓名").tap()
    page.keyboard.insert_text("李四")
    tap_digits(page, "13912345678")
    expect(page.get_by_label("联系电话")).to_have_value("13912345678")
    screens.check("step-person")
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    expect(counter).to_have_text("第 7 步，共 7 步")
    summary = page.locator("#wizard-summary")
    expect(summary).to_contain_text("态度粗暴：执法人员在路口大声呵斥摊主")
    expect(summary).to_contain_text("李四 13912345678")
    screens.check("step-check")
    # going back four screens and forward again loses nothing
    for _ in range(4):
        page.get_by_role("button", name="上一步").locator("visible=true").tap()
    expect(counter).to_have_text("第 3 步，共 7 步")
    expect(page.get_by_label("事情经过")).to_have_value(re.compile("没有出示证件"))
    for _ in range(4):
        page.get_by_role("button", name="下一步").locator("visible=true").tap()
    expect(summary).to_contain_text("新华区建设路与中兴路交叉口")
    page.get_by_role("button", name="提交").tap()

    # --- the receipt: large number, QR, the code once, printing --------------------------------
    page.wait_for_url("**/kiosk/complaint/receipt")
    number = page.locator("#tracking-no").inner_text()
    code = page.locator("#query-code").inner_text()
    assert re.fullmatch(r"\d{16}", number) and re.fullmatch(r"\d{6}", code)
    assert (
        page.locator("#tracking-no").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        >= 90
    )
    one_line = (
        "el => el.getBoundingClientRect().height"
        " < 1.5 * parseFloat(getComputedStyle(el).lineHeight)"
    )
    assert page.locator("#tracking-no").evaluate(one_line)
    expect(page.locator(".k-receipt__qr svg")).to_be_visible()
    screens.check("receipt")
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    page.get_by_role("button", name="打印回执").tap()
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    expect(page.locator("#query-code")).to_be_hidden()  # not printed unless asked for
    expect(page.locator("#tracking-no")).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="打印查询码").tap()
    page.emulate_media(media="print")
    expect(page.locator("#query-code")).to_be_visible()
    assert page.evaluate("window.printed") == 2
    page.screenshot(path=str(SCREENSHOTS / "kiosk-receipt-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # --- walk-away on the receipt: warning at 75 s, everything gone at 90 s --------------------
    page.clock.run_for(76_000)
    expect(page.get_by_role("alertdialog", name="还在使用吗？")).to_be_visible()
    screens.check("idle-warning")
    page.clock.run_for(15_000)
    page.wait_for_url(live_server.url + "/kiosk/")
    cookies = {cookie["name"] for cookie in context.cookies()}
    assert "session" not in cookies and "portal_kiosk" in cookies
    page.go_back()  # the back button shows nothing of the previous person
    page.wait_for_load_state("load")
    content = page.content()
    assert number not in content and code not in content and "李四" not in content
    assert "呵斥" not in content and "13912345678" not in content
    page.goto(live_server.url + "/kiosk/")

    # --- tracking on the keypad: number, then the code (the keypad moves on by itself) ---------
    page.get_by_role("link", name="查询办理进度").tap()
    page.wait_for_url("**/kiosk/track")
    tap_digits(page, number + code)
    expect(page.get_by_label("受理编号（16位）")).to_have_value(number)
    expect(page.get_by_label("查询码（6位）")).to_have_value(code)
    screens.check("track")
    page.get_by_role("button", name="查询").tap()
    page.wait_for_url("**/kiosk/track/status")
    expect(page.locator(".k-timeline")).to_contain_text("提交（您）")
    expect(page.locator("h1")).to_contain_text("已提交")
    screens.check("status")

    # --- results, opening inside the kiosk --------------------------------------------------------
    page.get_by_role("link", name="返回首页").tap()
    page.get_by_role("link", name="结果公示").tap()
    page.wait_for_url("**/kiosk/results")
    screens.check("results")
    page.locator(".k-list__item").first.tap()
    page.wait_for_url(re.compile(r"/kiosk/results/[^/]+$"))
    screens.check("outcome")

    # --- walk-away in the middle of typing; 继续 keeps it; back shows nothing afterwards ------
    page.get_by_role("link", name="返回首页").tap()
    page.get_by_role("link", name="我要投诉举报").tap()
    page.wait_for_url("**/kiosk/complaint")
    page.locator(".k-choice", has_text="举报").first.tap()
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    page.get_by_role("button", name="下一步").locator("visible=true").tap()
    page.get_by_label("事情经过").tap()
    page.keyboard.insert_text("有人在小区门口占道经营卖水果。")
    page.clock.run_for(76_000)
    expect(page.locator("#idle-warning")).to_be_visible()
    page.get_by_role("button", name="继续").tap()
    expect(page.locator("#idle-warning")).to_be_hidden()
    expect(page.get_by_label("事情经过")).to_have_value("有人在小区门口占道经营卖水果。")
    page.clock.run_for(91_000)
    page.wait_for_url(live_server.url + "/kiosk/")
    assert "session" not in {cookie["name"] for cookie in context.cookies()}
    page.go_back()
    page.wait_for_load_state("load")
    assert "占道经营卖水果" not in page.content()
    if page.get_by_label("事情经过").count():
        expect(page.get_by_label("事情经过")).to_have_value("")

    # --- the server cannot be reached: the 网络中断 screen, never a browser error page ----------
    page.goto(live_server.url + "/kiosk/")
    page.route("**/kiosk/ping", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("link", name="查询执法人员").tap()
    expect(page.get_by_role("alertdialog", name="网络中断")).to_be_visible()
    assert page.url == live_server.url + "/kiosk/"
    screens.check("offline")
    page.unroute("**/kiosk/ping")
    page.get_by_role("button", name="重试").tap()
    page.wait_for_url("**/kiosk/badge")

    context.close()
    assert screens.problems == {}
    assert _validate(screens.html, tmp_path) == []
