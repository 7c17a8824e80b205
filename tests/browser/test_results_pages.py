"""Published results in a real browser: evaluation and review results with their charts."""

from playwright.sync_api import expect


def test_evaluation_results_show_a_chart_with_numbers(live_server, open_page, screenshot):
    page = open_page(live_server, "/reviews/")
    page.get_by_role("link", name="2026年下半年").click()
    expect(page.get_by_role("heading", name="2026年下半年社会评议结果")).to_be_visible()
    chart = page.get_by_role("img", name="2026年下半年社会评议综合得分（满分5分）")
    expect(chart).to_be_visible()
    # legible on a phone: the labels are drawn at least 12 px high, not shrunk to a stamp
    label_height = chart.locator("text").first.bounding_box()["height"]
    assert label_height >= 12
    # the demo leaves 石龙区 and 高新区 below the minimum of 30 answers
    expect(page.get_by_text("答卷不足 30 份，暂不公布")).to_have_count(2)
    page.get_by_role("link", name="平顶山市新华区城市管理和综合执法局").click()
    expect(
        page.get_by_role("heading", name="评价分布：平顶山市新华区城市管理和综合执法局")
    ).to_be_visible()
    screenshot(page, "evaluation-results")


def test_answering_the_questionnaire(live_server, open_page):
    page = open_page(live_server, "/reviews/evaluation/2/answer")
    page.get_by_label("评议的执法单位").select_option(label="叶县城市管理和综合执法局")
    for legend in ("公正执法", "服务态度", "办案质量", "办案效率", "清正廉洁"):
        page.get_by_role("group", name=legend).get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评议").click()
    expect(page.get_by_text("评议已提交")).to_be_visible()
    page.goto(live_server.url + "/reviews/evaluation/2/answer")
    expect(page.get_by_text("您已参加本期评议")).to_be_visible()


def test_case_file_review_page(live_server, open_page, screenshot):
    page = open_page(live_server, "/reviews/case-files/demo-review-2025")
    expect(page.get_by_role("heading", name="2025年度行政处罚案卷评查")).to_be_visible()
    expect(page.get_by_role("img", name="2025年度行政处罚案卷评查各单位得分")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(13)
    # the demo corrected this round once: the reason is public, the first version readable
    expect(page.get_by_text("更正原因：复核时发现证据项问题漏计1项")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # the wide table scrolls inside its frame, not the page
    screenshot(page, "case-file-review")
    page.get_by_role("link", name="查看第1版").click()
    expect(page.get_by_text("您正在查看第1版")).to_be_visible()


def test_supervisor_roster(live_server, open_page):
    page = open_page(live_server, "/supervisors/")
    expect(page.locator("tbody tr")).to_have_count(20)
    expect(page.get_by_text("平顶山日报社")).to_be_visible()
