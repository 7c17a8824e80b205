"""Compiled patterns and word lists behind :mod:`portal.core.masking`.

Every pattern runs on the *normalised* text (:func:`normalise`): full-width ASCII, unusual
spaces and dash or dot variants are mapped one character to one character onto plain ASCII, so
a position in the normalised text is the same position in the original text. After
normalisation the Chinese punctuation ，：；（） has become ,:;() — the patterns rely on that.
"""

import re


def _normalise_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # ！..～ → !..~
    spaces = [0x3000, 0x00A0, 0x202F, 0x205F, 0x2060, 0xFEFF, *range(0x2000, 0x200E)]
    table.update({code: " " for code in spaces})  # incl. zero-width ones used to split numbers
    dashes = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63]
    table.update({code: "-" for code in dashes})
    table.update({code: "·" for code in (0x2022, 0x2027, 0x2219, 0x30FB, 0xFF65)})
    table[0xFFE5] = "¥"
    return table


_NORMALISE = _normalise_table()


def normalise(text: str) -> str:
    """The text with look-alike characters mapped one-to-one onto ASCII (same length)."""
    return text.translate(_NORMALISE)


# --- protected: never masked, and no number-shaped finding may overlap them ------------------

# 文书号 such as 平城管罚决字〔2026〕第123号 or 国办发〔2018〕118号: the bracketed year and the
# number are protected; the Chinese prefix holds no digits, so it needs no protection.
DOCUMENT_NUMBER_RE = re.compile(r"[〔\[【(] ?(?:19|20)\d{2} ?[〕\]】)] ?第? ?\d{1,6} ?号")
# Case and tracking numbers are only recognised after their label; they may look like anything.
CASE_NUMBER_RE = re.compile(
    r"(?:案号|案件编号|案件号|立案编号|立案号|受理编号|受理号|跟踪号|跟踪编号|查询号|业务编号"
    r"|流水号|文书编号) ?:? ?([A-Za-z0-9-]{4,32})"
)
# Dates: 2026年3月5日, 2026-03-05, 2026/3/5, 2026.03.05 and a bare 20260305.
DATE_RE = re.compile(
    r"(?<!\d)\d{4}年\d{1,2}月(?:\d{1,2}日)?"
    r"|(?<!\d)\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"
    r"|(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
)
# Amounts: 罚款5000元, 50,000.00元, 5万元, 人民币壹万元整.
AMOUNT_RE = re.compile(
    r"(?<![\d.])(?:人民币|¥)? ?\d[\d,]*(?:\.\d+)? ?(?:万|亿)?元"
    r"|(?:人民币)?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+元[零壹贰叁肆伍陆柒捌玖拾角分整]*"
)
# Article references: 第三十七条, 第37条第2款.
ARTICLE_RE = re.compile(r"第[\d零〇一二三四五六七八九十百千]+[条款项章节目]")
# Titles of laws and documents: 《中华人民共和国残疾人保障法》 must not count as health data.
TITLE_RE = re.compile(r"《[^《》]{1,60}》")
POSTAL_CODE_RE = re.compile(r"(?:邮编|邮政编码) ?:? ?\d{6}(?!\d)")

PROTECTED_PATTERNS = (
    DOCUMENT_NUMBER_RE,
    CASE_NUMBER_RE,
    DATE_RE,
    AMOUNT_RE,
    ARTICLE_RE,
    TITLE_RE,
    POSTAL_CODE_RE,
)

# --- personal data ---------------------------------------------------------------------------

# Whatever follows a 身份证号 label is an ID, even when its length or date is wrong (Chinese
# numerals are already digits here: these run on ``masking_numbers.numeric`` text).
ID_CONTEXT_RE = re.compile(
    r"(?:身份证(?:号码|号)?|公民身份(?:号码|证号)|身份号码) ?(?:为|是|:)? ?"
    r"(\d(?:[ -]?\d){6,18}[ -]?[\dXx])(?![\dA-Za-z])"
)
# A bare number after a phone label: a 7-8 digit local number, or a mistyped mobile.
PHONE_CONTEXT_RE = re.compile(
    r"(?:电话|手机|座机|固话|联系方式|tel|TEL|Tel)(?:号码|号)? ?:? ?"
    r"([2-9](?:[ -]?\d){6,7}|1(?:[ -]?\d){9,11})(?![\d])"
)
# After an account label any digit run counts, Luhn or not. Groups after a space or dash are
# short and taken whole, so the run never swallows, or stops inside, a following phone number.
ACCOUNT_CONTEXT_RE = re.compile(
    r"(?:银行卡号|银行卡|银行账号|账号|帐号|账户|帐户|卡号)(?:号码|为|是|:| )* ?"
    r"(\d{4,}(?:[ -]\d{1,6}(?!\d))*)"
)
# WeChat and QQ accounts introduced as such: 微信号wxid_ab12cd, 微信:zhang-san88, QQ 12345678.
IM_ACCOUNT_RE = re.compile(
    r"(?:微信号?|微信账号|weixin|wechat|WeChat|VX|vx|V信|QQ号?|qq号?|QQ账号|扣扣号?)(?:码)?"
    r"(?:为|是|:| )* ?"
    r"(?P<account>[A-Za-z][-_A-Za-z0-9]{5,19}|[1-9]\d{4,11})(?![-_A-Za-z0-9@.])"
)

EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)

# Plates: province + letter + 5 characters (6 for new-energy, or 4 + 挂/学/警…), at least one
# digit; lower case accepted because typed data is not always tidy.
PLATE_RE = re.compile(
    r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])([A-Za-z])[·. -]?"
    r"((?=[A-Za-z0-9]{0,5}\d)[A-Za-z0-9]{5,6}|[A-Za-z0-9]{3}\d[挂学警港澳领])(?![A-Za-z0-9])"
)

# House-number tails right after a road / community word: 12号院3号楼2单元501室, 3-2-501,
# 5栋602 (a bare room number may end the tail).
_ADDRESS_NUMBER = r"(?:\d{1,5}|[A-Za-z]\d{0,4}|[零〇一二三四五六七八九十百]{1,4})"
_ADDRESS_UNIT = r"(?:号院|号楼|号房|号|栋|幢|座|单元|楼|层|室|户|组|排|#)"
_ADDRESS_COMPONENT = _ADDRESS_NUMBER + _ADDRESS_UNIT
_ADDRESS_DASHED = r"\d{1,3}(?:-\d{1,4}){1,2}(?:室|号|户)?"
ADDRESS_RE = re.compile(
    r"(?<=[路街道巷弄村组院苑区里园厦寓庄段城楼宅屯湾坊舍]) ?"
    rf"(?P<tail>{_ADDRESS_COMPONENT}(?: ?{_ADDRESS_COMPONENT}){{0,5}}"
    rf"(?: ?{_ADDRESS_DASHED}|-?\d{{1,5}}(?![\d年月日元]))?|{_ADDRESS_DASHED})"
)
ADDRESS_COMPONENT_RE = re.compile(_ADDRESS_COMPONENT)
# Below door-number level: building, unit, floor, room.
ADDRESS_ROOM_LEVEL_RE = re.compile(r"号楼|栋|幢|座|单元|楼|层|室|户|#")
ADDRESS_MASKED_CHAR_RE = re.compile(r"[0-9A-Za-z零〇一二三四五六七八九十百]")
# Words that make an address someone's home (checked in the same clause, just before it).
HOME_LABEL_RE = re.compile(r"家住|住址|现住|现居|居住|户籍|家庭地址|暂住|住在|住所")
HOME_LABEL_FOR_ORGANISATION_RE = re.compile(r"家住|住址|现住|现居|居住|户籍|家庭地址|暂住|住在")

# Health: a diagnosis verb with its object up to the end of the clause, or a standalone term.
HEALTH_RE = re.compile(
    r"(?:患有|患上|罹患|身患|被?诊断为|经诊断|诊断结果为|确诊为?)"
    r"[^\d\s,.;:!?()、。，；：！？（）【】《》]{1,20}"
    r"|精神(?:疾病|病|障碍|分裂症?)(?:史|患者|病人)?|抑郁症|艾滋病|(?<![A-Za-z])HIV(?![A-Za-z])"
    r"|乙肝|癌症|白血病|尿毒症|偏瘫|瘫痪|智力(?:障碍|残疾)|病历(?:资料)?|病史"
    # 残疾人联合会 (the federation) and 残疾人保障 / 事业 / 福利 are institutions, not a person.
    r"|残疾(?!人?(?:联合会|联|保障|事业|福利))(?:人)?(?:证号?:? ?[0-9A-Za-z]*)?"
    r"|诊断证明(?:书)?|住院治疗|怀孕(?:\d{1,2}|[一二三四五六七八九十]{1,2})?个?(?:月|周)?"
    r"|孕妇|孕期|哺乳期"
)
HEALTH_REPLACEMENT = "【健康信息已隐去】"
