"""Segmentation: domain terms stay whole, junk sub-words never reach the index."""

import pytest

from portal.search.segmentation import (
    DICTIONARY_VERSION,
    JUNK_SUBWORDS,
    USER_WORDS,
    index_terms,
    query_terms,
)


@pytest.mark.parametrize(
    "text, word",
    [
        ("当事人在人行道上占道经营", "占道经营"),
        ("渣土车未密闭运输", "渣土车"),
        ("拆除违法建设", "违法建设"),
        ("平顶山市新华区城市管理和综合执法局", "新华区"),
        ("卫东区城市管理", "卫东区"),
        ("郏县城市管理和综合执法局", "郏县"),
        ("城乡一体化示范区", "城乡一体化示范区"),
        ("露天烧烤油烟直排", "露天烧烤"),
    ],
)
def test_domain_terms_are_single_words(text, word):
    assert word in query_terms(text)
    assert word in index_terms(text)


def test_index_also_holds_the_words_inside_longer_words():
    terms = index_terms("查处占道经营")
    assert {"占道", "经营", "占道经营"} <= set(terms)
    # … so a search for 经营 finds 占道经营, but a query is not split into its parts
    assert query_terms("占道经营") == ["占道经营"]


@pytest.mark.parametrize(
    "text, junk",
    [("占道经营", "道经"), ("湛河区", "河区"), ("执法人员", "法人"), ("宝丰县", "丰县")],
)
def test_junk_sub_words_are_not_indexed(text, junk):
    assert junk in JUNK_SUBWORDS
    assert junk not in index_terms(text)


def test_a_junk_sub_word_written_on_its_own_is_still_a_word():
    assert "法人" in index_terms("企业法人代表")


def test_numbers_and_latin_are_split_and_folded():
    assert index_terms("电话0375-2622319，工号４１０４ ABC") == [
        "电话",
        "0375",
        "2622319",
        "工号",
        "4104",
        "abc",
    ]


def test_stop_characters_and_punctuation_are_dropped():
    assert query_terms("的、和（）“”*!? 了") == []


def test_the_dictionary_version_changes_with_the_dictionary():
    assert DICTIONARY_VERSION.startswith("rjieba-")
    assert "占道经营" in USER_WORDS and "新华区" in USER_WORDS
