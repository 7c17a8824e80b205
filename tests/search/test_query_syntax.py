"""No query a person can type, and no parameter they can send, makes /search fail."""

import random

import pytest

NOISE = "".join(
    random.Random(6).choice("占道经营*?\"'()[]{}:^~!-+&|\\/<>%$#@ ANDORNOT0123") for _ in range(500)
)

QUERIES = [
    '"占道经营"',
    "“新华区”",
    "'违法建设'",
    '"unbalanced',
    "(新华区",
    "新华区)",
    "[2024 TO 2025]",
    "{渣土车}",
    "新华区 AND 占道经营",
    "新华区 OR",
    "AND",
    "NOT 违法建设",
    "*",
    "?",
    "占*",
    "title:新华区",
    "kind:unit",
    "新华区^5",
    "占道~2",
    "-违法建设",
    "+",
    "\\",
    "/",
    "%",
    "<script>alert(1)</script>",
    "'; DROP TABLE unit; --",
    "\u200b\u200b",
    "😀 新华区",
    "ＡＢＣ１２３",
    "   ",
    "\t\n",
    "新华区" * 200,
    NOISE,
]


@pytest.mark.parametrize("query", QUERIES, ids=range(len(QUERIES)))
def test_any_query_text_gets_a_page(query, search_units_only):
    page = search_units_only(query)
    assert page.status == 200
    assert "<script>alert(1)</script>" not in page.html
    assert "检索服务暂时不可用" not in page.html


@pytest.mark.parametrize(
    "params",
    [
        {"q": "新华区", "page": "-1"},
        {"q": "新华区", "page": "abc"},
        {"q": "新华区", "page": "99999999999999999999"},
        {"q": "新华区", "page": "0"},
        {"q": "新华区", "sort": "nonsense"},
        {"q": "新华区", "kind": "nonsense"},
        {"q": "新华区", "unit": "x" * 500},
        {"q": "新华区", "year": "20245"},
        {"q": "新华区", "year": "二〇二四"},
        {"q": ["新华区", "卫东区"]},
        {"q": "\x00新华区"},
    ],
    ids=lambda params: "&".join(f"{k}={str(v)[:12]}" for k, v in params.items()),
)
def test_any_parameters_get_a_page(params, search_units_only):
    assert search_units_only(**params).status == 200


def test_quotes_and_operators_do_not_change_what_is_found(search_units_only):
    search = search_units_only
    plain = search("新华区").hrefs
    assert plain
    assert search('"新华区"').hrefs == plain
    assert search("新华区 AND").hrefs == plain
    assert search("(新华区)").hrefs == plain


def test_a_long_query_is_cut_and_the_page_says_so(search_units_only):
    page = search_units_only("新华区 " * 300)
    assert page.status == 200
    assert "检索词较长" in page.text()
