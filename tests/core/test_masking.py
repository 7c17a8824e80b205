"""Personal-data masking: what must be masked, what must stay, and how it looks afterwards."""

import pytest

from portal.core.masking import Finding, find_personal_data, mask_party_name, mask_text

HEALTH = "【健康信息已隐去】"

# (input, exact expected output) — the party is a natural person, no names, no public phones.
MUST_MASK = [
    # 18-digit and 15-digit resident IDs
    pytest.param("身份证号410402198001011234", "身份证号410402********1234", id="id18"),
    pytest.param("公民身份号码41040219800101123X", "公民身份号码410402********123X", id="id18-X"),
    pytest.param("身份证41040219800101123x。", "身份证410402********123x。", id="id18-lower-x"),
    # ISO 7064 check character of 41040219800101123 is 6: the others here are mistyped IDs.
    pytest.param(
        "其证件410402198001011236已核实", "其证件410402********1236已核实", id="id18-valid"
    ),
    pytest.param("其证件410402198001011237已核实", "其证件410402********1237已核实", id="id18-bad"),
    pytest.param("证件 410402 19800101 1234 ", "证件 410402********1234 ", id="id18-spaced"),
    pytest.param("张某（410402200512311234）", "张某（410402********1234）", id="id18-born-2005"),
    pytest.param("旧身份证410402800101123", "旧身份证410402******123", id="id15"),
    pytest.param("身份证：410402-19800101-1234", "身份证：410402********1234", id="id18-dashed"),
    pytest.param("身份证号：41040219800101123", "身份证号：410402*******1123", id="id-labelled-17"),
    pytest.param("身份证号为1101051990", "身份证号为**********", id="id-labelled-short"),
    pytest.param("410402198001011234,", "410402********1234,", id="id18-bare"),
    # mobiles
    pytest.param("手机13812345678", "手机138****5678", id="mobile"),
    pytest.param("电话138 1234 5678。", "电话138****5678。", id="mobile-spaces"),
    pytest.param("138-1234-5678", "138****5678", id="mobile-dashes"),
    pytest.param("138 - 1234 - 5678", "138****5678", id="mobile-spaced-dashes"),
    pytest.param("+86 13812345678", "+86 138****5678", id="mobile-plus86"),
    pytest.param("+86-138-1234-5678", "+86-138****5678", id="mobile-plus86-dashes"),
    pytest.param("8613812345678", "86138****5678", id="mobile-86"),
    pytest.param("(+86)13912345678", "(+86)139****5678", id="mobile-bracketed-86"),
    pytest.param("008618612345678", "0086186****5678", id="mobile-0086"),
    pytest.param("19912345678", "199****5678", id="mobile-199"),
    pytest.param("联系方式：138.1234.5678", "联系方式：138****5678", id="mobile-dots"),
    pytest.param("13812345678/13912345678", "138****5678/139****5678", id="mobile-two"),
    pytest.param("联系人电话：17703751234。", "联系人电话：177****1234。", id="mobile-177"),
    pytest.param("手机：138123456789", "手机：138*****6789", id="mobile-mistyped-12"),
    pytest.param("手机号1381234567", "手机号138***4567", id="mobile-mistyped-10"),
    # landlines
    pytest.param("0375-2621234", "0375-***1234", id="landline"),
    pytest.param("(0375)2621234", "(0375)***1234", id="landline-brackets"),
    pytest.param("（0375）2621234", "(0375)***1234", id="landline-fullwidth-brackets"),
    pytest.param("010-62345678", "010-****5678", id="landline-beijing"),
    pytest.param("021 62345678", "021 ****5678", id="landline-space"),
    pytest.param("0375-2621234-801", "0375-***1234-801", id="landline-extension"),
    pytest.param("0375-2621234转8001", "0375-***1234转8001", id="landline-zhuan"),
    pytest.param("03752621234", "0375***1234", id="landline-unseparated"),
    pytest.param("家庭电话：2621234", "家庭电话：***1234", id="landline-labelled-local"),
    pytest.param("座机 26212345", "座机 ****2345", id="landline-labelled-8"),
    # bank cards and accounts
    pytest.param("6222021234567890128", "6222***********0128", id="card-19-luhn"),
    pytest.param("6217 0012 3456 7893", "6217********7893", id="card-16-spaces"),
    pytest.param("6217-0012-3456-7893", "6217********7893", id="card-16-dashes"),
    pytest.param("62284800123456782", "6228*********6782", id="card-17"),
    pytest.param("436780123456789017", "4367**********9017", id="card-18-visa"),
    pytest.param("账号：6222021234567890123", "账号：6222***********0123", id="account-not-luhn"),
    pytest.param(
        "开户账户为 4100 1234 5678 9012 345", "开户账户为 4100***********2345", id="account-grouped"
    ),
    pytest.param(
        "银行卡号 6228 4800 1234 5678 911", "银行卡号 6228***********8911", id="account-card-label"
    ),
    pytest.param("帐号1234567890", "帐号1234**7890", id="account-10"),
    pytest.param(
        "账号6222021234567890123 13812345678",
        "账号6222***********0123 138****5678",
        id="account-then-mobile",
    ),
    pytest.param("卡号：6217001234567893", "卡号：6217********7893", id="account-card-luhn"),
    # e-mail
    pytest.param("zhangsan@example.com", "z***@example.com", id="email"),
    pytest.param("邮箱：li.si+case@mail.pds.gov.cn", "邮箱：l***@mail.pds.gov.cn", id="email-dots"),
    pytest.param("13812345678@qq.com", "1***@qq.com", id="email-mobile-mailbox"),
    pytest.param("Wang_Wu@163.com。", "W***@163.com。", id="email-sentence"),
    # licence plates of natural persons
    pytest.param("豫D12345", "豫D***45", id="plate"),
    pytest.param("豫D·A1234", "豫D***34", id="plate-dot"),
    pytest.param("豫DD12345", "豫D****45", id="plate-new-energy"),
    pytest.param("豫D12345F", "豫D****5F", id="plate-new-energy-suffix"),
    pytest.param("京A 8K2M9号车", "京A***M9号车", id="plate-space"),
    pytest.param("驾驶豫d12345", "驾驶豫D***45", id="plate-lower"),
    pytest.param("豫D1234挂", "豫D***4挂", id="plate-trailer"),
    # room-level home addresses
    pytest.param(
        "家住新华区建设路中段12号院3号楼2单元501室",
        "家住新华区建设路中段**号院*号楼*单元***室",
        id="address-room",
    ),
    pytest.param(
        "户籍地：宝丰县城关镇南街村3组15号",
        "户籍地：宝丰县城关镇南街村*组**号",
        id="address-village",
    ),
    pytest.param("住建业小区3-2-501", "住建业小区*-*-***", id="address-dashed"),
    pytest.param("住址：卫东区光明路12号", "住址：卫东区光明路**号", id="address-door-home"),
    pytest.param(
        "家住湛河区姚孟村三组十五号", "家住湛河区姚孟村*组**号", id="address-chinese-numerals"
    ),
    pytest.param("东方花园B座1203室", "东方花园*座****室", id="address-letter-block"),
    pytest.param("阳光小区A区5栋602", "阳光小区A区*栋***", id="address-bare-room"),
    pytest.param("现住幸福街3号楼2单元501", "现住幸福街*号楼*单元***", id="address-no-shi"),
    pytest.param("居住于建设路 12号院3号楼", "居住于建设路 **号院*号楼", id="address-space"),
    # health
    pytest.param("当事人患有糖尿病，", f"当事人{HEALTH}，", id="health-suffers"),
    pytest.param("经医院诊断为抑郁症。", f"经医院{HEALTH}。", id="health-diagnosed"),
    pytest.param(
        "其持有残疾人证号41040219800101123X42", f"其持有{HEALTH}", id="health-disability-card"
    ),
    pytest.param("其妻怀孕7个月", f"其妻{HEALTH}", id="health-pregnant"),
    pytest.param("提供了病历资料", f"提供了{HEALTH}", id="health-records"),
    pytest.param("有精神疾病史", f"有{HEALTH}", id="health-mental"),
    pytest.param("系孕妇", f"系{HEALTH}", id="health-pregnant-woman"),
    pytest.param("确诊新冠肺炎后", HEALTH, id="health-confirmed"),
    pytest.param("系残疾人", f"系{HEALTH}", id="health-disabled"),
    pytest.param("感染HIV", f"感染{HEALTH}", id="health-hiv"),
    # names found by label (natural persons other than the party, and the party itself)
    pytest.param("证人:李四,男", "证人:李某,男", id="name-witness"),
    pytest.param("见证人：王小明（", "见证人：王某某（", id="name-observer"),
    pytest.param("法定代表人：欧阳娜娜，", "法定代表人：欧阳某某，", id="name-representative"),
    pytest.param("当事人：张三，男", "当事人：张某，男", id="name-party-label"),
    pytest.param("姓名：诸葛明。", "姓名：诸葛某。", id="name-form-field"),
    pytest.param("经营者：张三，", "经营者：张某，", id="name-operator"),
]

