"""Demo roster: about 400 officers across the 13 units, every status, some certificates expired.

Names, posts, categories and areas are drawn from fixed lists with a fixed seed, so every
load produces the same people; badge numbers (the natural key) are ``<unit number><serial>``.
The first five officers of each unit show one verdict each, so the browser tests and anyone
trying the site can find them: ``…001`` 有效, ``…002`` 证件已过期, ``…003`` 暂停执法,
``…004`` 已注销, ``…005`` 已调离 (新华区: 110001–110005). ``…006`` had its badge changed
from ``…099``, which the lookup reports as 号码已停用.
Rows are inserted in bulk: the whole roster loads in well under a second.
"""

import random
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select

from portal.core.models import local_today, utcnow
from portal.officers.demo_photos import store_demo_photos
from portal.officers.models import Officer, OfficerHistoryEntry, OfficerTraining
from portal.org.models import Unit
from portal.search.models import SearchOutboxEntry

SEED = 20250301

#: unit code → (unit number in badge and certificate numbers, officers, areas)
UNIT_ROSTERS = {
    "zhidui": (10, 48, ["市区主次干道", "市区渣土运输线路", "市区户外广告集中区", "全市市区"]),
    "xinhua": (
        11,
        40,
        [
            "中兴路街道",
            "矿工路街道",
            "光明路街道",
            "曙光街街道",
            "西市场街道",
            "新新街街道",
            "青石山街道",
            "湛北路街道",
            "西高皇街道",
            "焦店镇",
        ],
    ),
    "weidong": (
        12,
        40,
        [
            "东安路街道",
            "优越路街道",
            "五一路街道",
            "建设路街道",
            "东环路街道",
            "光华路街道",
            "鸿鹰街道",
            "皇台街道",
            "北环路街道",
            "蒲城街道",
            "申楼街道",
        ],
    ),
    "zhanhe": (
        13,
        38,
        [
            "马庄街道",
            "南环路街道",
            "姚孟街道",
            "九里山街道",
            "轻工路街道",
            "河滨街道",
            "高阳路街道",
            "曹镇乡",
            "北渡镇",
        ],
    ),
    "shilong": (14, 20, ["人民路街道", "龙兴街道", "龙河街道", "高庄街道"]),
    "baofeng": (15, 28, ["城关镇", "铁路街道", "周庄镇", "杨庄镇", "石桥镇", "商酒务镇"]),
    "yexian": (16, 28, ["昆阳街道", "九龙街道", "盐都街道", "任店镇", "仙台镇", "廉村镇"]),
    "lushan": (17, 28, ["鲁阳街道", "琴台街道", "汇源街道", "露峰街道", "张官营镇", "梁洼镇"]),
    "jiaxian": (18, 26, ["龙山街道", "东城街道", "冢头镇", "安良镇", "长桥镇"]),
    "wugang": (19, 26, ["垭口街道", "寺坡街道", "院岭街道", "矿建街道", "朱兰街道", "八台镇"]),
    "ruzhou": (
        20,
        36,
        [
            "煤山街道",
            "风穴路街道",
            "钟楼街道",
            "洗耳河街道",
            "汝南街道",
            "紫云路街道",
            "骑岭乡",
            "临汝镇",
        ],
    ),
    "shifanqu": (21, 22, ["滍阳镇", "长安大道沿线", "示范区中心城区", "叶县路沿线"]),
    "gaoxinqu": (22, 22, ["遵化店镇", "神马大道沿线", "高新区产业集聚区", "建设路西段"]),
}
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
)
GIVEN_CHARACTERS = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发"
    "武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪"
    "心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启"
    "克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲"
    "芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莹媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璐娅"
)
#: (post, weight)
POSTS = [
    ("执法队员", 60),
    ("中队长", 8),
    ("副中队长", 10),
    ("大队长", 3),
    ("副大队长", 4),
    ("法制审核员", 5),
    ("科员", 10),
]
#: (category, weight)
CATEGORIES = [
    ("市容环境卫生", 30),
    ("城乡规划", 15),
    ("园林绿化", 10),
    ("市政公用", 12),
    ("住房城乡建设", 8),
    ("环境保护", 5),
    ("综合执法", 20),
]
TRAININGS = [
    ("《行政处罚法》专题培训", "平顶山市城市管理局"),
    ("城管执法规范化建设培训", "平顶山市城市管理局"),
    ("执法全过程记录与执法记录仪使用", "平顶山市城市管理执法支队"),
    ("文明执法与群众工作方法", "平顶山市城市管理执法支队"),
    ("违法建设查处业务培训", "平顶山市自然资源和规划局"),
    ("行政执法证件年度法律知识考试辅导", "平顶山市司法局"),
    ("案卷制作与评查标准培训", "平顶山市城市管理局法制科"),
    ("渣土运输与扬尘治理执法培训", "平顶山市城市管理执法支队"),
]
STATUS_REASONS = {
    "suspended": "因涉嫌违反执法纪律接受调查，暂停执法资格",
    "revoked": "未通过年度执法资格考核，执法证件依规注销",
    "transferred": "调离执法岗位",
}


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN_CHARACTERS)
    if rng.random() < 0.7:
        given += rng.choice(GIVEN_CHARACTERS)
    return rng.choice(SURNAMES) + given


def _weighted(rng: random.Random, options) -> str:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights=weights)[0]


