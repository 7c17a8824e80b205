"""Demo complaints: several hundred across the 13 units, every channel and every state.

Dates are relative to the day of loading, so that some cases are overdue, some due within three
days, some extended, answered (a few after their deadline), rated (with 差评 called back or
awaiting a call back) or re-handled. Everything
is generated from a fixed seed per case, so a second load recognises its cases (by the random
part of the tracking number) and adds nothing.

The people are recognisably fake — names 演示投诉人007, phones 1700000xxxx, addresses at
example.invalid — so that other checks can search public output for them (``DEMO_CONTACT_*``).
Every demo case opens on /track with the query code ``DEMO_QUERY_CODE``.
"""

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from portal.audit.services import CLI_ACTOR, record_change
from portal.complaints.models import (
    SATISFACTION_LEVELS,
    Complaint,
    ComplaintEvent,
    ComplaintRating,
    ReplyTemplate,
)
from portal.complaints.schedule import answer_due_on, refresh_due_on
from portal.complaints.tracking import hash_query_code, luhn_check_digit
from portal.core.calendar import load_calendar
from portal.core.models import LOCAL_TZ, to_local, utcnow
from portal.org.models import Unit

CASES_PER_UNIT = 30
DEMO_QUERY_CODE = "246810"
DEMO_CONTACT_NAME_PREFIX = "演示"
DEMO_CONTACT_PHONE_PREFIX = "1700000"
DEMO_CONTACT_EMAIL_DOMAIN = "example.invalid"

VIOLATIONS = [
    "占道经营",
    "违法建设",
    "乱张贴乱涂画",
    "渣土车辆未密闭运输、沿路撒漏",
    "违规设置户外广告",
    "露天烧烤",
    "夜间施工噪声扰民",
    "破坏绿地",
    "共享单车违规停放堵塞盲道",
    "工地扬尘未覆盖",
]
PLACES = [
    "建设路与中兴路交叉口",
    "矿工路中段",
    "光明路菜市场门口",
    "开源路东段",
    "新华路北段",
    "体育路小学附近",
    "湛河路桥头",
    "凌云路商业街",
    "曙光街西口",
    "和平路夜市",
    "长青路公交站旁",
    "姚孟街道办事处附近",
]
CONDUCT = [
    "执法时态度粗暴，言语辱骂摊主",
    "执法时未出示执法证件",
    "暂扣物品未开具清单",
    "对同一路段的商户执法标准不一",
    "接到反映后长时间无人处理",
]
SUGGESTIONS = [
    "建议在学校周边增设便民摊点疏导区",
    "建议公布夜间施工审批信息",
    "建议在公交站旁划定共享单车停放区",
]
PRAISE = [
    "执法人员耐心劝导，帮助老人把三轮车推到安全地方",
    "执法队员冒雨清理积水，处置及时",
]
REPLIES = [
    "经核查，您反映的情况属实。我局已责令当事人限期整改，并依法作出处理，后续将加强巡查。感谢您的监督。",
    "经调查核实，执法人员在执法过程中存在言行不规范的问题，已对其批评教育并责令书面检查。感谢您的监督。",
    "您反映的问题已转交属地街道和相关部门联合处置，现场已恢复正常秩序。我局将持续跟踪。",
    "感谢您的建议，我局已将其纳入下一阶段工作计划研究落实。",
]
SHARED_TEMPLATES = [
    (
        "属实已处理",
        "您好：经核查，您反映的情况属实。我局已依法处理，并责令当事人限期整改，后续将加强巡查。"
        "感谢您对城市管理执法工作的监督。",
    ),
    (
        "不属于管辖范围",
        "您好：您反映的事项不属于城市管理执法部门的职责范围。根据有关规定，建议您向有关主管部门反映。",
    ),
    ("表扬转达", "您好：感谢您的肯定，我们已将您的表扬转达给相关执法人员，我们将继续做好工作。"),
]
KIND_WEIGHTS = {"complaint": 45, "tipoff": 35, "suggestion": 12, "praise": 8}
CHANNEL_WEIGHTS = {
    "web": 40,
    "kiosk": 5,
    "hotline": 25,
    "mailbox": 8,
    "opinion_book": 5,
    "email": 7,
    "visit": 10,
}


