"""What the demo decisions are made of: realistic cases per violation type.

Names, ID numbers, phones and addresses are invented but shaped like real ones, so the demo
shows the masking at work (the working copy holds them; the published revision does not).
"""

from dataclasses import dataclass

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾"
    "侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN_NAMES = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "秀英",
    "桂英",
    "建华",
    "建国",
    "志强",
    "海燕",
    "晓东",
    "红梅",
    "国庆",
    "春生",
    "丽娟",
    "俊杰",
    "子涵",
    "浩然",
    "雪梅",
    "文博",
    "宏伟",
    "金凤",
    "玉兰",
    "长江",
    "振华",
    "新民",
    "保国",
    "书芳",
    "铁柱",
    "卫东",
    "向阳",
    "春花",
    "德胜",
    "永强",
    "建军",
    "晓燕",
    "亚楠",
]
ROADS = [
    "建设路",
    "中兴路",
    "光明路",
    "矿工路",
    "开源路",
    "体育路",
    "优越路",
    "凌云路",
    "新华路",
    "湛河北路",
    "南环路",
    "东环路",
    "西环路",
    "曙光街",
    "公园路",
    "神马大道",
    "长安大道",
    "人民路",
    "和平路",
    "园林路",
]
COMMUNITIES = [
    "香榭丽舍",
    "建业森林半岛小区",
    "鹰城世贸小区",
    "帝湖花园",
    "平安小区",
    "光明小区",
    "怡丰家园",
    "湛河花园",
    "锦绣家园",
    "阳光城",
    "湖光小区",
    "煤机厂家属院",
    "矿务局宿舍",
]
PLACES = [
    "{road}与{road2}交叉口东北角",
    "{road}中段人行道上",
    "{road}{n}号门前",
    "{road}农贸市场南门外",
    "{road}与{road2}交叉口西南侧公共绿地",
    "{road}公交站台附近",
]
COMPANY_WORDS = [
    "鹰城",
    "恒通",
    "宏达",
    "鑫源",
    "华茂",
    "中原",
    "瑞丰",
    "金盾",
    "昌盛",
    "永安",
    "利民",
    "天瑞",
    "鼎盛",
    "宏远",
    "尧山",
    "湛河",
    "平煤",
    "德信",
    "佳和",
    "锦程",
]
MOBILE_PREFIXES = ["138", "139", "137", "158", "159", "187", "186", "151", "135", "177"]
PROVINCE_PLATE = "豫D"


@dataclass(frozen=True)
class CaseKind:
    violation_type: str
    #: share of cases of this kind
    weight: int
    #: share of parties that are natural persons
    person_share: float
    #: organisation name patterns ({word}, {county})
    organisations: tuple[str, ...]
    violation: str
    act: str
    legal_basis: str
    #: (lowest, highest) fine in yuan for a person, for an organisation
    person_fines: tuple[int, int]
    organisation_fines: tuple[int, int]
    penalty: str
    #: extra measure sometimes added to the penalty (may make it 重大)
    severe_measure: str = ""
    uses_vehicle: bool = False