def _status_and_validity(rng, serial: int, today: date) -> tuple[str, date, date]:
    """The showcase officers 1–5 have fixed outcomes; the rest follow realistic shares."""
    issued = date(today.year - rng.randint(0, 4), rng.randint(1, 12), rng.randint(1, 28))
    valid_to = date(issued.year + 5, issued.month, issued.day) - timedelta(days=1)
    fixed = {2: "expired", 3: "suspended", 4: "revoked", 5: "transferred"}
    outcome = fixed.get(serial) if serial <= 6 else None
    if serial in (1, 6):
        outcome = "valid"
    if outcome is None:
        roll = rng.random()
        outcome = (
            "suspended" if roll < 0.04 else
            "revoked" if roll < 0.08 else
            "transferred" if roll < 0.12 else
            "expired" if roll < 0.19 else
            "expiring" if roll < 0.24 else
            "valid"
        )  # fmt: skip
    if outcome == "valid" and valid_to < today + timedelta(days=60):
        issued, valid_to = today - timedelta(days=400), today + timedelta(days=1400)
    elif outcome == "expired":
        valid_to = today - timedelta(days=rng.randint(10, 300))
        issued = date(valid_to.year - 5, valid_to.month, 1)
    elif outcome == "expiring":
        valid_to = today + timedelta(days=rng.randint(1, 29))
        issued = date(valid_to.year - 5, valid_to.month, 1)
    status = outcome if outcome in STATUS_REASONS else "active"
    return status, issued, valid_to


def _demo_officers(units: dict[str, Unit], today: date) -> list[dict]:
    rng = random.Random(SEED)
    now = utcnow()
    rows = []
    for code, (number, count, areas) in UNIT_ROSTERS.items():
        unit = units.get(code)
        if unit is None:
            continue
        for serial in range(1, count + 1):
            status, valid_from, valid_to = _status_and_validity(rng, serial, today)
            issued_year = valid_from.year % 100
            changed_at = now - timedelta(days=rng.randint(3, 200)) if status != "active" else now
            rows.append(
                {
                    "badge_no": f"{number}{serial:04d}",
                    "cert_no": f"{unit.division_code}{issued_year:02d}{number}{serial:04d}",
                    "name": _name(rng),
                    "unit_id": unit.id,
                    "post": "大队长" if serial == count else _weighted(rng, POSTS),
                    "category": _weighted(rng, CATEGORIES),
                    "area": rng.choice(areas),
                    "cert_valid_from": valid_from,
                    "cert_valid_to": valid_to,
                    "status": status,
                    "status_changed_at": changed_at,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    return rows


def _history_and_trainings(officers: list[Officer], today: date) -> tuple[list, list]:
    rng = random.Random(SEED + 1)
    history, trainings = [], []
    for officer in officers:
        created_at = datetime(officer.cert_valid_from.year, officer.cert_valid_from.month, 1, 1)
        base = {
            "officer_id": officer.id,
            "unit_id": officer.unit_id,
            "cert_no": officer.cert_no,
            "actor_label": "demo",
        }
        serial = int(officer.badge_no[2:])
        first_badge = officer.badge_no[:2] + "0099" if serial == 6 else officer.badge_no
        history.append(
            {**base, "kind": "created", "changed_at": created_at, "status": "active",
             "badge_no": first_badge, "reason": ""}
        )  # fmt: skip
        if first_badge != officer.badge_no:
            history.append(
                {**base, "kind": "assignment", "changed_at": created_at + timedelta(days=90),
                 "status": "active", "badge_no": officer.badge_no, "reason": "工号重新编排"}
            )  # fmt: skip
        if officer.status != "active":
            history.append(
                {**base, "kind": "status", "changed_at": officer.status_changed_at,
                 "status": officer.status, "previous_status": "active",
                 "badge_no": officer.badge_no, "reason": STATUS_REASONS[officer.status]}
            )  # fmt: skip
        for year, most in ((today.year - 1, 4), (today.year, 3)):
            last_day = today if year == today.year else date(year, 12, 31)
            for title, organiser in rng.sample(TRAININGS, rng.randint(0, most)):
                day_of_year = rng.randint(0, (last_day - date(year, 1, 1)).days)
                trainings.append(
                    {
                        "officer_id": officer.id,
                        "trained_on": date(year, 1, 1) + timedelta(days=day_of_year),
                        "title": title,
                        "hours": rng.choice((4, 6, 8, 16)),
                        "organiser": organiser,
                    }
                )
    return history, trainings


def load_demo_officers(session) -> tuple[int, int]:
    today = local_today()
    units = {unit.code: unit for unit in session.scalars(select(Unit))}
    existing = set(session.scalars(select(Officer.badge_no)))
    rows = [row for row in _demo_officers(units, today) if row["badge_no"] not in existing]
    if rows:
        session.execute(insert(Officer), rows)
        new_badges = [row["badge_no"] for row in rows]
        added = session.scalars(select(Officer).where(Officer.badge_no.in_(new_badges))).all()
        history, trainings = _history_and_trainings(added, today)
        session.execute(insert(OfficerHistoryEntry), history)
        if trainings:
            session.execute(insert(OfficerTraining), trainings)
        store_demo_photos(session, [o for o in added if int(o.badge_no[2:]) <= 3])
        session.execute(
            insert(SearchOutboxEntry),
            [{"kind": "officer", "object_id": str(officer.id)} for officer in added],
        )
    total = session.scalar(select(func.count()).select_from(Officer))
    return len(rows), total
