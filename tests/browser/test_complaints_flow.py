"""A citizen complains, tracks it, staff accept, reply and close, the citizen rates it — in a
real browser at phone and desktop sizes; the dynamic pages are checked by axe and vnu too."""

import json
import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import violations_on
from tests.browser.test_html_valid import VNU
from tests.live_server import run_cli

STAFF_PASSWORD = "browser-staff-pass-1"


@pytest.fixture(scope="session")
def xinhua_staff(live_server) -> str:
    run_cli(
        live_server.environment,
        "users", "create", "xinhua-staff", "--role", "staff", "--unit", "xinhua",
        "--display-name", "王承办", input_text=STAFF_PASSWORD + "\n",
    )  # fmt: skip
    return "xinhua-staff"


def _no_horizontal_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def _validate(pages: dict[str, str], tmp_path) -> list[str]:
    if not VNU.exists() or shutil.which("java") is None:
        return []
    files = []
    for number, html in enumerate(pages.values()):
        path = tmp_path / f"flow{number}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    names = list(pages)
    return [
        f"{names[files.index(m['url'].removeprefix('file:'))]}: {m['message']}"
        for m in messages
        if m.get("type") == "error" and m.get("url", "").removeprefix("file:") in files
    ]


def test_from_complaint_to_rating(
    live_server,
    open_page,
    screenshot,
    viewport_name,
    axe_source,
    tmp_path,
    xinhua_staff,
):
    staff_name = xinhua_staff
    sources, accessibility = {}, {}

    def check(page, name: str) -> None:
        """Keep the page for vnu and run axe on it (desktop: the layouts share their markup)."""
        if viewport_name == "desktop":
            sources[name] = page.content()
            accessibility[name] = violations_on(page, axe_source)

    # 1. the citizen fills in the form
    citizen = open_page(live_server, "/complaints/new")
    expect(citizen.get_by_role("heading", name="投诉举报", level=1)).to_be_visible()
    citizen.get_by_role("radio", name=re.compile("^投诉")).check()
    citizen.get_by_label("涉及的执法单位").select_option("xinhua")
    citizen.get_by_label("发生时间").fill("2026-01-15T09:30")
    citizen.get_by_label("发生地点").fill("新华区建设路与中兴路交叉口")
    citizen.get_by_label("事情经过").fill(
        "执法人员在路口执法时态度粗暴，推搡摊主，未出示执法证件。"
    )
    citizen.get_by_label("您的诉求").fill("希望调查处理并给予答复。")
    citizen.get_by_label("姓名", exact=True).fill("浏览器测试人")
    citizen.get_by_label("联系电话").fill("13912345678")
    screenshot(citizen, "complaint-form")
    _no_horizontal_overflow(citizen)
    citizen.get_by_role("button", name="提交", exact=True).click()

    # 2. the receipt
    expect(citizen.get_by_role("heading", name="提交成功")).to_be_visible()
    number = citizen.locator("#tracking-no").inner_text()
    code = citizen.locator("#query-code").inner_text()
    assert re.fullmatch(r"\d{16}", number) and re.fullmatch(r"\d{6}", code)
    expect(citizen.get_by_role("img", name=re.compile("二维码"))).to_be_visible()
    expect(citizen.get_by_role("button", name="打印回执")).to_be_visible()
    screenshot(citizen, "complaint-receipt")
    _no_horizontal_overflow(citizen)
    check(citizen, "receipt")

    # 3. /track with the number and the code
    citizen.goto(live_server.url + "/track")
    citizen.get_by_label("受理编号").fill(number)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.locator("#current-state")).to_have_text("已提交")
    expect(citizen.locator("#current-deadline")).to_contain_text("受理期限")
    assert "?" not in citizen.url.split("/track/")[1]  # the code is in no URL
    screenshot(citizen, "complaint-status-submitted")

    # 4. staff accept, reply from a template and close
    staff = open_page(live_server, "/admin/login")
    staff.get_by_label("用户名").fill(staff_name)
    staff.get_by_label("密码").fill(STAFF_PASSWORD)
    staff.get_by_role("button", name="登录").click()
    staff.get_by_role("navigation", name="后台导航").get_by_role("link", name="投诉举报").click()
    staff.get_by_label("受理编号").fill(number)
    staff.get_by_role("button", name="筛选").click()
    staff.get_by_role("link", name=number).click()
    expect(staff.get_by_role("heading", name=f"投诉 {number}")).to_be_visible()
    staff.get_by_role("button", name="受理", exact=True).click()
    expect(staff.get_by_text("已受理。")).to_be_visible()
    staff.get_by_role("link", name="答复", exact=True).click()
    staff.get_by_role("link", name="属实已处理").click()
    expect(staff.get_by_label("答复内容（将告知投诉举报人）")).to_have_value(re.compile("经核查"))
    check(staff, "reply")
    screenshot(staff, "complaint-admin-reply")
    staff.get_by_role("button", name="答复", exact=True).click()
    expect(staff.get_by_text("已答复。")).to_be_visible()
    staff.get_by_role("button", name="办结").click()
    expect(staff.get_by_text("已办结。")).to_be_visible()
    screenshot(staff, "complaint-admin-detail")
    check(staff, "admin detail")

    # 5. back to the citizen: the reply, the timeline by unit, and the rating
    citizen.reload()
    expect(citizen.locator("#current-state")).to_have_text("已办结")
    expect(citizen.get_by_role("region", name="答复")).to_contain_text("经核查，您反映的情况属实")
    timeline = citizen.locator(".timeline")
    expect(timeline).to_contain_text("平顶山市新华区城市管理和综合执法局")
    expect(timeline).not_to_contain_text("王承办")
    check(citizen, "status")
    citizen.get_by_role("radio", name="满意", exact=True).check()
    citizen.get_by_label("意见和建议（选填）").fill("处理及时，态度很好。")
    citizen.get_by_role("button", name="提交评价").click()
    expect(citizen.locator("#your-rating")).to_contain_text("您的评价：满意")
    screenshot(citizen, "complaint-status-rated")
    _no_horizontal_overflow(citizen)

    assert {page: found for page, found in accessibility.items() if found} == {}
    if viewport_name == "desktop":
        assert _validate(sources, tmp_path) == []


def test_queue_marks_overdue_and_due_soon_cases(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/login")
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill("browser-test-pass-1")
    page.get_by_role("button", name="登录").click()
    page.goto(live_server.url + "/admin/complaints/")
    overdue = page.locator("tr.queue__row--overdue").first
    expect(overdue).to_be_visible()
    expect(overdue).to_contain_text("已超期")
    background = (
        overdue.locator("td").nth(1).evaluate("cell => getComputedStyle(cell).backgroundColor")
    )
    assert background == "rgb(253, 236, 234)"  # --red-light
    screenshot(page, "complaint-admin-queue")
    page.goto(live_server.url + "/admin/complaints/new")
    expect(page.get_by_label("来源渠道")).to_be_visible()
    screenshot(page, "complaint-admin-entry")
