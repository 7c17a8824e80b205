"""Writes tests/core/masking_corpus.jsonl: labelled sentences for the masking targets.

Run ``python bench/masking_corpus.py`` to regenerate it (seeded: the same file every time).
Each line is ``{"source", "text", "party_is_person", "keep_names", "spans"}``; a span is
``{"kind", "start", "end"}`` with kind name / id_number / phone / bank_card / email /
im_account. Names are labelled whole (surname included); a name is recalled when its given
name is hidden. Sentences come from three sources — decision facts, complaint replies and
media summaries — with places, organisations, officers and hard negatives (李村, 王府井,
张家港, 王记烩面馆) that must stay.
"""

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "core" / "masking_corpus.jsonl"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤常康牛樊葛邢乔庞颜倪聂鲁岳翟耿焦柳甘宁"  # noqa: E501
COMPOUND = ["欧阳", "司马", "诸葛", "上官", "东方"]
GIVEN = "建国华丽芳秀英志伟军平红霞玉兰桂春梅海燕永刚德福文斌宏亮杰俊鹏飞涛磊静婷雪琳凤荣新光辉成林波勇超明强佳欣子怡浩宇晨阳振庆喜旺彩云凯敏慧娟艳萍翠金银宝全胜利家豪思雨梓涵"  # noqa: E501
DISTRICTS = ["新华区", "卫东区", "湛河区", "石龙区", "高新区", "宝丰县", "叶县", "鲁山县", "郏县"]
ROADS = ["中兴路", "建设路", "矿工路", "光明路", "开源路", "凌云路", "姚孟路", "体育路", "曙光街",
         "红旗街", "和平路", "湛南路", "园林路", "胜利街", "联盟路", "新华路"]  # fmt: skip
HARD_PLACES = ["李村", "王府井", "张家港", "张庄", "王营村", "刘庄社区", "石家庄", "许昌",
               "周口", "马庄乡", "姚孟村", "高庄", "黄河路", "杨庄", "韩庄村",
               "李家庄"]  # fmt: skip
ORGS = ["王记烩面馆", "李氏商行", "张三丰五金店", "刘家小吃店", "平顶山市鑫达建筑工程有限公司",
        "河南华信物流有限公司", "老孙家牛肉汤", "陈记水果超市", "周氏汽修厂",
        "马家羊肉馆"]  # fmt: skip
OFFICERS = ["张伟", "李强", "王磊", "刘洋", "陈静", "杨帆", "赵敏", "黄涛"]
VIOLATIONS = ["占道经营", "店外经营", "乱堆乱放", "擅自设置户外广告", "渣土车未密闭运输",
              "违法建设", "夜间施工噪音扰民", "乱贴小广告", "露天烧烤", "私搭乱建"]  # fmt: skip
DATES = ["2026年3月5日", "2026年4月12日", "2026年5月20日上午", "2026年6月1日14时许", "2026-07-08"]
UNIT_PHONES = ["0375-2621234", "12319"]
CN = "〇一二三四五六七八九"
CN_ALT = "零幺两三四五六七八九"
FULL = "０１２３４５６７８９"


class Builder:
    def __init__(self, source: str, *, party_is_person: bool = True, keep=()):
        self.parts, self.spans, self.source = [], [], source
        self.party_is_person, self.keep = party_is_person, list(keep)

    def add(self, text: str, kind: str | None = None) -> "Builder":
        start = sum(len(part) for part in self.parts)
        self.parts.append(text)
        if kind:
            self.spans.append({"kind": kind, "start": start, "end": start + len(text)})
        return self

    def row(self) -> dict:
        return {
            "source": self.source,
            "text": "".join(self.parts),
            "party_is_person": self.party_is_person,
            "keep_names": self.keep,
            "spans": self.spans,
        }


