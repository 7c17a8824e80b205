"""Demo data of the disclosure domain: the city's 13 enforcing units.

Names, division codes and postcodes are the real ones; street addresses and phone numbers are
plausible stand-ins, to be replaced by each unit in the back office.
"""

from sqlalchemy import func, select

from portal.org.models import Unit

STANDARD_HOURS = "工作日 8:30—12:00，14:30—17:30（夏季 15:00—18:00）"

DEMO_UNITS = [
    # code, name, short name, level, division, address, postcode, phone, complaint phone
    (
        "zhidui",
        "平顶山市城市管理执法支队",
        "市执法支队",
        "city",
        "410400",
        "平顶山市新华区建设路中段116号",
        "467000",
        "0375-2622301",
        "0375-2622319",
        "全市市区范围内城市管理领域重大、复杂、跨区域违法案件的查处，对各区执法工作进行指导和监督。",
    ),
    (
        "xinhua",
        "平顶山市新华区城市管理和综合执法局",
        "新华区",
        "district",
        "410402",
        "平顶山市新华区中兴路与光明路交叉口东50米",
        "467002",
        "0375-4932601",
        "0375-4932619",
        "新华区行政区域内市容环境卫生、园林绿化、市政设施、城市规划（违法建设）等方面的行政处罚。",
    ),
    (
        "weidong",
        "平顶山市卫东区城市管理和综合执法局",
        "卫东区",
        "district",
        "410403",
        "平顶山市卫东区建设路东段489号",
        "467021",
        "0375-3812301",
        "0375-3812319",
        "卫东区行政区域内城市管理领域的行政处罚及与之相关的行政强制措施。",
    ),
    (
        "zhanhe",
        "平顶山市湛河区城市管理和综合执法局",
        "湛河区",
        "district",
        "410411",
        "平顶山市湛河区南环路中段216号",
        "467000",
        "0375-8198601",
        "0375-8198619",
        "湛河区行政区域内城市管理领域的行政处罚，包括占道经营、渣土运输、户外广告等。",
    ),
    (
        "shilong",
        "平顶山市石龙区城市管理和综合执法局",
        "石龙区",
        "district",
        "410404",
        "平顶山市石龙区龙兴街12号",
        "467045",
        "0375-6512301",
        "0375-6512319",
        "石龙区行政区域内城市管理领域的行政处罚及相关行政检查。",
    ),
    (
        "baofeng",
        "宝丰县城市管理和综合执法局",
        "宝丰县",
        "county",
        "410421",
        "宝丰县城关镇人民路中段88号",
        "467400",
        "0375-6128801",
        "0375-6128819",
        "宝丰县城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "yexian",
        "叶县城市管理和综合执法局",
        "叶县",
        "county",
        "410422",
        "叶县昆阳镇健康路西段36号",
        "467200",
        "0375-3325601",
        "0375-3325619",
        "叶县城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "lushan",
        "鲁山县城市管理和综合执法局",
        "鲁山县",
        "county",
        "410423",
        "鲁山县鲁阳街道向阳路南段66号",
        "467300",
        "0375-5063101",
        "0375-5063119",
        "鲁山县城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "jiaxian",
        "郏县城市管理和综合执法局",
        "郏县",
        "county",
        "410425",
        "郏县龙山街道广阳路北段28号",
        "467100",
        "0375-5192601",
        "0375-5192619",
        "郏县城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "wugang",
        "舞钢市城市管理和综合执法局",
        "舞钢市",
        "county",
        "410481",
        "舞钢市垭口街道建设路中段19号",
        "462500",
        "0375-8119901",
        "0375-8119919",
        "舞钢市城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "ruzhou",
        "汝州市城市管理和综合执法局",
        "汝州市",
        "county",
        "410482",
        "汝州市煤山街道丹阳中路118号",
        "467500",
        "0375-6830201",
        "0375-6830219",
        "汝州市城市规划区内城市管理领域的行政处罚。",
    ),
    (
        "shifanqu",
        "平顶山市城乡一体化示范区城市管理和综合执法局",
        "示范区",
        "zone",
        "410472",
        "平顶山市城乡一体化示范区长安大道与兴业路交叉口",
        "467000",
        "0375-2798601",
        "0375-2798619",
        "城乡一体化示范区范围内城市管理领域的行政处罚。",
    ),
    (
        "gaoxinqu",
        "平顶山高新技术产业开发区城市管理和综合执法局",
        "高新区",
        "zone",
        "410471",
        "平顶山高新区神马大道与建设路交叉口向西200米",
        "467013",
        "0375-3368601",
        "0375-3368619",
        "高新区范围内城市管理领域的行政处罚。",
    ),
]


def load_demo_units(session) -> tuple[int, int]:
    existing = set(session.scalars(select(Unit.code)))
    added = 0
    for order, row in enumerate(DEMO_UNITS, start=1):
        (
            code,
            name,
            short_name,
            level,
            division,
            address,
            postcode,
            phone,
            complaint_phone,
            jurisdiction,
        ) = row
        if code in existing:
            continue
        session.add(
            Unit(
                code=code,
                name=name,
                short_name=short_name,
                level=level,
                division_code=division,
                address=address,
                postcode=postcode,
                phone=phone,
                complaint_phone=complaint_phone,
                complaint_email=f"{code}_cgts@pds.gov.cn",
                mailbox_location=f"{address} 一楼大厅举报箱",
                visit_address=f"{address} 来访接待室",
                visit_hours=STANDARD_HOURS,
                jurisdiction=jurisdiction,
                sort_order=order,
            )
        )
        added += 1
    session.flush()
    _configure_review_organs(session)
    return added, session.scalar(select(func.count()).select_from(Unit))


#: the city detachment's 复查机关, outside the portal
CITY_REVIEW_ORGAN = "平顶山市城市管理局"


def _configure_review_organs(session) -> None:
    """复查机关 (信访工作条例 第35条): the city detachment for every district, county and zone
    unit; the city bureau (outside the portal) for the detachment. Set only where unset."""
    units = session.scalars(select(Unit)).all()
    city = next((unit for unit in units if unit.level == "city"), None)
    if city is None:
        return
    for unit in units:
        if unit.review_unit_id is not None or unit.review_organ_name:
            continue
        if unit.id == city.id:
            unit.review_organ_name = CITY_REVIEW_ORGAN
        else:
            unit.review_unit = city
    session.flush()
