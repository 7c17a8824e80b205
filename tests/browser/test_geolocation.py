""" "使用我的位置" on the complaint form: the browser's position is stored for staff at full
precision, and Open311 publishes it rounded to 3 decimals."""

import re

import pytest
import requests
from playwright.sync_api import expect
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.browser.conftest import VIEWPORTS


def test_my_location_goes_with_the_complaint(browser, live_server):
    context = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        geolocation={"latitude": 33.7391234, "longitude": 113.2998765, "accuracy": 20},
        permissions=["geolocation"],
        **VIEWPORTS["phone"],
    )
    page = context.new_page()
    page.goto(live_server.url + "/complaints/new")
    page.get_by_role("radio", name=re.compile("^建议")).check()
    page.get_by_label("发生地点").fill("卫东区建设路东段")
    page.get_by_role("button", name="使用我的位置").click()
    expect(page.locator(".js-geolocation-status")).to_contain_text("已附上您的位置")
    page.get_by_label("事情经过").fill("建议在建设路东段增设便民疏导点，方便摊贩经营。")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_role("heading", name="提交成功")).to_be_visible()
    number = page.locator("#tracking-no").inner_text()
    context.close()

    engine = create_engine(live_server.environment["PORTAL_DATABASE_URL"], poolclass=NullPool)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT latitude, longitude FROM complaint WHERE tracking_no = :n"), {"n": number}
        ).one()
    engine.dispose()
    # full precision for staff (the browser's value to 6 decimals, about 0.1 m)
    assert stored.latitude == pytest.approx(33.7391234, abs=2e-6)
    assert stored.longitude == pytest.approx(113.2998765, abs=2e-6)
    public = requests.get(
        f"{live_server.url}/open311/v2/requests/{number}.json", timeout=10
    ).json()[0]
    assert (public["lat"], public["long"]) == (33.739, 113.3)
    assert public["address"] == "卫东区建设路东段"