def name(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND) if rng.random() < 0.05 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def id_number(rng: random.Random) -> str:
    body = (
        rng.choice(["410402", "410411", "410421", "410422", "410482", "411102", "110105"])
        + f"{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        + f"{rng.randint(0, 999):03d}"
    )
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(["13", "15", "17", "18", "19"])
        + str(rng.randint(0, 9))
        + "".join(str(rng.randint(0, 9)) for _ in range(8))
    )


def card(rng: random.Random) -> str:
    digits = [int(c) for c in rng.choice(["622202", "621700", "622848", "436742", "625965"])]
    digits += [rng.randint(0, 9) for _ in range(rng.choice((16, 19)) - 7)]
    total = 0
    for index, value in enumerate(reversed(digits)):
        total += (value * 2 - 9 if value > 4 else value * 2) if index % 2 == 0 else value
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def spell_mobile(rng: random.Random, number: str) -> str:
    style = rng.randrange(10)
    if style == 0:
        return f"{number[:3]} {number[3:7]} {number[7:]}"
    if style == 1:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if style == 2:
        return "".join(CN[int(d)] for d in number)
    if style == 3:
        return "".join(CN_ALT[int(d)] if rng.random() < 0.5 else d for d in number)
    if style == 4:
        return "".join(FULL[int(d)] for d in number)
    if style == 5:
        return rng.choice(["+86 ", "0086-", "86-", "+86-"]) + number
    if style == 6:
        return f"{number[:3]}.{number[3:7]}.{number[7:]}"
    if style == 7:
        return " ".join(CN[int(d)] for d in number[:3]) + " " + number[3:]
    return number


def landline(rng: random.Random) -> str:
    area = rng.choice(["0375", "0371", "010", "021", "0376"])
    local = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(6))
    if len(area) == 3:
        local += str(rng.randint(0, 9))
    style = rng.randrange(8)
    if style == 0:
        return f"{area} {local[:3]} {local[3:]}"
    if style == 1:
        return f"({area}){local}"
    if style == 2:
        return f"{area}-{local}转{rng.randint(100, 8999)}"
    if style == 3:
        return "".join(CN[int(d)] for d in area + local)
    if style == 4:
        return "".join(FULL[int(d)] for d in area) + "－" + "".join(FULL[int(d)] for d in local)
    if style == 5:
        return f"+86 {area[1:]} {local}"
    if style == 6:
        return f"{area}.{local[:4]}.{local[4:]}"
    return f"{area}-{local}"


def spell_id(rng: random.Random, number: str) -> str:
    style = rng.randrange(6)
    if style == 0:
        return " ".join(number[i : i + 4] for i in range(0, 18, 4))
    if style == 1:
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if style == 2:
        return "".join(CN[int(d)] if d.isdigit() else d for d in number)
    if style == 3:
        return "".join(FULL[int(d)] if d.isdigit() else "Ｘ" for d in number)
    if style == 4:
        return f"{number[:6]}-{number[6:14]}-{number[14:]}"
    return number


def spell_card(rng: random.Random, number: str) -> str:
    if rng.random() < 0.5:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    return number


def email(rng: random.Random) -> str:
    user = rng.choice(["zhang", "liming", "wxy", "sunny", "hn_li", "wang.fang", "li88"])
    return f"{user}{rng.randint(1, 999)}@{rng.choice(['qq.com', '163.com', '126.com', 'sina.cn'])}"


def phone(rng: random.Random) -> str:
    return spell_mobile(rng, mobile(rng)) if rng.random() < 0.6 else landline(rng)


