"""Script payloads in every text field come back escaped: receipt, /track, every back-office
page of the case (the walk covers each step's form, with payloads in what staff type too)."""

from tests.complaints.conftest import QUERY_CODE, TRACKING_NO, complaint_by_number
from tests.complaints.factories import make_staff

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert("


def _payload(label: str) -> str:
    return f"{label}{PAYLOAD}"


def assert_escaped(page: str, where: str, labels=()) -> None:
    assert "<script>alert(" not in page, where
    assert "<img src=x onerror" not in page, where
    for label in labels:
        assert f"{label}{ESCAPED}" in page, (where, label)


def test_payloads_are_escaped_everywhere(app, client, units, login):
    make_staff(app, "chief", role="supervisor")
    public_fields = {
        "location": _payload("地点"),
        "description": _payload("经过") + "补足十个字以上的描述内容",
        "request": _payload("诉求"),
        "contact_name": "姓名<script>alert(1)</script>",
        "contact_email": '<script>alert("x")</script>@example.invalid',
    }
    form = {"kind": "complaint", "unit": "xinhua", "contact_phone": "13912345678", **public_fields}
    response = client.post("/complaints/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert_escaped(receipt, "receipt", ("地点", "经过", "诉求"))
    number = TRACKING_NO.search(receipt).group(1)
    code = QUERY_CODE.search(receipt).group(1)
    case_id = complaint_by_number(app, number).id

    # a validation error page echoes what was typed: escaped too
    error_page = client.post("/complaints/new", data={**form, "contact_phone": "x"})
    assert_escaped(error_page.get_data(as_text=True), "form error", ("地点", "经过", "诉求"))

    login("chief")
    client.post(
        "/admin/complaints/templates/new",
        data={"title": _payload("模板名"), "body": _payload("模板内容")},
    )
    base = f"/admin/complaints/{case_id}"
    steps = [
        ("accept", {"note": _payload("受理备注")}),
        ("assign", {"handler": "", "note": _payload("交办备注")}),
        ("extend", {"days": "10", "reason": _payload("延期理由")}),
        ("decide_extension", {"decision": "approve", "note": _payload("审批说明")}),
        ("reassign", {"unit": "weidong", "reason": _payload("改派理由")}),
        ("reply", {"text": _payload("答复内容")}),
    ]
    pages = {}
    for action, data in steps:
        pages[f"{action} form"] = client.get(f"{base}/act/{action}").get_data(as_text=True)
        response = client.post(f"{base}/act/{action}", data=data)
        assert response.status_code == 302, (action, response.get_data(as_text=True))

    track = app.test_client()
    track.post("/track", data={"tracking_no": number, "query_code": code})
    track.post(f"/track/{number}/rating", data={"level": "1", "comment": _payload("评价意见")})
    track.post(f"/track/{number}/rehandling", data={"reason": _payload("复核理由")})
    status = track.get(f"/track/{number}").get_data(as_text=True)
    assert_escaped(status, "track", ("地点", "经过", "诉求", "延期理由", "答复内容", "复核理由"))

    client.post(f"{base}/act/follow_up", data={"level": "2", "note": _payload("回访情况")})
    pages |= {
        "queue": client.get("/admin/complaints/").get_data(as_text=True),
        "detail": client.get(base).get_data(as_text=True),
        "contact": client.get(f"{base}/contact").get_data(as_text=True),
        "templates": client.get("/admin/complaints/templates/").get_data(as_text=True),
        "template": client.get("/admin/complaints/templates/1").get_data(as_text=True),
        "audit": client.get("/admin/audit/").get_data(as_text=True),
    }
    for where, page in pages.items():
        assert_escaped(page, where)
    assert_escaped(
        pages["detail"],
        "detail",
        ("地点", "经过", "诉求", "受理备注", "延期理由", "改派理由", "答复内容", "评价意见",
         "复核理由", "回访情况"),
    )  # fmt: skip
    assert "姓名&lt;script&gt;alert(1)&lt;/script&gt;" in pages["contact"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;@example.invalid" in pages["contact"]
    assert_escaped(pages["templates"], "templates", ("模板名",))
    assert 'data-body="模板内容&lt;script&gt;' in pages["reply form"]
    assert_escaped(pages["template"], "template", ("模板名",))
