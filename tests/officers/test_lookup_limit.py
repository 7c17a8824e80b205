"""Lookups are limited per client, with a friendly Chinese 429 that says when to retry."""

import re

import pytest


def lookup(client, number: str, address: str = "203.0.113.7"):
    return client.get(f"/officers/lookup?badge={number}", environ_base={"REMOTE_ADDR": address})


@pytest.mark.app_config(RATELIMIT_ENABLED=True, OFFICER_LOOKUP_LIMIT="3 per minute")
def test_the_fourth_lookup_in_a_minute_is_refused_kindly(client):
    assert client.get("/officers/lookup").status_code == 200  # the empty form is free
    statuses = [lookup(client, f"11000{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 200]
    refused = lookup(client, "110009")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "查询过于频繁" in page and "每分钟最多3次" in page
    assert re.search(r"请约\d+(秒|分钟)后再试", page)
    assert "12319" in page
    # malformed numbers count too, or they would be a free way to probe
    assert (
        client.get(
            "/officers/lookup?badge=x", environ_base={"REMOTE_ADDR": "203.0.113.7"}
        ).status_code
        == 429
    )
    # another client is not affected
    assert lookup(client, "110009", address="198.51.100.4").status_code == 200


@pytest.mark.app_config(RATELIMIT_ENABLED=True, OFFICER_LOOKUP_LIMIT="3 per minute")
def test_the_limit_is_shown_on_the_page(client):
    page = client.get("/officers/lookup").get_data(as_text=True)
    assert "每个网络地址每分钟最多3次亮证查询" in page