#: written by hand, unlike the templates: (text, [(kind, labelled substring)], options)
HANDWRITTEN = [
    (
        "经调查，当事人张建军在建设路东段搭建彩钢棚约20平方米，其妻孙桂兰、其子张浩对此知情。",
        [("name", "张建军"), ("name", "孙桂兰"), ("name", "张浩")],
        {},
    ),
    ("王女士反映，其楼下邻居赵德胜长期在楼道堆放杂物，多次沟通无果。", [("name", "赵德胜")], {}),
    ("目击者称，驾驶员马国强驾驶豫D·3X527渣土车闯入禁行路段。", [("name", "马国强")], {}),
    ("现场负责人吕志鹏拒绝提供施工许可，经多次劝导后签字。", [("name", "吕志鹏")], {}),
    ("当事人刘某某的邻居宋春燕证实，该摊位已经营三年。", [("name", "宋春燕")], {}),
    ("联系电话：0375－2965 318，或手机壹叁捌不予受理。", [("phone", "0375－2965 318")], {}),
    (
        "请回电一五九 三七五二 六六八一，或拨打本局电话0375-2621234。",
        [("phone", "一五九 三七五二 六六八一")],
        {},
    ),
    (
        "其QQ号码为：三八二五一七六四九，微信同手机号13607751234。",
        [("im_account", "三八二五一七六四九"), ("phone", "13607751234")],
        {},
    ),
    (
        "当事人提供的身份证复印件显示号码为 4104 2219 8807 1550 1X。",
        [("id_number", "4104 2219 8807 1550 1X")],
        {},
    ),
    ("经核实，王府井商场、张家港路口、李村委员会门前均无占道经营行为。", [], {}),
    ("执法队员在张庄村、王营社区和李家沟开展拉网式排查，共清理小广告300余处。", [], {}),
    ("依据《平顶山市城市市容和环境卫生管理条例》第二十条，责令王记烩面馆限期改正。", [], {}),
    (
        "当事人平顶山市鑫源商贸有限公司，法定代表人：孔令辉，统一社会信用代码91410400MA45XY0L2K。",
        [("name", "孔令辉")],
        {"party_is_person": False},
    ),
    (
        "2026年5月8日，执法人员张伟、李强在中兴路巡查时发现该店外摆经营，当场拍照取证。",
        [],
        {"keep_names": ["张伟", "李强"]},
    ),
    (
        "投诉人称其同事韩雪梅被摊贩推搡，要求严肃处理；韩女士的电话是18937561122。",
        [("name", "韩雪梅"), ("phone", "18937561122")],
        {},
    ),
    ("据悉，老板娘许丽华在店内，店员小刘称不知道需要审批。", [("name", "许丽华")], {}),
    ("群众刘先生来信反映，和平路与开源路交叉口夜市油烟扰民。", [], {}),
    (
        "当事人家属邓文静来电询问处理进展，来电号码０３７５—４９６７８１２。",
        [("name", "邓文静"), ("phone", "０３７５—４９６７８１２")],
        {},
    ),
    (
        "媒体报道中出现的“城管打人”视频，经查系摊主杜长青与顾客发生纠纷，与执法人员无关。",
        [("name", "杜长青")],
        {},
    ),
    (
        "车主范文博称车辆停放系临时上下货，其手机 +86 135-0375-6688。",
        [("name", "范文博"), ("phone", "+86 135-0375-6688")],
        {},
    ),
    (
        "证人甲：苗翠花，女，55岁，住新华区矿工路；证人乙：常有福，男，61岁。",
        [("name", "苗翠花"), ("name", "常有福")],
        {},
    ),
    ("本局已约谈石龙区高庄社区负责人，督促其落实门前三包责任制。", [], {}),
    ("经查，周某华于2026年3月在开源路违规设置户外广告牌一块。", [("name", "周某华")], {}),
    ("当事人委托代理人律师焦振宇到场陈述申辩，提交书面材料8页。", [("name", "焦振宇")], {}),
    (
        "房东侯建设称已将房屋出租给他人经营，租户名叫鲍海涛，电话0375 7788 921。",
        [("name", "侯建设"), ("name", "鲍海涛"), ("phone", "0375 7788 921")],
        {},
    ),
    (
        "罚款请缴至平顶山银行，账号：6217 9950 0001 2345 678，户名平顶山市城市管理局。",
        [("bank_card", "6217 9950 0001 2345 678")],
        {},
    ),
    (
        "市民可将线索发送至邮箱 chengguan_ts@pds.gov.cn ，我们将及时处理。",
        [],
        {"public_emails": ["chengguan_ts@pds.gov.cn"]},
    ),
    (
        "举报人提供的邮箱为 ZHAO.LEI1990＠163.COM，已回复。",
        [("email", "ZHAO.LEI1990＠163.COM")],
        {},
    ),
    ("新华区人民政府、卫东区城管局、湛河区曹镇乡政府联合开展整治行动。", [], {}),
    (
        "当事人钱某承认违法事实，表示愿意接受处罚，其子钱晓峰代为缴纳罚款。",
        [("name", "钱晓峰")],
        {},
    ),
    (
        "经营户陶红霞的营业执照已过期，其丈夫陶建平称正在办理续期。",
        [("name", "陶红霞"), ("name", "陶建平")],
        {},
    ),
    ("事发时在场的还有保安贺军、保洁员吴秀珍两人。", [("name", "贺军"), ("name", "吴秀珍")], {}),
    (
        "当事人电话：138 3756 7421（本人），备用电话：幺三九零三七五零零八八。",
        [("phone", "138 3756 7421"), ("phone", "幺三九零三七五零零八八")],
        {},
    ),
    (
        "经查询，该车登记车主为江海洋，身份证号：41040319850612003X。",
        [("name", "江海洋"), ("id_number", "41040319850612003X")],
        {},
    ),
    ("经回访，投诉人对处理结果表示满意，评价为“非常满意”。", [], {}),
    ("记者从市城管局获悉，今年以来全市共拆除违法建设12.5万平方米。", [], {}),
    ("报道称，卖红薯的老人曹大爷被罚款，经核实当日无执法人员在该路段执法。", [], {}),
    (
        "当事人之子罗振东（电话：0371-6558 2233转806）已到局接受询问。",
        [("name", "罗振东"), ("phone", "0371-6558 2233转806")],
        {},
    ),
    ("同行人员田晓燕、汪春生在询问笔录上签字确认。", [("name", "田晓燕"), ("name", "汪春生")], {}),
    (
        "当事人提供微信账号：hxq_2026pds，用于接收电子送达文书。",
        [("im_account", "hxq_2026pds")],
        {},
    ),
    ("该违法建设位于宝丰县杨庄镇马街村，系村民任保国所建。", [("name", "任保国")], {}),
    ("经查，叶县城关乡许庄村村民许文斌未经批准在自家宅基地上加盖三层。", [("name", "许文斌")], {}),
    (
        "经营者石磊（身份证号码四一〇四〇二一九九〇〇三一五二〇一八）承认违法事实。",
        [("name", "石磊"), ("id_number", "四一〇四〇二一九九〇〇三一五二〇一八")],
        {},
    ),
    ("来访人夏秀兰反映其邻居申某某占用公共绿地种菜。", [("name", "夏秀兰")], {}),
    ("责令当事人于2026年6月30日前自行拆除，逾期不拆除的，依法强制拆除。", [], {}),
]


