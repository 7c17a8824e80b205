"""长辈模式 at phone size: the toggle in the header, then public pages measured in a real
browser — text ≥ 24 px, line height ≥ 1.3, every control ≥ 60×60 px, one column, axe clean —
and the complaint form used end to end in it. Screenshots: tests/browser/screenshots/elder-*."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS
from tests.browser.pages import PUBLIC_PAGES
from tests.browser.test_accessibility import violations_on

#: the pages whose screenshots to look at (the decision, outcome, verdict and status pages
#: also carry the 朗读 button)
LOOKED_AT = {
    "home": "/",
    "decision": "/decisions/demo-corrected",
    "verdict": "/officers/lookup?badge=110001",
    "outcome": "/outcomes/demo-oc-correct",
    "complaint-form": "/complaints/new",
    "stats": "/stats/?unit=xinhua",
}

#: the other public templates axe checks in 长辈模式 (besides LOOKED_AT): one page of each kind
#: of layout — lists, filters, forms, tables, revisions — since each page load costs CI time
ELDER_AXE_PAGES = [
    "/disclosure/units/xinhua",
    "/decisions/",
    "/track",
    "/outcomes/",
    "/reviews/evaluation/1",
    "/reviews/case-files/demo-review-2025",
    "/media/media-corrected",
    "/search?q=%E6%96%B0%E5%8D%8E%E5%8C%BA",
]
assert set(ELDER_AXE_PAGES) <= set(PUBLIC_PAGES)

#: what breaks the rules on the page: small text, tight lines, small controls, overflow
MEASURE = """() => {
  const problems = [];
  const visible = el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 2 && box.height > 2 && style.visibility !== 'hidden'
      && !el.closest('svg, [hidden], .skip-link');
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el) || !visible(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const size = parseFloat(style.fontSize), line = parseFloat(style.lineHeight);
    const text = el.textContent.trim().slice(0, 20);
    if (size < 24) problems.push(`text ${size}px: ${el.tagName} ${text}`);
    if (!(line >= 1.3 * size)) problems.push(`line-height ${style.lineHeight}: ${el.tagName}`);
  }
  document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')
    .forEach(el => {
      if (!visible(el)) return;
      const box = el.getBoundingClientRect();
      if (box.width < 60 || box.height < 60)
        problems.push(`control ${Math.round(box.width)}×${Math.round(box.height)}: `
                      + `${el.tagName} ${(el.textContent || el.name || '').trim().slice(0, 20)}`);
    });
  // the layout viewport of a phone widens to fit overflowing content: compare with 390 px
  Array.from(document.querySelectorAll('main *, header *'))
    .filter(el => visible(el) && el.getBoundingClientRect().right > 391)
    .filter(el => !el.parentElement || el.parentElement.getBoundingClientRect().right <= 391)
    .slice(0, 3)
    .forEach(el => problems.push(`wider than the phone: ${el.tagName}.${el.className} `
                                 + `${Math.round(el.getBoundingClientRect().right)}px`));
  return problems;
}"""


def test_elder_mode_on_public_pages_at_phone_size(live_server, browser, axe_source):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(live_server.url + "/decisions/")
    page.get_by_role("link", name="长辈模式").tap()
    page.wait_for_url("**/decisions/")
    expect(page.locator("html")).to_have_class("elder")
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    assert cookies["portal_display"]["value"] == "elder" and "session" not in cookies

    SCREENSHOTS.mkdir(exist_ok=True)
    problems, violations = {}, {}
    for name, path in LOOKED_AT.items():
        page.goto(live_server.url + path)
        page.screenshot(path=str(SCREENSHOTS / f"elder-{name}-phone.png"), full_page=True)
        found = page.evaluate(MEASURE)
        if found:
            problems[path] = found[:8]
        found = violations_on(page, axe_source)
        if found:
            violations[path] = found
    assert problems == {}
    for path in ELDER_AXE_PAGES:
        page.goto(live_server.url + path)
        found = violations_on(page, axe_source)
        if found:
            violations[path] = found
    assert violations == {}

    # the complaint form, end to end, in 长辈模式
    page.goto(live_server.url + "/complaints/new")
    page.get_by_role("radio", name=re.compile("^举报")).check()
    page.get_by_label("涉及的执法单位").select_option("weidong")
    page.get_by_label("发生地点").fill("卫东区优越路")
    page.get_by_label("事情经过").fill("店铺在人行道上长期摆放货架占道经营，影响行人通行。")
    page.get_by_label("匿名举报").check()
    page.get_by_role("button", name="提交", exact=True).tap()
    expect(page.get_by_role("heading", name="提交成功")).to_be_visible()
    assert re.fullmatch(r"\d{16}", page.locator("#tracking-no").inner_text())
    expect(page.locator("html")).to_have_class("elder")
    page.screenshot(path=str(SCREENSHOTS / "elder-receipt-phone.png"), full_page=True)
    assert page.evaluate(MEASURE) == []
    context.close()


#: a browser whose speech synthesis has the given voices, recording what it is asked to say
FAKE_SPEECH = """(lang) => {
  window.spoken = [];
  const voices = lang ? [{lang, name: 'test voice'}] : [];
  Object.defineProperty(window, 'speechSynthesis', {value: {
    speaking: false, getVoices: () => voices, addEventListener: () => {}, cancel: () => {},
    speak: (utterance) => window.spoken.push(utterance.text)}});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
}"""


def test_read_aloud_shows_only_with_a_chinese_voice(live_server, browser):
    spoken = {}
    for lang in ("zh-CN", "en-US", ""):
        context = browser.new_context(locale="zh-CN", **VIEWPORTS["desktop"])
        context.add_init_script(f"({FAKE_SPEECH})({lang!r})")
        page = context.new_page()
        page.goto(live_server.url + "/officers/lookup?badge=110001")
        button = page.get_by_role("button", name="朗读")
        if lang == "zh-CN":
            button.click()
            spoken[lang] = page.evaluate("window.spoken")
        else:
            expect(page.locator(".read-aloud")).to_be_hidden()
            spoken[lang] = None
        context.close()
    assert "有效" in spoken["zh-CN"][0] and "投诉该执法人员" not in spoken["zh-CN"][0]
