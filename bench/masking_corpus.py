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
    return rng.choice(["13", "15", "17", "18", "19"]) + str(rng.randint(0, 9)) + "".join(
        str(rng.randint(0, 9)) for _ in range(8)
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
        b.add(f"及{rng.choice(DISTRICTS)}{road}的市容整治，执法人员{rng.choice(OFFICERS)}介绍了情况。")
        b.keep = list(OFFICERS)
    return b.row()


def main() -> None:
    rng = random.Random(20261204)
    rows = [decision(rng) for _ in range(160)]
    rows += [complaint_reply(rng) for _ in range(90)]
    rows += [media_summary(rng) for _ in range(90)]
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences → {OUT}")


if __name__ == "__main__":
    main()