CUES = ["证人", "其妻", "其夫", "其子", "其女", "邻居", "同事", "店主", "驾驶员", "负责人",
        "投诉人", "举报人", "房东", "租户", "摊主", "车主", "目击者", "其母亲", "业主",
        "员工"]  # fmt: skip


def decision(rng: random.Random) -> dict:  # noqa: C901, PLR0912
    b = Builder("decision_facts", keep=[rng.choice(OFFICERS), rng.choice(OFFICERS)])
    date, district, road = rng.choice(DATES), rng.choice(DISTRICTS), rng.choice(ROADS)
    shape = rng.randrange(12)
    if shape == 0:
        b.add(f"{date}，执法人员在{district}{road}发现当事人").add(name(rng), "name")
        b.add(f"{rng.choice(VIOLATIONS)}，{rng.choice(CUES)}").add(name(rng), "name")
        b.add("在场并作证。")
    elif shape == 1:
        b.add("证人").add(name(rng), "name").add("（身份证号").add(
            spell_id(rng, id_number(rng)), "id_number"
        )
        b.add(f"）证实，当事人于{date}在{road}{rng.choice(VIOLATIONS)}。")
    elif shape == 2:
        b.add("当事人称其妻").add(name(rng), "name").add(f"当时在{rng.choice(HARD_PLACES)}看管摊位")
        b.add("，联系电话").add(phone(rng), "phone").add("。")
    elif shape == 3:
        b.party_is_person = False
        b.add(f"经查，{rng.choice(ORGS)}负责人").add(name(rng), "name")
        b.add(f"未经批准在{road}{rng.choice(VIOLATIONS)}，其手机号码为")
        b.add(spell_mobile(rng, mobile(rng)), "phone").add("。")
    elif shape == 4:
        b.add("邻居").add(name(rng), "name").add(f"反映，当事人长期在{road}与")
        b.add(f"{rng.choice(ROADS)}交叉口{rng.choice(VIOLATIONS)}，影响周边居民生活。")
    elif shape == 5:
        b.add("驾驶员").add(name(rng), "name")
        b.add(f"驾驶渣土车沿{road}行驶时未密闭运输，撒漏路面约{rng.randint(20, 300)}米。")
    elif shape == 6:
        b.add("店主").add(name(rng), "name").add("称门头招牌系其子").add(name(rng), "name")
        b.add(f"安装，未办理审批手续，店铺位于{district}{rng.choice(HARD_PLACES)}。")
    elif shape == 7:
        first, second = b.keep
        b.add(f"执法人员{first}、{second}出示执法证件，现场制作询问笔录，当事人签字确认。")
        b.add(f"罚款{rng.randint(2, 50) * 100}元，缴入银行账号").add(
            spell_card(rng, card(rng)), "bank_card"
        )
        b.add("。")
    elif shape == 8:
        b.add("当事人").add(name(rng), "name").add("、").add(name(rng), "name")
        b.add(f"在{rng.choice(ORGS)}门前{rng.choice(VIOLATIONS)}，经责令改正拒不改正。")
    elif shape == 9:
        b.add(f"当事人{rng.choice(SURNAMES)}某").add(rng.choice(GIVEN), "name")
        b.spans[-1]["start"] -= 2
        b.add(f"称其在{rng.choice(HARD_PLACES)}经营多年，对违法事实无异议。")
    elif shape == 10:
        b.add("同事").add(name(rng), "name").add("证实当事人身份证号码为")
        b.add(spell_id(rng, id_number(rng)), "id_number").add(f"，户籍地{district}。")
    else:
        b.add("法定代表人").add(name(rng), "name").add("（个体工商户）委托其女儿")
        b.add(name(rng), "name").add("办理，电子邮箱").add(email(rng), "email").add("。")
    return b.row()


