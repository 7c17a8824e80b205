"""A fixed, synthetic corpus of published texts shaped like the portal's (for the benchmarks).

Documents look like penalty decisions, disclosure documents and roster entries of the 13 units:
about 200 characters of masked text with the domain terms, unit and district names, roads,
laws and amounts a real index holds. ``documents(n)`` always yields the same documents for the
same ``n`` (a seeded generator), so runs can be compared.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

UNITS = [
    ("zhidui", "平顶山市城市管理执法支队", "新华区"),
    ("xinhua", "平顶山市新华区城市管理和综合执法局", "新华区"),
    ("weidong", "平顶山市卫东区城市管理和综合执法局", "卫东区"),
    ("zhanhe", "平顶山市湛河区城市管理和综合执法局", "湛河区"),
    ("shilong", "平顶山市石龙区城市管理和综合执法局", "石龙区"),
    ("baofeng", "宝丰县城市管理和综合执法局", "宝丰县"),
    ("yexian", "叶县城市管理和综合执法局", "叶县"),
    ("lushan", "鲁山县城市管理和综合执法局", "鲁山县"),
    ("jiaxian", "郏县城市管理和综合执法局", "郏县"),
    ("wugang", "舞钢市城市管理和综合执法局", "舞钢市"),
    ("ruzhou", "汝州市城市管理和综合执法局", "汝州市"),
    ("shifanqu", "平顶山市城乡一体化示范区城市管理和综合执法局", "示范区"),
    ("gaoxinqu", "平顶山高新技术产业开发区城市管理和综合执法局", "高新区"),
]

# violation, what was seen, the rule broken, the penalty basis
VIOLATIONS = [
    ("占道经营", "在人行道上摆摊设点占道经营，影响行人通行", "平顶山市城市市容和环境卫生管理条例"),
    (
        "违法建设",
        "未取得建设工程规划许可证擅自搭建彩钢板房屋，属违法建设",
        "中华人民共和国城乡规划法",
    ),
    ("乱张贴乱涂画", "在建筑物外墙和电线杆上乱张贴乱涂画小广告", "城市市容和环境卫生管理条例"),
    ("渣土车辆未密闭运输", "驾驶渣土车辆未密闭运输，沿途撒漏建筑垃圾", "城市建筑垃圾管理规定"),
    ("违规设置户外广告", "未经批准擅自设置大型户外广告牌", "河南省城市市容和环境卫生管理条例"),
    ("露天烧烤", "在居民区周边露天烧烤，油烟直排污染环境", "中华人民共和国大气污染防治法"),
    ("噪声扰民", "夜间使用高音喇叭招揽顾客，噪声扰民", "中华人民共和国噪声污染防治法"),
    ("破坏绿地", "擅自占用并破坏城市绿地，毁坏树木花草", "城市绿化条例"),
    (
        "违规停放共享单车",
        "未按规定及时清理违规停放的共享单车，堵塞盲道",
        "平顶山市城市市容和环境卫生管理条例",
    ),
    (
        "工地扬尘",
        "施工工地未采取覆盖、洒水等防尘措施，造成工地扬尘",
        "中华人民共和国大气污染防治法",
    ),
]

ROADS = [
    "建设路",
    "中兴路",
    "光明路",
    "矿工路",
    "开源路",
    "湛河路",
    "新华路",
    "凌云路",
    "南环路",
    "姚孟路",
    "体育路",
    "曙光街",
    "育英街",
    "和平路",
    "优越路",
    "长安大道",
    "神马大道",
    "劳动路",
    "西市场路",
    "联盟路",
    "平安大道",
    "东环路",
    "五一路",
    "红旗街",
    "民主路",
    "团结路",
]
PLACES = [
    "农贸市场门口",
    "小区东门",
    "学校周边",
    "沿街商铺前",
    "公交站台旁",
    "十字路口东北角",
    "人行道上",
    "绿化带内",
    "桥下空地",
    "广场西侧",
]
PARTIES = [
    "张某某",
    "王某某",
    "李某",
    "赵某某",
    "刘某",
    "陈某某",
    "杨某",
    "孙某某",
    "周某",
    "吴某某",
    "平顶山市某某建筑工程有限公司",
    "某某餐饮店",
    "某某商贸有限公司",
    "某某广告传媒有限公司",
    "某某物流运输有限公司",
    "某某共享科技有限公司",
]
PENALTIES = [
    "责令改正，并处罚款{amount}元",
    "责令限期拆除违法建筑物",
    "没收违法所得，并处罚款{amount}元",
    "警告，责令立即改正",
    "责令停止违法行为，并处罚款{amount}元",
]
OFFICER_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁"
OFFICER_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰海燕建国志红"
DOCUMENT_KINDS = ["权责清单", "执法依据", "执法流程", "裁量基准", "随机抽查事项清单", "救济渠道"]

#: the fixed query set: (query, what it exercises)
QUERIES = [
    ("占道经营", "domain term"),
    ("违法建设", "domain term"),
    ("渣土车辆", "domain term"),
    ("户外广告", "domain term"),
    ("露天烧烤", "domain term"),
    ("噪声扰民", "domain term"),
    ("工地扬尘", "domain term"),
    ("共享单车", "domain term"),
    ("新华区", "district"),
    ("湛河区", "district"),
    ("汝州市", "county"),
    ("建设路", "road"),
    ("神马大道", "road"),
    ("城市绿化条例", "law"),
    ("城乡规划法", "law"),
    ("限期拆除", "penalty"),
    ("没收违法所得", "penalty"),
    ("有限公司", "party"),
    ("新华区 占道经营", "two terms"),
    ("卫东区 违法建设 拆除", "three terms"),
    ("农贸市场门口", "place"),
    ("工地扬尘 防尘措施", "two terms"),
    ("建筑垃圾 未密闭运输", "two terms"),
    ("随机抽查事项清单", "document kind"),
]
#: two-character words: found by jieba tokens, not by a trigram index (reported separately)
SHORT_QUERIES = ["拆除", "罚款", "绿地", "噪声", "盲道", "油烟"]


@dataclass(frozen=True)
class CorpusDocument:
    kind: str
    object_id: str
    unit_code: str
    title: str
    body: str
    published_on: date
    names: tuple[str, ...] = ()
    badges: tuple[str, ...] = ()


def documents(count: int, seed: int = 20260101):
    """``count`` documents: 80 % decisions, 12 % disclosure documents, 8 % officers."""
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for number in range(1, count + 1):
        unit_code, unit_name, district = UNITS[rng.randrange(len(UNITS))]
        day = start + timedelta(days=rng.randrange(7 * 365))
        roll = rng.random()
        if roll < 0.80:
            yield _decision(rng, number, unit_code, unit_name, district, day)
        elif roll < 0.92:
            yield _document(rng, number, unit_code, unit_name, day)
        else:
            yield _officer(rng, number, unit_code, unit_name, district, day)


def _decision(rng, number, unit_code, unit_name, district, day) -> CorpusDocument:
    violation, seen, law = VIOLATIONS[rng.randrange(len(VIOLATIONS))]
    party = PARTIES[rng.randrange(len(PARTIES))]
    road = ROADS[rng.randrange(len(ROADS))]
    place = PLACES[rng.randrange(len(PLACES))]
    penalty = PENALTIES[rng.randrange(len(PENALTIES))].format(
        amount=rng.choice([200, 500, 1000, 2000, 5000, 10000, 20000, 50000])
    )
    title = f"关于{party}{violation}的行政处罚决定书"
    body = (
        f"平城管罚决字〔{day.year}〕第{number % 10000:04d}号。当事人{party}，"
        f"于{day.year}年{day.month}月{day.day}日在{district}{road}{place}{seen}。"
        f"{unit_name}执法人员现场检查，制作了现场检查笔录并拍照取证。上述行为违反了《{law}》"
        f"第{rng.randint(10, 60)}条的规定。依据《{law}》第{rng.randint(20, 80)}条，"
        f"经{unit_name}集体讨论，决定{penalty}。当事人如不服本决定，可在六十日内申请行政复议，"
        f"或在六个月内向人民法院提起行政诉讼。"
    )
    return CorpusDocument("decision", str(number), unit_code, title, body, day)


def _document(rng, number, unit_code, unit_name, day) -> CorpusDocument:
    kind = DOCUMENT_KINDS[rng.randrange(len(DOCUMENT_KINDS))]
    violations = rng.sample(VIOLATIONS, 3)
    items = "；".join(f"对{v[0]}行为的处罚，依据《{v[2]}》" for v in violations)
    title = f"{unit_name}{kind}（{day.year}年版）"
    body = (
        f"本{kind}由{unit_name}编制，经法制审核后公布施行。主要事项：{items}。"
        f"执法人员应当严格按照法定程序和裁量基准实施行政处罚，做到过罚相当。"
        f"对本{kind}有意见建议的，请拨打投诉举报电话12319反映。"
    )
    return CorpusDocument("document", str(number), unit_code, title, body, day)


def _officer(rng, number, unit_code, unit_name, district, day) -> CorpusDocument:
    name = rng.choice(OFFICER_SURNAMES) + "".join(
        rng.choice(OFFICER_GIVEN) for _ in range(rng.choice([1, 2]))
    )
    badge = f"{4104000 + number:08d}"
    road = ROADS[rng.randrange(len(ROADS))]
    title = f"执法人员 {name}（工号 {badge}）"
    body = (
        f"{name}，{unit_name}执法队员，执法类别：市容环境卫生、城乡规划、园林绿化，"
        f"执法区域：{district}{road}沿线及周边。"
    )
    return CorpusDocument("officer", str(number), unit_code, title, body, day, (name,), (badge,))
