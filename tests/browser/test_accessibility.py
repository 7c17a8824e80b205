"""axe-core finds no serious or critical WCAG 2.1 A/AA violation on any page."""



from tests.browser.pages import ADMIN_PAGES, PUBLIC_PAGES

RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def violations_on(page, axe_source) -> list:
    page.evaluate(axe_source)  # the CSP forbids add_script_tag; evaluate is not a script tag
    return page.evaluate(RUN_AXE)


def test_public_pages_have_no_serious_violations(live_server, open_page, axe_source):
    failures = {}
    page = open_page(live_server, "/")
    for path in PUBLIC_PAGES:
        page.goto(live_server.url + path)
        found = violations_on(page, axe_source)
        if found:
            failures[path] = found
    assert failures == {}


def test_back_office_pages_have_no_serious_violations(live_server, open_page, axe_source):
    page = open_page(live_server, "/admin/login")
    page.get_by_label("用户名").fill("demo-admin")
    page.get_by_label("密码").fill("browser-test-pass-1")
    page.get_by_role("button", name="登录").click()
    failures = {}
    for path in ADMIN_PAGES:
        page.goto(live_server.url + path)
        found = violations_on(page, axe_source)
        if found:
            failures[path] = found
    assert failures == {}