# Text that must come out exactly as it went in (party is a person: the strictest setting).
MUST_STAY = [
    pytest.param("平城管罚决字〔2026〕第123号", id="docno"),
    pytest.param("平城管罚决字[2026]第123号", id="docno-square"),
    pytest.param("平城管（新华）罚决字（2026）第0123号", id="docno-round"),
    pytest.param("国办发〔2018〕118号", id="docno-state-council"),
    pytest.param("豫政〔2020〕1号", id="docno-province"),
    pytest.param("平城管立字〔2026〕15号", id="docno-filing"),
    pytest.param("罚款5000元", id="amount"),
    pytest.param("人民币壹万元整", id="amount-capital"),
    pytest.param("罚款人民币50,000.00元", id="amount-grouped"),
    pytest.param("处5万元罚款", id="amount-wan"),
    pytest.param("罚款12345678元", id="amount-8-digits"),
    pytest.param("共计罚没款2,345,678.90元", id="amount-millions"),
    pytest.param("2026年3月5日", id="date-chinese"),
    pytest.param("2026-03-05", id="date-iso"),
    pytest.param("2026/3/5", id="date-slash"),
    pytest.param("2026.03.05", id="date-dots"),
    pytest.param("决定日期20260305", id="date-compact"),
    pytest.param("时间：2026年3月5日14时30分", id="date-time"),
    pytest.param("二〇二六年三月五日", id="date-chinese-numerals"),
    pytest.param("责令于2026年3月20日前改正", id="date-deadline"),
    pytest.param("第三十七条", id="article"),
    pytest.param("第37条第2款", id="article-digits"),
    pytest.param("《中华人民共和国行政处罚法》第三十七条第一款第（三）项", id="article-law"),
    pytest.param("依据《中华人民共和国残疾人保障法》第五十条", id="law-title-health-word"),
    pytest.param("投诉举报电话：12319", id="hotline-12319"),
    pytest.param("市民热线12345", id="hotline-12345"),
    pytest.param("投诉电话0375-12319", id="hotline-with-area-code"),
    pytest.param("邮编：467000", id="postal-code"),
    pytest.param("邮政编码467000", id="postal-code-long"),
    pytest.param("案件编号：410402202603050012", id="case-number-id-shaped"),
    pytest.param("跟踪号：2016030512345674", id="tracking-number-luhn"),
    pytest.param("2016030512345674", id="date-prefixed-luhn-number"),
    pytest.param("编号：PDS-2026-0001", id="code"),
    pytest.param("统一社会信用代码：91410400MA44ABCD1X", id="credit-code"),
    pytest.param("执法证号：41040012345，工号：080123", id="officer-numbers"),
    pytest.param("占道经营面积约12平方米", id="area"),
    pytest.param("违法建设面积120平方米，层高3.5米", id="building-size"),
    pytest.param("当事人陈述，申辩意见不成立", id="party-statement"),
    pytest.param("证人证言、现场照片3张", id="witness-statement"),
    pytest.param("当事人：张某某，男", id="already-masked-party"),
    pytest.param("平顶山市新华区城市管理局位于建设路中段12号", id="unit-door-number"),
    pytest.param("高新区1号路", id="road-number"),
    pytest.param("新华区建设路与中兴路交叉口向东50米", id="crossing"),
    pytest.param("渣土车辆未密闭运输，撒漏长度约200米", id="violation"),
    pytest.param("共查处案件1234件，涉及商户56家", id="statistics"),
    pytest.param("G207国道", id="road"),
    pytest.param("ARCHIVE编号", id="hiv-inside-a-word"),
    pytest.param("已联系市残疾人联合会", id="disabled-persons-federation"),
    pytest.param("罚款138.12345678元", id="amount-looks-like-dotted-mobile"),
    pytest.param("执法人员2名，出动车辆3台次", id="staffing"),
]

