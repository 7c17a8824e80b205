"""/search as a person uses it: words, filters with counts, snippets, paging, sorting."""

from datetime import date

import pytest

from portal.search import service

DECISIONS = [
    # id, unit, date, title, body
    (
        "d1",
        "xinhua",
        date(2025, 3, 2),
        "关于张某某占道经营的行政处罚决定书",
        "当事人张某某于2025年3月1日在新华区建设路农贸市场门口摆摊设点占道经营，影响行人通行。"
        "依据《平顶山市城市市容和环境卫生管理条例》，决定责令改正，并处罚款200元。",
    ),
    (
        "d2",
        "weidong",
        date(2024, 7, 9),
        "关于某某建筑工程有限公司违法建设的行政处罚决定书",
        "当事人未取得建设工程规划许可证，擅自在卫东区光明路搭建彩钢板房屋，属违法建设。"
        "依据《中华人民共和国城乡规划法》，决定责令限期拆除。",
    ),
    (
        "d3",
        "zhanhe",
        date(2023, 11, 20),
        "关于某某物流运输有限公司渣土车辆未密闭运输的行政处罚决定书",
        "当事人驾驶渣土车未密闭运输，沿途撒漏建筑垃圾，污染湛河区南环路路面。决定罚款5000元。",
    ),
    (
        "d4",
        "xinhua",
        date(2024, 1, 15),
        "关于王某露天烧烤的行政处罚决定书",
        "当事人在新华区中兴路居民区周边露天烧烤，油烟直排。决定责令改正。",
    ),
]


@pytest.fixture
def decisions(notices, demo_units, search_index):
    for object_id, unit, day, title, body in DECISIONS:
        notices.publish(object_id, title, body, unit_code=unit, published_on=day)
    search_index.sync()
    return notices


def test_a_domain_term_finds_the_record_with_it(decisions, search):
    page = search("占道经营")
    assert page.status == 200
    assert page.hrefs[0] == "/notices/d1"  # in the title and the text
    assert page.hrefs[1:] == ["/disclosure/units/zhanhe"]  # its jurisdiction names it


def test_a_word_inside_a_longer_word_is_found(decisions, search):
    # 经营 is inside 占道经营, 渣土 inside 渣土车辆
    assert "/notices/d1" in search("经营").hrefs
    assert search("渣土").hrefs[0] == "/notices/d3"


def test_every_word_must_appear(decisions, search):
    page = search("新华区 露天烧烤")
    assert page.hrefs == ["/notices/d4"]


def test_when_no_record_has_every_word_some_words_are_offered(decisions, search):
    page = search("露天烧烤 彩钢板")
    assert "没有同时包含全部检索词的内容" in page.text()
    assert set(page.hrefs) == {"/notices/d2", "/notices/d4"}


def test_a_unit_name_finds_the_unit_first(decisions, search):
    page = search("新华区")
    assert page.hrefs[0] == "/disclosure/units/xinhua"
    assert "/notices/d1" in page.hrefs and "/notices/d4" in page.hrefs
    page = search("平顶山市新华区城市管理和综合执法局")
    assert page.hrefs[0] == "/disclosure/units/xinhua"


def test_snippets_and_titles_mark_the_words_found(decisions, search):
    hit = search("违法建设").hits[0]
    assert "<mark>违法建设</mark>" in hit["title"]
    assert "<mark>违法建设</mark>" in hit["snippet"]
    assert "执法单位" in search("新华区").text()  # the kind label of a unit


