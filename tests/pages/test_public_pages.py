"""The public skeleton: home with every unit, navigation that never leads to a 404."""

import re

import pytest

from portal.disclosure.demo import load_demo_units
from portal.extensions import db


@pytest.fixture
def demo_units(app):
    with app.app_context():
        load_demo_units(db.session)
        db.session.commit()


def test_home_lists_the_13_units_and_the_hotline(client, demo_units):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN">' in page
    assert page.count('class="unit-card"') == 13
    for name in (
        "平顶山市城市管理执法支队",
        "平顶山市新华区城市管理和综合执法局",
        "汝州市城市管理和综合执法局",
        "平顶山高新技术产业开发区城市管理和综合执法局",
    ):
        assert name in page
    assert "12319" in page


def test_every_navigation_link_answers(client, demo_units):
    page = client.get("/").get_data(as_text=True)
    nav = page[page.index('aria-label="主导航"') : page.index("</nav>")]
    links = re.findall(r'href="([^"]+)"', nav)
    assert len(links) == 8
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link


def test_unit_page_shows_contact_and_channels(client, demo_units):
    page = client.get("/disclosure/units/xinhua").get_data(as_text=True)
    assert "平顶山市新华区城市管理和综合执法局" in page
    assert "投诉举报渠道" in page and "来访接待" in page


def test_unknown_unit_is_a_chinese_404(client):
    response = client.get("/disclosure/units/atlantis")
    assert response.status_code == 404
    assert "页面不存在" in response.get_data(as_text=True)


def test_skip_link_and_landmarks(client):
    page = client.get("/").get_data(as_text=True)
    assert '<a class="skip-link" href="#main">' in page
    assert '<main id="main"' in page and "<header" in page and "<footer" in page
    assert "<script" not in page or 'src="/static/' in page


def test_no_asset_comes_from_another_host(client, demo_units):
    page = client.get("/").get_data(as_text=True)
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not url.startswith(("http://", "https://", "//")), url


def test_units_api_lists_every_unit_with_a_cursor(client, demo_units):
    first = client.get("/api/v1/units?limit=10").get_json()
    assert len(first["items"]) == 10 and first["next"]
    second = client.get(f"/api/v1/units?limit=10&cursor={first['next']}").get_json()
    assert len(second["items"]) == 3 and second["next"] is None
    codes = [item["code"] for item in first["items"] + second["items"]]
    assert len(set(codes)) == 13 and "xinhua" in codes


def test_openapi_document_describes_the_units_list(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert "/units" in document["paths"]
