"""长辈模式 is a plain display cookie (not the session) that every public page honours."""


def test_the_toggle_sets_a_plain_cookie_and_returns_to_the_page(client):
    response = client.get("/display?mode=elder&next=/decisions/?unit=xinhua")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/decisions/?unit=xinhua")
    cookie = client.get_cookie("portal_display", domain="portal.test")
    assert cookie is not None and cookie.value == "elder"
    assert (
        client.get_cookie("session", domain="portal.test") is None
    )  # a display cookie, not a session
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-CN" class="elder">' in page and "css/elder.css" in page
    assert "退出长辈模式" in page

    client.get("/display?mode=standard&next=/")
    assert client.get_cookie("portal_display", domain="portal.test") is None
    page = client.get("/").get_data(as_text=True)
    assert "css/elder.css" not in page and ">长辈模式<" in page


def test_the_toggle_never_sends_anyone_to_another_site(client):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/display", query_string={"mode": "elder", "next": target})
        assert response.headers["Location"] in ("/", "http://portal.test/")