def test_filters_show_counts_and_narrow_the_results(decisions, search):
    page = search("决定")
    assert page.total == 4
    assert page.facet("kind") == {"测试公示": 4}
    assert page.facet("unit") == {"新华区": 2, "卫东区": 1, "湛河区": 1}
    assert page.facet("year") == {"2025年": 1, "2024年": 2, "2023年": 1}

    by_unit = search("决定", unit="xinhua")
    assert by_unit.total == 2
    assert set(by_unit.hrefs) == {"/notices/d1", "/notices/d4"}
    # the unit counts ignore the unit chosen, the year counts honour it
    assert by_unit.facet("unit")["卫东区"] == 1
    assert by_unit.facet("year") == {"2025年": 1, "2024年": 1}

    both = search("决定", unit="xinhua", year="2024")
    assert both.hrefs == ["/notices/d4"]
    assert search("决定", kind="notice", year="2023").hrefs == ["/notices/d3"]
    assert search("决定", kind="unit").total is None  # nothing: the empty-result page


def test_newest_first(decisions, search):
    page = search("决定", sort="date")
    assert page.hrefs == ["/notices/d1", "/notices/d2", "/notices/d4", "/notices/d3"]


def test_paging(notices, search_index, search):
    for number in range(1, 26):
        notices.publish(
            f"n{number:02d}",
            f"违规设置户外广告通报第{number}号",
            "未经批准擅自设置户外广告牌。",
            published_on=date(2024, 1, number),
        )
    search_index.sync()
    first = search("户外广告", sort="date")
    assert first.total == 25
    assert first.hrefs[:2] == ["/notices/n25", "/notices/n24"]
    assert len(first.hrefs) == 10
    third = search("户外广告", sort="date", page="3")
    assert third.hrefs == [f"/notices/n{n:02d}" for n in range(5, 0, -1)]
    seen = first.hrefs + search("户外广告", sort="date", page="2").hrefs + third.hrefs
    assert len(set(seen)) == 25
    assert 'rel="next"' in first.html and 'rel="prev"' in third.html
    # past the last page: the last page
    assert search("户外广告", sort="date", page="99").hrefs == third.hrefs


def test_an_empty_result_helps(decisions, search):
    page = search("量子计算机")
    assert page.status == 200
    assert page.hits == []
    text = page.text()
    assert "没有找到与“量子计算机”相关的公开内容" in text
    assert "12319" in text and "12345" in text
    assert 'href="/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5"' in page.html  # 占道经营


def test_the_empty_search_page_explains_and_offers_examples(client):
    page = client.get("/search").get_data(as_text=True)
    assert "可以这样检索" in page and "占道经营" in page


def test_officer_names_and_badge_numbers_match_exactly(notices, search_index, search):
    notices.publish(
        "o1", "执法人员 邹海燕", "新华区执法队员", names=("邹海燕",), numbers=("41040107",)
    )
    notices.publish(
        "o2", "执法人员 李海燕", "卫东区执法队员", names=("李海燕",), numbers=("41040301",)
    )
    for number in range(5):
        notices.publish(f"x{number}", f"邹某某与海燕路{number}", "邹某某在海燕路占道经营")
    search_index.sync()
    assert search("邹海燕").hrefs[0] == "/notices/o1"
    assert search("41040107").hrefs == ["/notices/o1"]
    assert search("4104 0107").hrefs == ["/notices/o1"]  # spaces typed inside a number


def test_without_an_index_the_page_says_so_instead_of_failing(client):
    response = client.get("/search", query_string={"q": "占道经营"})
    assert response.status_code == 503
    assert "检索服务暂时不可用" in response.get_data(as_text=True)


def test_scoring_stops_at_a_budget_but_counts_cover_every_match(
    notices, search_index, search, monkeypatch
):
    for number in range(12):
        notices.publish(f"old{number}", "户外广告整治", "违规设置户外广告牌")
    search_index.rebuild()
    notices.publish("new", "户外广告整治", "违规设置户外广告牌")  # a newer segment
    search_index.sync()
    monkeypatch.setattr(service, "SCORE_BUDGET", 5)
    page = search("户外广告")
    assert page.total == 13
    assert "/notices/new" in page.hrefs  # newest segment first
    assert len(page.hrefs) == 5


def test_an_empty_index_answers_with_nothing_found(search_index, search):
    page = search("占道经营")
    assert page.status == 200
    assert "没有找到与“占道经营”相关的公开内容" in page.text()