def complaint_reply(rng: random.Random) -> dict:
    b = Builder("complaint_reply")
    road, org = rng.choice(ROADS), rng.choice(ORGS)
    shape = rng.randrange(8)
    if shape == 0:
        full = name(rng)
        b.add(f"您好！关于您反映{road}{rng.choice(VIOLATIONS)}的问题，经核查，")
        b.add(full, "name").add(f"女士所述属实，我局已责令{org}限期整改。")
        b.add(f"如有疑问请致电{rng.choice(UNIT_PHONES)}。")
    elif shape == 1:
        b.add("投诉人").add(name(rng), "name").add(f"来电反映，{rng.choice(HARD_PLACES)}附近")
        b.add("夜间施工噪音扰民，来电号码").add(phone(rng), "phone").add("，已转交属地处理。")
    elif shape == 2:
        b.add("市民").add(name(rng), "name").add("通过微信号").add(
            rng.choice(["wxid_", "hn", "lm"]) + str(rng.randint(10000, 99999)) + "a", "im_account"
        )
        b.add(f"反映{road}路灯不亮，经现场核实，已通知维修单位修复。")
    elif shape == 3:
        b.add(f"经查，{road}东段{rng.choice(VIOLATIONS)}系").add(name(rng), "name")
        b.add("所为，执法人员已依法处理。感谢您对城市管理工作的支持！QQ")
        b.add(str(rng.randint(10000000, 999999999)), "im_account").add("的来信已收悉。")
    elif shape == 4:
        surname = rng.choice(SURNAMES)
        b.add(f"{surname}先生：您反映的{rng.choice(HARD_PLACES)}垃圾清运不及时问题已解决，")
        b.add(f"{org}已于{rng.choice(DATES)}完成整改。")
    elif shape == 5:
        b.add("来电人").add(name(rng), "name").add("（身份证").add(
            spell_id(rng, id_number(rng)), "id_number"
        )
        b.add("）反映其邻居").add(name(rng), "name").add(f"在{road}私搭乱建，经核实情况属实。")
    elif shape == 6:
        b.add("举报人称其房东").add(name(rng), "name").add("将房屋出租给").add(name(rng), "name")
        b.add(f"开设{rng.choice(ORGS)}，油烟扰民；请拨打").add(phone(rng), "phone").add("联系。")
    else:
        b.add(f"您反映的{road}与{rng.choice(ROADS)}交叉口{rng.choice(VIOLATIONS)}问题，")
        b.add(f"经{rng.choice(DISTRICTS)}城管执法大队核查已处理完毕，市民热线12345。")
    return b.row()