def _choice(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _random_part(index: int) -> str:
    return f"{random.Random(f'complaint-demo-number-{index}').randrange(10**7):07d}"


def _tracking_no(submitted_at: datetime, index: int) -> str:
    payload = f"{to_local(submitted_at):%Y%m%d}{_random_part(index)}"
    return payload + luhn_check_digit(payload)


def _content(rng: random.Random, kind: str, unit: Unit) -> tuple[str, str, str]:
    place = f"{unit.short_name}{rng.choice(PLACES)}"
    if kind == "complaint":
        conduct = rng.choice(CONDUCT)
        return (
            place,
            f"在{place}，{unit.short_name}执法人员{conduct}。",
            "希望依法调查处理并给予答复。",
        )
    if kind == "tipoff":
        violation = rng.choice(VIOLATIONS)
        return (
            place,
            f"{place}长期存在{violation}问题，影响周边居民生活和通行安全。",
            "请尽快查处。",
        )
    if kind == "suggestion":
        return place, f"{rng.choice(SUGGESTIONS)}，方便市民出行。", ""
    return place, f"在{place}，{rng.choice(PRAISE)}，特此表扬。", ""


def _case(index: int, unit: Unit, now: datetime, code_hash: str, calendar) -> Complaint:
    rng = random.Random(f"complaint-demo-{index}")
    kind = "complaint" if index < 2 else _choice(rng, KIND_WEIGHTS)
    channel = _choice(rng, CHANNEL_WEIGHTS)
    # a few came from an integration (Open311), with its coordinates; no draw from rng, so
    # the other cases stay as they were
    from_integration = index % 50 == 7
    if from_integration:
        channel = "open311"
    # the first two cases are fixed (submitted, in progress): pages.py checks their pages
    age = {0: 1, 1: 20}.get(index, rng.choice([1, 3, 8, 13, 14, 16, 25, 40, 58, 63, 75, 88, 120]))
    submitted_at = now - timedelta(days=age, hours=rng.randrange(0, 9))
    place, description, wish = _content(rng, kind, unit)
    anonymous = kind == "tipoff" and rng.random() < 0.4
    badge = f"{9000 + index:d}" if kind == "complaint" and rng.random() < 0.3 else ""
    complaint = Complaint(
        tracking_no=_tracking_no(submitted_at, index),
        query_code_hash=code_hash,
        kind=kind,
        channel=channel,
        state="submitted",
        subject_unit_id=unit.id,
        handling_unit_id=unit.id,
        badge=badge,
        occurred_at=submitted_at - timedelta(days=rng.randrange(0, 3), hours=2),
        location=place,
        description=description,
        requested_outcome=wish,
        is_anonymous=anonymous,
        contact_name="" if anonymous else f"{DEMO_CONTACT_NAME_PREFIX}投诉人{index:03d}",
        contact_phone="" if anonymous else f"{DEMO_CONTACT_PHONE_PREFIX}{index:04d}",
        contact_email=""
        if anonymous or index % 3
        else f"demo{index:04d}@{DEMO_CONTACT_EMAIL_DOMAIN}",
        submitted_at=submitted_at,
        latitude=33.7350 + index * 0.00013 if from_integration else None,
        longitude=113.2900 + index * 0.00011 if from_integration else None,
    )
    events = [_event(complaint, submitted_at, "submitted", by_public=channel in ("web", "kiosk"))]
    if kind == "tipoff" and index % 10 == 7:
        # a tip-off naming an officer: with the supervision office, not the officer's unit
        complaint.badge, complaint.handling_unit_id = f"{9000 + index:d}", None
    else:
        _advance(complaint, events, rng, unit, now, index, calendar)
    complaint.events = events
    refresh_due_on(complaint, calendar)
    return complaint


def _event(complaint, at, action, *, unit=None, by_public=False, note="") -> ComplaintEvent:
    return ComplaintEvent(
        at=at,
        action=action,
        state_after=complaint.state,
        unit_id=unit.id if unit else None,
        by_public=by_public,
        public_note=note,
    )


def _advance(complaint, events, rng, unit, now, index, calendar=None) -> None:
    """Walk the case through the workflow as far as its age (and chance) takes it."""
    age = (now - complaint.submitted_at).days
    if index == 0 or (age < 15 and rng.random() < 0.5) or (age >= 15 and rng.random() < 0.06):
        return  # still waiting for acceptance; overdue when older than 15 days
    if rng.random() < 0.07 and index != 1:
        complaint.state = "rejected"
        rejected_at = complaint.submitted_at + timedelta(days=rng.randrange(1, 10))
        complaint.rejected_at = min(rejected_at, now - timedelta(hours=1))  # never in the future
        complaint.reject_reason = (
            "经核实，所反映事项不属于城市管理执法职责范围，已告知向相关部门反映。"
        )
        events.append(
            _event(
                complaint,
                complaint.rejected_at,
                "rejected",
                unit=unit,
                note=complaint.reject_reason,
            )
        )
        return
    accepted_at = complaint.submitted_at + timedelta(days=min(age, rng.randrange(1, 8)), hours=1)
    complaint.state, complaint.accepted_at = "accepted", accepted_at
    events.append(_event(complaint, accepted_at, "accepted", unit=unit))
    if rng.random() < 0.8 or index == 1:
        complaint.state = "in_progress"
        events.append(_event(complaint, accepted_at + timedelta(hours=3), "assigned", unit=unit))
    if rng.random() < 0.2 and index != 1:
        complaint.extension_days = rng.choice([15, 30])
        complaint.extension_reason = "案情复杂，需会同规划、住建等部门联合调查核实。"
        complaint.extension_status = "approved"
        events.append(
            _event(
                complaint,
                accepted_at + timedelta(days=min(40, (now - accepted_at).days)),
                "extended",
                unit=unit,
                note=f"延期{complaint.extension_days}日：{complaint.extension_reason}",
            )
        )
    handled_days = (now - accepted_at).days
    if index == 1 or handled_days < 10 or (handled_days > 55 and rng.random() < 0.12):
        return  # still being handled; overdue after 60 days (+ extension)
    answered_at = accepted_at + timedelta(days=rng.randrange(5, min(handled_days, 55) + 1))
    answered_at = _maybe_late(complaint, answered_at, now, index, calendar)
    complaint.state, complaint.answered_at = "answered", answered_at
    complaint.reply = rng.choice(REPLIES)
    events.append(_event(complaint, answered_at, "answered", unit=unit, note=complaint.reply))
    _rate(complaint, events, rng, unit, now, answered_at)


def _rate(complaint, events, rng, unit, now, answered_at) -> None:
    since_answer = (now - answered_at).days
    if rng.random() < 0.3:
        if since_answer > 30:
            complaint.state, complaint.closed_at = "closed", answered_at + timedelta(days=31)
            events.append(_event(complaint, complaint.closed_at, "closed"))
        return
    rated_at = answered_at + timedelta(days=rng.randrange(0, min(since_answer, 10) + 1), hours=2)
    level = rng.choices([5, 4, 3, 2, 1], weights=[40, 30, 15, 10, 5])[0]
    complaint.ratings.append(
        ComplaintRating(answer_round=1, source="web", level=level, rated_at=rated_at)
    )
    events.append(
        _event(complaint, rated_at, "rated", by_public=True, note=SATISFACTION_LEVELS[level])
    )
    named = not complaint.is_anonymous and bool(complaint.contact_phone)
    if level >= 3:
        complaint.state, complaint.closed_at = "closed", rated_at
        events.append(_event(complaint, rated_at, "closed", by_public=True))
        return
    complaint.follow_up_due = named
    _maybe_call_back(complaint, events, unit, now, rated_at)
    if rng.random() < 0.5 and since_answer > 3:
        requested_at = rated_at + timedelta(days=1)
        complaint.state = "rehandling"
        complaint.rehandling_requested_at = requested_at
        complaint.rehandling_reason = "答复与实际情况不符，问题仍未解决。"
        events.append(
            _event(
                complaint,
                requested_at,
                "rehandling_requested",
                by_public=True,
                note=complaint.rehandling_reason,
            )
        )


def _maybe_late(complaint, answered_at, now, index, calendar) -> datetime:
    """Some old cases were answered after their deadline, so that statistics look real.

    A separate seed: the main sequence of each case (and so every other demo figure) stays.
    """
    late = random.Random(f"complaint-demo-late-{index}")
    if late.random() >= 0.18:
        return answered_at
    due_on = answer_due_on(complaint, calendar)
    answered_on = due_on + timedelta(days=late.randrange(1, 12))
    moment = datetime.combine(answered_on, datetime.min.time()).replace(tzinfo=LOCAL_TZ)
    moment = moment.astimezone(UTC).replace(tzinfo=None) + timedelta(hours=late.randrange(9, 17))
    return moment if moment < now - timedelta(days=2) else answered_at


def _maybe_call_back(complaint, events, unit, now, rated_at) -> None:
    """Most named 差评 have had their call back (电话回访); the others await it."""
    callback = random.Random(f"complaint-demo-callback-{complaint.tracking_no}")
    called_at = rated_at + timedelta(days=1, hours=callback.randrange(0, 6))
    if not complaint.follow_up_due or called_at >= now or callback.random() >= 0.75:
        return
    level = callback.choice([3, 3, 4, 2])
    complaint.ratings.append(
        ComplaintRating(answer_round=1, source="phone", level=level, rated_at=called_at)
    )
    complaint.follow_up_due = False
    events.append(
        _event(
            complaint,
            called_at,
            "followed_up",
            unit=unit,
            note=f"电话回访：{SATISFACTION_LEVELS[level]}",
        )
    )


def load_demo_complaints(session) -> tuple[int, int]:
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    existing = {number[8:15] for number in session.scalars(select(Complaint.tracking_no))}
    now, calendar = utcnow(), load_calendar(None)
    code_hash = hash_query_code(DEMO_QUERY_CODE)
    cases = []
    for index in range(len(units) * CASES_PER_UNIT):
        if _random_part(index) not in existing:
            cases.append(_case(index, units[index % len(units)], now, code_hash, calendar))
    session.add_all(cases)
    added = len(cases)
    _load_templates(session)
    if added:
        session.flush()
        record_change(
            session, CLI_ACTOR, "complaint.demo_load", "complaint", "demo", after={"added": added}
        )
    session.flush()
    return added, session.scalar(select(func.count()).select_from(Complaint))


def _load_templates(session) -> None:
    titles = set(
        session.scalars(select(ReplyTemplate.title).where(ReplyTemplate.unit_id.is_(None)))
    )
    for title, body in SHARED_TEMPLATES:
        if title not in titles:
            session.add(ReplyTemplate(unit_id=None, title=title, body=body))
