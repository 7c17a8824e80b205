"""The handling workflow through its services: each step's rules, deadlines and audit entry."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.complaints import satisfaction, workflow
from portal.complaints.models import Complaint
from portal.complaints.schedule import deadline_for, rehandling_window_open
from portal.complaints.workflow import WorkflowError
from portal.extensions import db
from portal.org.models import Unit
from portal.staff.models import StaffUser
from tests.complaints.factories import make_complaint, make_staff

#: 2026-03-02 10:00 in Shanghai
SUBMITTED_AT = datetime(2026, 3, 2, 2, 0)


@pytest.fixture
def people(app_context, units):
    make_staff(app_context, "xinhua_staff", unit_code="xinhua")
    make_staff(app_context, "xinhua_colleague", unit_code="xinhua")
    make_staff(app_context, "weidong_staff", unit_code="weidong")
    make_staff(app_context, "chief", role="supervisor")
    users = {u.username: u for u in db.session.scalars(select(StaffUser))}
    db.session.commit()  # end the read, so that nothing holds SQLite's write lock
    return users


def _case(**fields) -> Complaint:
    xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
    return make_complaint(db.session, xinhua, submitted_at=SUBMITTED_AT, **fields)


def _actions(number: str) -> list[tuple[str, str]]:
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.object_id == number).order_by(AuditEntry.id)
    ).all()
    return [(entry.action, entry.actor_label) for entry in entries]


def at(day: int, hour: int = 2) -> datetime:
    return SUBMITTED_AT.replace(day=1, hour=hour) + timedelta(days=day - 1)


def test_full_path_with_deadlines_and_audit(people):
    staff = people["xinhua_staff"]
    case = _case()
    assert case.due_on == date(2026, 3, 17)  # 2 March + 15 days (the day itself not counted)
    workflow.accept(db.session, staff, case, now=at(5))
    # 5 March + 60 days is 4 May, inside the 劳动节 holiday (1-5 May): it ends on 6 May
    assert (case.state, case.due_on) == ("accepted", date(2026, 5, 6))
    workflow.assign(db.session, staff, case, people["xinhua_colleague"], now=at(5, 3))
    assert case.state == "in_progress" and case.handler.username == "xinhua_colleague"
    workflow.extend(db.session, staff, case, 30, "需要会同住建部门联合调查。", now=at(40))
    assert case.due_on == date(2026, 5, 6)  # asked for, not yet granted
    workflow.decide_extension(db.session, people["chief"], case, True, now=at(41))
    assert case.due_on == date(2026, 6, 3)
    with pytest.raises(WorkflowError, match="只能延长一次"):
        workflow.extend(db.session, staff, case, 5, "再延长一次试试看。", now=at(41))
    workflow.reply(db.session, staff, case, "经核查，已责令整改并加强巡查，感谢监督。", now=at(50))
    assert case.state == "answered" and case.due_on is None
    workflow.close(db.session, staff, case, now=at(51))
    db.session.commit()
    assert case.state == "closed"
    assert _actions(case.tracking_no) == [
        ("complaint.submit", "public"),
        ("complaint.accepted", "xinhua_staff"),
        ("complaint.assigned", "xinhua_staff"),
        ("complaint.extension_requested", "xinhua_staff"),
        ("complaint.extended", "chief"),
        ("complaint.answered", "xinhua_staff"),
        ("complaint.closed", "xinhua_staff"),
    ]
    assert [e.action for e in case.events] == [
        "submitted", "accepted", "assigned", "extension_requested", "extended", "answered",
        "closed",
    ]  # fmt: skip


def test_extension_is_limited_to_thirty_days_with_a_reason(people):
    staff = people["xinhua_staff"]
    case = _case()
    workflow.accept(db.session, staff, case, now=at(3))
    with pytest.raises(WorkflowError, match="1至30天"):
        workflow.extend(db.session, staff, case, 31, "理由充分的延期申请。", now=at(4))
    with pytest.raises(WorkflowError, match="延期理由"):
        workflow.extend(db.session, staff, case, 10, "", now=at(4))
    workflow.extend(db.session, staff, case, 10, "需要现场复测噪声。", now=at(4))
    event = workflow.decide_extension(db.session, people["chief"], case, True, now=at(5))
    assert event.public_note == "延期10日：需要现场复测噪声。"
    deadline = deadline_for(case, date(2026, 3, 10), None)
    assert deadline.basis == "自2026年3月3日受理之日起60日，经延期10日"


def test_rejection_needs_a_reason_which_the_person_sees(people):
    case = _case()
    with pytest.raises(WorkflowError, match="不予受理的理由"):
        workflow.reject(db.session, people["xinhua_staff"], case, "", now=at(3))
    event = workflow.reject(
        db.session,
        people["xinhua_staff"],
        case,
        "不属于城管执法职责，请向市场监管部门反映。",
        now=at(3),
    )
    assert case.state == "rejected" and case.due_on is None
    assert event.public_note.startswith("不属于城管执法职责")
    with pytest.raises(WorkflowError):
        workflow.accept(db.session, people["xinhua_staff"], case, now=at(4))


def test_only_supervisors_move_a_case_to_another_unit(people):
    case = _case(kind="tipoff")
    weidong = db.session.scalars(select(Unit).where(Unit.code == "weidong")).one()
    assert "reassign" not in workflow.available_actions(case, people["xinhua_staff"])
    with pytest.raises(WorkflowError, match="只有综合监督科"):
        workflow.reassign(db.session, people["xinhua_staff"], case, weidong, "回避", now=at(3))
    event = workflow.reassign(
        db.session, people["chief"], case, weidong, "举报涉及新华区执法人员，回避。", now=at(3)
    )
    assert case.handling_unit_id == weidong.id and case.handler_id is None
    assert event.public_note == f"转交{weidong.name}办理"
    assert "回避" in event.internal_note
    db.session.commit()
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "complaint.reassigned")
    ).one()
    assert entry.unit_id == weidong.id and entry.actor_label == "chief"


def test_a_case_without_unit_cannot_be_accepted_before_routing(people):
    case = make_complaint(db.session, None, submitted_at=SUBMITTED_AT)
    with pytest.raises(WorkflowError, match="指定办理单位"):
        workflow.accept(db.session, people["chief"], case, now=at(3))


def test_handler_must_belong_to_the_handling_unit(people):
    outsider = people["weidong_staff"]
    case = _case()
    workflow.accept(db.session, people["xinhua_staff"], case, now=at(3))
    with pytest.raises(WorkflowError, match="承办人必须是办理单位"):
        workflow.assign(db.session, people["xinhua_staff"], case, outsider, now=at(3))


def _answered_case(people, day=10) -> Complaint:
    staff = people["xinhua_staff"]
    case = _case()
    workflow.accept(db.session, staff, case, now=at(3))
    workflow.reply(db.session, staff, case, "经核查，已依法处理完毕，感谢监督。", now=at(day))
    return case


def test_good_rating_closes_an_answered_case(people):
    case = _answered_case(people)
    events = satisfaction.rate(db.session, case, 4, "处理及时", now=at(11))
    assert [e.action for e in events] == ["rated", "closed"]
    assert case.state == "closed" and not case.follow_up_due
    with pytest.raises(WorkflowError, match="已经评价过"):
        satisfaction.rate(db.session, case, 5, "", now=at(12))


def test_a_named_bad_rating_needs_a_recorded_call_back(people):
    case = _answered_case(people)
    satisfaction.rate(db.session, case, 1, "根本没处理", now=at(11))
    assert case.state == "answered" and case.follow_up_due
    satisfaction.record_follow_up(
        db.session, people["xinhua_staff"], case, 2, "已电话联系，解释处理情况。", now=at(12)
    )
    assert not case.follow_up_due
    assert [(r.source, r.level) for r in case.ratings] == [("web", 1), ("phone", 2)]
    db.session.commit()
    assert ("complaint.follow_up", "xinhua_staff") in _actions(case.tracking_no)


def test_an_anonymous_bad_rating_needs_no_call(people):
    xinhua = db.session.scalars(select(Unit).where(Unit.code == "xinhua")).one()
    case = make_complaint(
        db.session, xinhua, kind="tipoff", submitted_at=SUBMITTED_AT, is_anonymous=True
    )
    workflow.accept(db.session, people["xinhua_staff"], case, now=at(3))
    workflow.reply(
        db.session, people["xinhua_staff"], case, "已依法查处，感谢您的举报。", now=at(9)
    )
    satisfaction.rate(db.session, case, 1, "", now=at(10))
    assert not case.follow_up_due


def test_re_handling_after_a_bad_rating_even_when_closed_early(people):
    case = _answered_case(people, day=10)  # answered 10 March
    workflow.close(db.session, people["xinhua_staff"], case, now=at(10, 5))
    assert rehandling_window_open(case, date(2026, 4, 9), None)  # 10 March + 30 days
    assert not rehandling_window_open(case, date(2026, 4, 10), None)
    with pytest.raises(WorkflowError, match="请先对答复作出评价"):
        workflow.request_rehandling(
            db.session, case, "没有解决问题", now=at(12), today=date(2026, 3, 12)
        )
    satisfaction.rate(db.session, case, 2, "不满意", now=at(12))
    assert case.state == "closed"  # a bad rating does not reopen by itself
    workflow.request_rehandling(
        db.session, case, "现场仍在违法经营，没有解决。", now=at(13), today=date(2026, 3, 13)
    )
    assert case.state == "rehandling" and case.closed_at is None
    # 13 March + 30 days is Sunday 12 April: the period ends on Monday (民法典 第203条)
    assert case.due_on == date(2026, 4, 13)
    # the 复查 is the higher organ's: the answering unit's staff may not answer it
    with pytest.raises(WorkflowError, match="原答复单位不能答复复查申请"):
        workflow.reply(
            db.session, people["xinhua_staff"], case, "复查后已再次现场查处并立案。", now=at(20)
        )
    assert "reply" not in workflow.available_actions(case, people["xinhua_staff"])
    assert "reply" in workflow.available_actions(case, people["chief"])
    workflow.reply(db.session, people["chief"], case, "复查后已再次现场查处并立案。", now=at(20))
    assert case.state == "answered" and case.rehandling_reply.startswith("复查后")
    assert not rehandling_window_open(case, date(2026, 3, 21), None)  # only once
    assert satisfaction.can_rate(case)  # the re-handling answer can be rated


def test_re_handling_window_passes(people):
    case = _answered_case(people, day=10)
    satisfaction.rate(db.session, case, 1, "", now=at(11))
    with pytest.raises(WorkflowError, match="已超过申请复查的期限"):
        workflow.request_rehandling(
            db.session, case, "太晚了的复核申请", now=at(45), today=date(2026, 4, 14)
        )


def test_close_expired_closes_only_cases_past_the_window(people):
    old = _answered_case(people, day=5)
    recent = _answered_case(people, day=20)
    db.session.commit()
    events = workflow.close_expired(db.session, today=date(2026, 4, 5), now=at(36))
    assert [e.complaint for e in events] == [old]
    assert (old.state, recent.state) == ("closed", "answered")
    db.session.commit()
    assert ("complaint.closed", "cli") in _actions(old.tracking_no)


def test_close_expired_command(app, runner, people):
    _answered_case(people, day=5)
    db.session.commit()
    result = runner.invoke(args=["complaints", "close-expired"])
    assert result.exit_code == 0 and "Closed 1" in result.output


def _accepted_on_3_march(people) -> Complaint:
    case = _case()
    workflow.accept(db.session, people["xinhua_staff"], case, now=at(3))
    assert case.answer_due_on == date(2026, 5, 6)  # 2 May falls in the 1-5 May holiday
    return case


@pytest.mark.parametrize(
    ("asked_on", "granted"),
    [(datetime(2026, 5, 5, 2), True), (datetime(2026, 5, 6, 15, 30), True),
     (datetime(2026, 5, 6, 16, 30), False)],  # 7 May 00:30 in Shanghai: the deadline has passed
)  # fmt: skip
def test_an_extension_only_while_the_answer_deadline_runs(people, asked_on, granted):
    case = _accepted_on_3_march(people)
    if granted:
        workflow.extend(
            db.session, people["xinhua_staff"], case, 10, "需要联合调查。", now=asked_on
        )
        workflow.decide_extension(db.session, people["chief"], case, True, now=asked_on)
        assert case.answer_due_on == date(2026, 5, 12)  # 3 March + 70 days
    else:
        with pytest.raises(WorkflowError, match="答复期限已于2026年5月6日届满，不能再延期"):
            workflow.extend(
                db.session, people["xinhua_staff"], case, 10, "需要联合调查。", now=asked_on
            )
        assert case.extension_status == "" and case.answer_due_on == date(2026, 5, 6)


def test_a_pending_extension_cannot_be_granted_after_the_deadline(people):
    case = _accepted_on_3_march(people)
    workflow.extend(db.session, people["xinhua_staff"], case, 10, "需要联合调查。", now=at(30))
    with pytest.raises(WorkflowError, match="不能再延期"):
        workflow.decide_extension(
            db.session, people["chief"], case, True, now=datetime(2026, 5, 7, 2)
        )
    assert case.extension_days == 0 and case.answer_due_on == date(2026, 5, 6)


def test_only_a_supervisor_decides_and_a_refusal_is_audited(people):
    case = _accepted_on_3_march(people)
    workflow.extend(db.session, people["xinhua_staff"], case, 20, "需要联合调查。", now=at(10))
    with pytest.raises(WorkflowError, match="须由综合监督科审批"):
        workflow.decide_extension(db.session, people["xinhua_staff"], case, True, now=at(11))
    workflow.decide_extension(db.session, people["chief"], case, False, "证据已齐全", now=at(11))
    db.session.commit()
    assert case.extension_status == "refused" and case.answer_due_on == date(2026, 5, 6)
    assert _actions(case.tracking_no)[-2:] == [
        ("complaint.extension_requested", "xinhua_staff"),
        ("complaint.extension_refused", "chief"),
    ]
    with pytest.raises(WorkflowError, match="只能延长一次"):
        workflow.extend(db.session, people["xinhua_staff"], case, 5, "再申请一次。", now=at(12))