ORGANISATION_PARTY = [
    pytest.param("豫D12345渣土车未密闭", "豫D12345渣土车未密闭", id="plate-stays"),
    pytest.param(
        "住所：新华区建设路中段12号院3号楼201室",
        "住所：新华区建设路中段12号院3号楼201室",
        id="business-address-stays",
    ),
    pytest.param(
        "当事人：平顶山市某某建筑工程有限公司",
        "当事人：平顶山市某某建筑工程有限公司",
        id="organisation-party-stays",
    ),
    pytest.param(
        "证人家住新华区建设路12号院3号楼",
        "证人家住新华区建设路**号院*号楼",
        id="witness-home-masked",
    ),
    pytest.param(
        "法定代表人身份证号410402198001011234",
        "法定代表人身份证号410402********1234",
        id="representative-id-masked",
    ),
    pytest.param("负责人电话13812345678", "负责人电话138****5678", id="mobile-masked"),
    pytest.param("负责人：李明，", "负责人：李某，", id="representative-name-masked"),
]

PUBLIC_PHONES = ("0375-2621234", "139 1234 5678", "12319")

WITH_PUBLIC_PHONES = [
    pytest.param("联系电话：0375-2621234", "联系电话：0375-2621234", id="same-format"),
    pytest.param("联系电话：(0375)2621234", "联系电话：(0375)2621234", id="brackets"),
    pytest.param("电话2621234", "电话2621234", id="without-area-code"),
    pytest.param("０３７５－２６２１２３４", "０３７５－２６２１２３４", id="fullwidth"),
    pytest.param("咨询电话13912345678", "咨询电话13912345678", id="public-mobile"),
    pytest.param("0375-2621234转801", "0375-2621234转801", id="with-extension"),
    pytest.param("0375-2621235", "0375-***1235", id="neighbour-masked"),
    pytest.param("本人手机13812345678", "本人手机138****5678", id="private-mobile-masked"),
]

