"""The masked preview in a real browser: each span named by its type; text selected in the
preview becomes the span to hide (static/js/masking-preview.js), and the adjustment shows."""

from playwright.sync_api import expect

from tests.browser.test_disclosure import NO_OVERFLOW, login

SELECT_TWO_CHARACTERS = """() => {
  const preview = document.querySelector("[data-masking-preview]");
  const walker = document.createTreeWalker(preview, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest("mark") || node.textContent.trim().length < 6
      ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_ACCEPT,
  });
  const node = walker.nextNode();
  const range = document.createRange();
  range.setStart(node, 2);
  range.setEnd(node, 4);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  preview.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return selection.toString();
}"""


def test_select_a_span_in_the_preview_to_hide_it_then_take_it_back(
    live_server, open_page, screenshot
):
    page = open_page(live_server, "/admin/login")
    login(page, live_server)
    page.goto(live_server.url + "/admin/decisions/8")
    expect(page.locator("mark.masked .masked__type").first).to_be_visible()
    selected = page.evaluate(SELECT_TWO_CHARACTERS)
    assert len(selected) == 2
    expect(page.get_by_label("还需隐去的文字")).to_have_value(selected)
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "admin-decision-masking-adjust")
    page.get_by_role("button", name="隐去这段文字").click()
    expect(page.get_by_text("已加入人工隐去，公示时生效。")).to_be_visible()
    expect(page.get_by_text(f"人工隐去：{selected}")).to_be_visible()
    expect(page.locator('mark.masked[data-kind="manual"]').first).to_be_visible()
    page.get_by_role("button", name="撤回").click()
    expect(page.get_by_text("已撤回该调整。")).to_be_visible()
    expect(page.locator('mark.masked[data-kind="manual"]')).to_have_count(0)


def _first_page_with(page, server, paths, text: str) -> None:
    """Go to the first of ``paths`` that shows ``text`` (which demo item is a draft varies)."""
    for path in paths:
        if text in page.request.get(server.url + path).text():
            page.goto(server.url + path)
            return
    raise AssertionError(f"no demo page shows {text}")


ADJUSTABLE_PREVIEWS = {
    "media": [f"/admin/media/{item_id}/publish" for item_id in range(1, 20)],
    "document": [
        f"/admin/documents/{item_id}{step}" for step in ("/publish", "") for item_id in range(1, 60)
    ],
}


def test_the_adjust_controls_on_each_kinds_publish_preview(live_server, open_page, screenshot):
    page = open_page(live_server, "/admin/login")
    login(page, live_server)
    for kind, paths in ADJUSTABLE_PREVIEWS.items():
        _first_page_with(page, live_server, paths, "调整脱敏")
        expect(page.get_by_role("heading", name="调整脱敏")).to_be_visible()
        assert page.evaluate(NO_OVERFLOW) <= 0, kind
        screenshot(page, f"admin-{kind}-masking-adjust")
    outcome_forms = [f"/admin/outcomes/publish/{complaint_id}" for complaint_id in range(1, 120)]
    _first_page_with(page, live_server, outcome_forms, "预览公开内容")
    page.get_by_label("问题类别").select_option(index=1)
    page.get_by_label("情况摘要").fill(
        "证人高山称，当事人在幸福花园北门占道经营，其电话13837512345。"
    )
    page.get_by_role("button", name="预览公开内容").click()
    expect(page.get_by_role("heading", name="调整脱敏")).to_be_visible()
    expect(page.get_by_role("heading", name="自动识别的姓名")).to_be_visible()
    assert page.evaluate(NO_OVERFLOW) <= 0
    screenshot(page, "admin-outcome-masking-adjust")
