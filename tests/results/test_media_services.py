"""Media responses through their services: the lifecycle, its audit entries and search-outbox
rows, masking of what the public sees, and the validation of a working copy."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.audit.services import CLI_ACTOR, verify_chain
from portal.core.models import local_today
from portal.core.publication import PublicationError
from portal.extensions import db
from portal.results.media.models import MediaResponse
from portal.results.media.services import (
    MEDIA_LIFECYCLE,
    clean_link,
    correct_media_response,
    preview,
    publish_media_response,
    return_media_response,
    submit_media_response,
    update_media_response,
    withdraw_media_response,
)
from portal.search.models import SearchOutboxEntry
from tests.results.media_helpers import (
    CITIZEN,
    CITIZEN_ID,
    CITIZEN_PHONE,
    add_media,
    media_data,
    unit_of,
)

pytestmark = pytest.mark.usefixtures("demo_units")


def actions(item_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "media", AuditEntry.object_id == str(item_id))
            .order_by(AuditEntry.id)
        )
    )


def outbox() -> list[tuple[str, str]]:
    return [(e.kind, e.object_id) for e in db.session.scalars(select(SearchOutboxEntry))]


def test_the_whole_lifecycle_is_audited_and_reaches_the_outbox(app_context):
    item = add_media(unit_of("xinhua"))
    submit_media_response(db.session, CLI_ACTOR, item)
    assert item.status == "review"
    return_media_response(db.session, CLI_ACTOR, item, "请补充处理结果", may_review=True)
    assert item.status == "draft" and item.review_note == "请补充处理结果"
    assert update_media_response(
        db.session, CLI_ACTOR, item, media_data(headline="新标题"), today=local_today()
    )
    assert outbox() == []  # nothing public yet
    publish_media_response(db.session, CLI_ACTOR, item)
    correct_media_response(
        db.session,
        CLI_ACTOR,
        item,
        media_data(headline="新标题", action_taken="已引导40户摊主入点经营。"),
        "疏导户数有误",
        today=local_today(),
    )
    withdraw_media_response(db.session, CLI_ACTOR, item, "回应内容需重新核实")
    db.session.commit()
    assert actions(item.id) == [
        "media.create",
        "media.submit",
        "media.return",
        "media.update",
        "media.publish",
        "media.correct",
        "media.withdraw",
    ]
    assert outbox() == [("media", str(item.id))] * 3
    assert item.status == "withdrawn" and item.revision_count == 2
    first, second = MEDIA_LIFECYCLE.revisions(db.session, item)
    assert first.action_taken == "设置临时疏导点，引导32户摊主入点经营。"
    assert second.action_taken == "已引导40户摊主入点经营。" and second.reason == "疏导户数有误"
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "media.withdraw")
    ).one()
    assert entry.unit_id == unit_of("xinhua").id
    assert json.loads(entry.after_json)["withdrawal_reason"] == "回应内容需重新核实"
    assert verify_chain(db.session).intact


def test_the_public_revision_is_masked_and_the_audit_log_holds_no_personal_data(app_context):
    item = add_media(unit_of("weidong"), headline=f"摊主{CITIZEN}：没地方去")
    revision = publish_media_response(db.session, CLI_ACTOR, item)
    db.session.commit()
    public = " ".join([revision.headline, revision.report_summary, revision.response])
    for raw in (CITIZEN, CITIZEN_PHONE, CITIZEN_ID):
        assert raw not in public
    assert "王某某" in public and "170****0512" in public and "410402********1234" in public
    audit = json.dumps(
        [(e.before_json, e.after_json) for e in db.session.scalars(select(AuditEntry))],
        ensure_ascii=False,
    )
    assert CITIZEN not in audit and CITIZEN_PHONE not in audit
    assert "texts_fingerprint" in audit


def test_the_preview_shows_exactly_what_will_be_published(app_context):
    item = add_media(unit_of("xinhua"))
    fields = {field.name: field for field in preview(item)}
    summary = fields["report_summary"]
    assert summary.findings == 3
    shown = "".join(piece.text for piece in summary.pieces)
    revision = publish_media_response(db.session, CLI_ACTOR, item)
    assert shown == revision.report_summary


def test_the_units_own_phone_stays_visible(app_context):
    unit = unit_of("xinhua")
    item = add_media(unit, response=f"如有疑问请拨打{unit.complaint_phone}。")
    revision = publish_media_response(db.session, CLI_ACTOR, item)
    assert unit.complaint_phone in revision.response


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "ftp://example.com/report",
        "www.example.com/report",
        "https://",
        "https://exa mple.com/",
        "data:text/html,hi",
    ],
)
def test_only_http_and_https_links_are_accepted(link):
    with pytest.raises(PublicationError) as caught:
        clean_link(link)
    assert caught.value.field == "link" and "http" in str(caught.value)


def test_good_links_and_no_link_are_accepted():
    assert clean_link(" https://news.example/a?b=1#c ") == "https://news.example/a?b=1#c"
    assert clean_link("HTTP://NEWS.EXAMPLE/") == "HTTP://NEWS.EXAMPLE/"
    assert clean_link("") == ""


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"outlet": " "}, "outlet", "请填写媒体名称"),
        ({"headline": ""}, "headline", "请填写报道标题"),
        ({"response": ""}, "response", "请填写回应内容"),
        ({"reported_on": None}, "reported_on", "请填写报道日期"),
        ({"reported_on": local_today() + timedelta(days=1)}, "reported_on", "不能晚于今天"),
        ({"headline": "长" * 151}, "headline", "最多150个字"),
        ({"named_persons": "王\n李四"}, "named_persons", "至少两个字"),
    ],
)
def test_a_bad_working_copy_is_refused_in_chinese(app_context, overrides, field, message):
    with pytest.raises(PublicationError) as caught:
        add_media(unit_of("xinhua"), **overrides)
    assert caught.value.field == field and message in str(caught.value)
    db.session.rollback()
    assert db.session.scalars(select(MediaResponse)).all() == []


def test_steps_out_of_order_are_refused(app_context):
    item = add_media(unit_of("xinhua"))
    with pytest.raises(PublicationError):
        withdraw_media_response(db.session, CLI_ACTOR, item, "原因")
    with pytest.raises(PublicationError):
        correct_media_response(
            db.session, CLI_ACTOR, item, media_data(), "原因", today=local_today()
        )
    publish_media_response(db.session, CLI_ACTOR, item)
    with pytest.raises(PublicationError):
        publish_media_response(db.session, CLI_ACTOR, item)
    with pytest.raises(PublicationError):
        update_media_response(db.session, CLI_ACTOR, item, media_data(), today=local_today())
    with pytest.raises(PublicationError, match="更正原因"):
        correct_media_response(db.session, CLI_ACTOR, item, media_data(), " ", today=local_today())
    with pytest.raises(PublicationError, match="综合监督科"):
        return_media_response(db.session, CLI_ACTOR, item, "退回", may_review=False)


def test_a_withdrawal_reason_is_masked_too(app_context):
    item = add_media(unit_of("xinhua"))
    publish_media_response(db.session, CLI_ACTOR, item)
    withdraw_media_response(db.session, CLI_ACTOR, item, f"{CITIZEN}本人要求撤下")
    assert CITIZEN not in item.withdrawal_reason and "王某某" in item.withdrawal_reason