CASE_KINDS = [
    CaseKind(
        "street_vending",
        30,
        0.95,
        ("{county}{word}水果店", "{county}{word}便民超市"),
        "在{place}占用城市道路摆摊经营",
        "占用城市道路摆摊经营{goods}，占道面积约{area}平方米，经执法人员现场劝阻后仍未改正",
        "《城市市容和环境卫生管理条例》第十四条、第三十六条第（二）项",
        (50, 500),
        (200, 2000),
        "罚款人民币{fine}元，责令立即停止违法行为、清理占用的道路",
    ),
    CaseKind(
        "illegal_construction",
        10,
        0.55,
        ("平顶山市{word}置业有限公司", "{county}{word}建筑工程有限公司"),
        "未取得建设工程规划许可证在{place}建设建筑物",
        "未取得建设工程规划许可证，擅自在{place}搭建{structure}，建筑面积约{area}平方米",
        "《中华人民共和国城乡规划法》第四十条第一款、第六十四条",
        (3000, 60000),
        (20000, 400000),
        "责令限期拆除违法建设，并处罚款人民币{fine}元",
    ),
    CaseKind(
        "posting_graffiti",
        10,
        0.8,
        ("平顶山{word}教育咨询有限公司", "{county}{word}开锁服务部"),
        "在{place}乱张贴小广告",
        "在{place}的电线杆、墙面上张贴“{ad}”小广告共{count}处",
        "《城市市容和环境卫生管理条例》第十七条第一款、第三十四条第（三）项",
        (50, 200),
        (500, 2000),
        "罚款人民币{fine}元，责令清除所张贴的广告",
    ),
    CaseKind(
        "muck_transport",
        10,
        0.5,
        ("平顶山市{word}渣土运输有限公司", "{county}{word}土石方工程有限公司"),
        "驾驶渣土车未采取密闭措施运输渣土，造成沿途撒漏",
        "驾驶{plate}重型自卸货车运输渣土，未采取密闭措施，在{place}沿途撒漏约{length}米",
        "《中华人民共和国大气污染防治法》第七十条第一款、第一百一十六条",
        (2000, 20000),
        (5000, 20000),
        "罚款人民币{fine}元，责令立即清理撒漏物",
        severe_measure="，吊销其城市建筑垃圾运输处置许可证",
        uses_vehicle=True,
    ),
    CaseKind(
        "outdoor_advertising",
        8,
        0.3,
        ("平顶山市{word}广告传媒有限公司", "{county}{word}商贸有限公司"),
        "未经批准擅自设置大型户外广告",
        "未经批准在{place}擅自设置户外广告牌一块，面积约{area}平方米，影响市容",
        "《城市市容和环境卫生管理条例》第十一条、第三十六条第（一）项",
        (500, 3000),
        (2000, 20000),
        "罚款人民币{fine}元，责令限期拆除广告设施",
    ),
    CaseKind(
        "open_air_barbecue",
        10,
        0.85,
        ("{county}{word}烧烤店", "平顶山市{word}餐饮管理有限公司"),
        "在禁止区域内露天烧烤食品",
        "在{place}露天烧烤食品，产生油烟污染，经责令改正后仍继续经营",
        "《中华人民共和国大气污染防治法》第八十一条第三款、第一百一十八条第三款",
        (500, 3000),
        (2000, 20000),
        "没收烧烤工具，并处罚款人民币{fine}元",
        severe_measure="，责令停业整顿",
    ),
    CaseKind(
        "noise",
        5,
        0.7,
        ("{county}{word}商贸有限公司", "平顶山市{word}电器销售有限公司"),
        "在噪声敏感建筑物集中区域使用高音广播喇叭招揽顾客",
        "在{place}使用高音广播喇叭招揽顾客，经说服教育、责令改正后拒不改正",
        "《中华人民共和国噪声污染防治法》第六十四条第一款、第八十二条第（一）项",
        (200, 1000),
        (2000, 20000),
        "给予警告，并处罚款人民币{fine}元",
    ),
    CaseKind(
        "green_space",
        6,
        0.6,
        ("平顶山市{word}市政工程有限公司", "{county}{word}物业服务有限公司"),
        "损坏城市公共绿地",
        "在{place}擅自占用、损坏公共绿地约{area}平方米，毁坏绿化苗木{count}株",
        "《城市绿化条例》第十九条、第二十七条第（一）项",
        (200, 5000),
        (2000, 30000),
        "责令停止侵害、恢复原状，并处罚款人民币{fine}元",
    ),
    CaseKind(
        "shared_bicycles",
        4,
        0.0,
        ("平顶山市{word}网络科技有限公司", "平顶山{word}出行服务有限公司"),
        "未按规定管理投放的互联网租赁自行车，占用城市道路",
        "投放的互联网租赁自行车{count}辆在{place}无序停放、占用盲道，经通知后未在规定时间内清理",
        "《城市市容和环境卫生管理条例》第十四条、第三十六条第（二）项",
        (0, 0),
        (1000, 10000),
        "罚款人民币{fine}元，责令立即清理、规范停放",
    ),
    CaseKind(
        "construction_dust",
        7,
        0.0,
        ("平顶山市{word}建设工程有限公司", "河南{word}建筑安装有限公司"),
        "施工工地未采取有效防尘降尘措施",
        "承建的{place}项目施工工地未设置硬质围挡、裸土未覆盖，造成扬尘污染",
        "《中华人民共和国大气污染防治法》第六十九条第三款、第一百一十五条第一款第（一）项",
        (0, 0),
        (10000, 120000),
        "罚款人民币{fine}元，责令限期改正",
    ),
]

GOODS = ["水果", "蔬菜", "小吃", "日用百货", "服装", "玩具", "早餐"]
STRUCTURES = ["彩钢板房", "砖混结构房屋", "钢架结构棚", "二层砖混楼房"]
ADS = ["疏通下水道", "办证", "开锁换锁", "招聘", "贷款"]

CORRECTION_REASONS = [
    "原公示的违法事实中发生地点录入有误，已根据案卷更正。",
    "原公示的处罚依据条款项录入不完整，已补充完整。",
    "原公示的罚款金额与处罚决定书不一致，已按决定书更正。",
    "原公示的文书号书写不规范，已按决定书更正。",
]
REVOCATION_REASONS = [
    ("revoked", "该处罚决定已被{gov}行政复议决定撤销（{short}政复决字〔{year}〕第{n}号）。"),
    ("changed", "经行政复议，该处罚决定的罚款数额已被变更（{short}政复决字〔{year}〕第{n}号）。"),
    ("unlawful", "该处罚决定已被人民法院生效判决确认违法（（{year}）豫0{n}行初{n}号）。"),
]