def media_summary(rng: random.Random) -> dict:
    b = Builder("media_summary")
    road = rng.choice(ROADS)
    shape = rng.randrange(7)
    if shape == 0:
        b.add(f"《平顶山晚报》报道称，{road}一带{rng.choice(VIOLATIONS)}严重，受访居民")
        b.add(name(rng), "name").add("表示出行受到影响。")
    elif shape == 1:
        b.add("网友“老城人”发帖反映").add(name(rng), "name")
        b.add(f"在{rng.choice(HARD_PLACES)}{rng.choice(VIOLATIONS)}，帖中公布了其手机")
        b.add(phone(rng), "phone").add("。")
    elif shape == 2:
        b.add(f"报道提及商户{rng.choice(ORGS)}店主").add(name(rng), "name")
        b.add("与执法人员发生争执，其家属").add(name(rng), "name").add("随后到场。")
    elif shape == 3:
        b.add(f"记者在{rng.choice(DISTRICTS)}{rng.choice(HARD_PLACES)}走访发现，")
        b.add(f"{rng.choice(ORGS)}门前{rng.choice(VIOLATIONS)}问题已整改。")
    elif shape == 4:
        b.add("报道称摊主").add(name(rng), "name").add("的银行卡").add(
            spell_card(rng, card(rng)), "bank_card"
        )
        b.add("收款二维码张贴在摊位上。")
    elif shape == 5:
        b.add("视频中一名自称").add(name(rng), "name").add("的男子称，其同事")
        b.add(name(rng), "name").add(f"曾在{road}遭遇暴力执法，联系邮箱").add(email(rng), "email")
        b.add("。")
    else:
        b.add(f"{rng.choice(['河南日报', '大河报', '平顶山电视台'])}关注{rng.choice(HARD_PLACES)}")
        b.add(
            f"及{rng.choice(DISTRICTS)}{road}的市容整治，执法人员{rng.choice(OFFICERS)}介绍了情况。"
        )
        b.keep = list(OFFICERS)
    return b.row()


def main() -> None:
    rng = random.Random(20261204)
    rows = [decision(rng) for _ in range(160)]
    rows += [complaint_reply(rng) for _ in range(90)]
    rows += [media_summary(rng) for _ in range(90)]
    for text, labels, options in HANDWRITTEN:
        spans = []
        for kind, substring in labels:
            start = text.index(substring)
            spans.append({"kind": kind, "start": start, "end": start + len(substring)})
        rows.append(
            {
                "source": "handwritten",
                "text": text,
                "party_is_person": options.get("party_is_person", True),
                "keep_names": options.get("keep_names", []),
                "public_emails": options.get("public_emails", []),
                "spans": spans,
            }
        )
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences → {OUT}")


if __name__ == "__main__":
    main()