FULL_WIDTH = [
    pytest.param("１３８１２３４５６７８", "138****5678", id="mobile"),
    pytest.param("１３８　１２３４　５６７８", "138****5678", id="mobile-ideographic-spaces"),
    pytest.param("138\u200b1234\u200b5678", "138****5678", id="mobile-zero-width"),
    pytest.param("４１０４０２１９８００１０１１２３Ｘ", "410402********123X", id="id18"),
    pytest.param("０３７５－２６２１２３４", "0375-***1234", id="landline"),
    pytest.param("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "z***@example.com", id="email"),
    pytest.param("豫Ｄ１２３４５", "豫D***45", id="plate"),
    pytest.param("６２１７　００１２　３４５６　７８９３", "6217********7893", id="card"),
    pytest.param("家住建设路１２号院３号楼", "家住建设路**号院*号楼", id="address"),
    pytest.param("２０２６年３月５日", "２０２６年３月５日", id="date-stays"),
    pytest.param(
        "平城管罚决字〔２０２６〕第１２３号", "平城管罚决字〔２０２６〕第１２３号", id="docno-stays"
    ),
    pytest.param("罚款５０００元", "罚款５０００元", id="amount-stays"),
]

PARTY_NAMES = [
    pytest.param("张三", "person", "张某某", id="two-chars"),
    pytest.param("张三丰", "person", "张某某", id="three-chars"),
    pytest.param(" 李四 ", "person", "李某某", id="padded"),
    pytest.param("欧阳娜娜", "person", "欧阳某某", id="ouyang"),
    pytest.param("司马光", "person", "司马某某", id="sima"),
    pytest.param("诸葛亮", "person", "诸葛某某", id="zhuge"),
    pytest.param("上官婉儿", "person", "上官某某", id="shangguan"),
    pytest.param("皇甫嵩", "person", "皇甫某某", id="huangfu"),
    pytest.param("令狐冲", "person", "令狐某某", id="linghu"),
    pytest.param("慕容复", "person", "慕容某某", id="murong"),
    pytest.param("东方明", "person", "东方某某", id="dongfang"),
    pytest.param("尉迟恭", "person", "尉迟某某", id="yuchi"),
    pytest.param("长孙无忌", "person", "长孙某某", id="zhangsun"),
    pytest.param("宇文泰", "person", "宇文某某", id="yuwen"),
    pytest.param("欧阳", "person", "欧某某", id="two-chars-looking-compound"),
    pytest.param("买买提·艾力", "person", "买某某", id="middle-dot"),
    pytest.param("阿依古丽・吐尔逊", "person", "阿某某", id="katakana-dot"),
    pytest.param("张某某", "person", "张某某", id="already-masked"),
    pytest.param("", "person", "某某", id="empty"),
    pytest.param("   ", "person", "某某", id="spaces"),
    pytest.param("\u3000", "person", "某某", id="ideographic-space"),
    pytest.param(None, "person", "某某", id="none"),
    pytest.param(
        "平顶山市某某建筑工程有限公司", "organisation", "平顶山市某某建筑工程有限公司", id="org"
    ),
    pytest.param(" 叶县某某商贸有限公司 ", "organisation", "叶县某某商贸有限公司", id="org-padded"),
    pytest.param("欧阳商行", "organization", "欧阳商行", id="org-us-spelling"),
]

# One finding of the given kind for each input.
KIND_OF = [
    pytest.param("身份证号410402198001011234", "id_number", id="id_number"),
    pytest.param("手机13812345678", "mobile", id="mobile"),
    pytest.param("0375-2621234", "landline", id="landline"),
    pytest.param("6222021234567890128", "bank_card", id="bank_card"),
    pytest.param("zhangsan@example.com", "email", id="email"),
    pytest.param("豫D12345", "plate", id="plate"),
    pytest.param("家住建设路12号院3号楼", "address", id="address"),
    pytest.param("患有高血压", "health", id="health"),
    pytest.param("证人:李四,", "name", id="name"),
    pytest.param("410402198001011235", "id_number", id="luhn-valid-id-is-not-a-card"),
    pytest.param("13812345678@qq.com", "email", id="email-beats-mobile"),
    pytest.param("身份证号：410402198001011234", "id_number", id="labelled-id-once"),
]

PARAGRAPH = (
    "平城管罚决字〔2026〕第123号\n"
    "当事人：张三，男，1980年1月1日出生，身份证号41040219800101123X，"
    "家住新华区建设路中段12号院3号楼2单元501室，联系电话138 1234 5678，"
    "邮箱zhangsan@example.com。\n"
    "2026年3月5日，执法人员在建设路与中兴路交叉口发现当事人驾驶豫D·A1234三轮车占道经营。"
    "证人：李四，手机+86-139-8765-4321，其家中座机0375-2625678。"
    "当事人称其患有糖尿病，并提供病历资料，请求从轻处罚。"
    "见证人王五到场。\n"
    "依据《城市市容和环境卫生管理条例》第三十六条第（一）项，决定罚款人民币500元（伍佰元整），"
    "缴入账号6222021234567890123。"
    "如不服，可于2026-03-20前申请复议，或拨打12319、0375-2621234咨询。"
)

PARAGRAPH_MASKED = (
    "平城管罚决字〔2026〕第123号\n"
    "当事人：张某某，男，1980年1月1日出生，身份证号410402********123X，"
    "家住新华区建设路中段**号院*号楼*单元***室，联系电话138****5678，"
    "邮箱z***@example.com。\n"
    "2026年3月5日，执法人员在建设路与中兴路交叉口发现当事人驾驶豫D***34三轮车占道经营。"
    "证人：李某，手机+86-139****4321，其家中座机0375-***5678。"
    f"当事人称其{HEALTH}，并提供{HEALTH}，请求从轻处罚。"
    "见证人王某某到场。\n"
    "依据《城市市容和环境卫生管理条例》第三十六条第（一）项，决定罚款人民币500元（伍佰元整），"
    "缴入账号6222***********0123。"
    "如不服，可于2026-03-20前申请复议，或拨打12319、0375-2621234咨询。"
)


@pytest.mark.parametrize(("text", "expected"), MUST_MASK)
def test_must_mask(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize("text", MUST_STAY)
def test_must_stay(text):
    assert mask_text(text) == text
    assert find_personal_data(text) == []


@pytest.mark.parametrize(("text", "expected"), ORGANISATION_PARTY)
def test_organisation_party(text, expected):
    assert mask_text(text, party_is_person=False) == expected


@pytest.mark.parametrize(("text", "expected"), WITH_PUBLIC_PHONES)
def test_public_phones_stay(text, expected):
    assert mask_text(text, public_phones=PUBLIC_PHONES) == expected


PUBLIC_EMAILS = ("xinhua_cgts@pds.gov.cn", "CGJD@pds.gov.cn")

# A unit's published mailbox stays; everyone else's is masked, also next to it.
WITH_PUBLIC_EMAILS = [
    pytest.param("投诉邮箱：xinhua_cgts@pds.gov.cn", "投诉邮箱：xinhua_cgts@pds.gov.cn", id="unit"),
    pytest.param("来信请寄cgjd@PDS.gov.cn。", "来信请寄cgjd@PDS.gov.cn。", id="case-insensitive"),
    pytest.param(
        "当事人邮箱zhang.san@163.com，单位邮箱xinhua_cgts@pds.gov.cn",
        "当事人邮箱z***@163.com，单位邮箱xinhua_cgts@pds.gov.cn",
        id="private-beside-public",
    ),
    pytest.param("xinhua_cgts2@pds.gov.cn", "x***@pds.gov.cn", id="similar-is-not-public"),
]


@pytest.mark.parametrize(("text", "expected"), WITH_PUBLIC_EMAILS)
def test_public_emails_stay(text, expected):
    assert mask_text(text, public_emails=PUBLIC_EMAILS) == expected
    assert mask_text(text) != text  # without the list, every address is masked


@pytest.mark.parametrize(("text", "expected"), FULL_WIDTH)
def test_full_width_input(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize(("name", "party_type", "expected"), PARTY_NAMES)
def test_mask_party_name(name, party_type, expected):
    assert mask_party_name(name, party_type) == expected


def test_mask_party_name_rejects_unknown_party_type():
    with pytest.raises(ValueError, match="party_type"):
        mask_party_name("张三", "company")


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        pytest.param(
            "证人王五证实当事人张三在此经营",
            ("张三", "王五"),
            "证人王某某证实当事人张某某在此经营",
            id="party-and-witness",
        ),
        pytest.param("买买提·艾力称", ("买买提·艾力",), "买某某称", id="dotted"),
        pytest.param("买买提艾力称", ("买买提·艾力",), "买某某称", id="dotted-written-without"),
        pytest.param(
            "欧阳娜娜与欧阳娜娜", ("欧阳娜娜",), "欧阳某某与欧阳某某", id="every-occurrence"
        ),
        pytest.param("张三", "张三", "张某某", id="single-string-not-characters"),
        pytest.param("张三称", ("张", "", "  "), "张某称", id="too-short-ignored-found-anyway"),
        pytest.param("张某某称", ("张某某",), "张某某称", id="already-masked-name"),
        pytest.param("当事人张三", ["张三"], "当事人张某某", id="list"),
    ],
)
def test_explicit_names(text, names, expected):
    assert mask_text(text, names=names) == expected


@pytest.mark.parametrize(("text", "kind"), KIND_OF)
def test_finding_kind_and_position(text, kind):
    [finding] = find_personal_data(text)
    assert finding.kind == kind
    assert text[finding.start : finding.end] == finding.original


def test_findings_are_ordered_and_point_into_the_original_text():
    text = "手机１３８１２３４５６７８，证人：李四，邮箱a@b.cn"
    findings = find_personal_data(text)
    assert findings == [
        Finding("mobile", 2, 13, "１３８１２３４５６７８", "138****5678"),
        Finding("name", 17, 19, "李四", "李某"),
        Finding("email", 22, 28, "a@b.cn", "a***@b.cn"),
    ]


def test_empty_text():
    assert mask_text("") == ""
    assert find_personal_data("") == []


def test_realistic_decision_paragraph():
    assert mask_text(PARAGRAPH, names=("张三", "王五"), public_phones=("0375-2621234",)) == (
        PARAGRAPH_MASKED
    )


def test_paragraph_finds_every_kind():
    findings = find_personal_data(PARAGRAPH, names=("张三", "王五"))
    assert {finding.kind for finding in findings} == {
        "id_number",
        "mobile",
        "landline",
        "bank_card",
        "email",
        "plate",
        "address",
        "health",
        "name",
    }


IDEMPOTENCE = [
    *[pytest.param(p.values[0], id=f"mask-{p.id}") for p in MUST_MASK],
    *[pytest.param(p.values[0], id=f"fullwidth-{p.id}") for p in FULL_WIDTH],
    pytest.param(PARAGRAPH, id="paragraph"),
]


@pytest.mark.parametrize("text", IDEMPOTENCE)
def test_masking_is_idempotent(text):
    once = mask_text(text, names=("张三", "王五"))
    assert mask_text(once, names=("张三", "王五")) == once
