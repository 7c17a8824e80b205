"""The services of GeoReport v2: one per complaint kind and category (group = the kind).

Codes are ``<kind>-<category>``, e.g. ``complaint-conduct`` (投诉：执法态度) or
``tipoff-street_vending`` (举报：占道经营). Every service takes the optional attributes below;
a conduct complaint also takes the officer's badge number.
"""

from dataclasses import dataclass

from sqlalchemy import select

from portal.complaints.models import KINDS
from portal.org.models import Unit
from portal.results.outcomes.models import CATEGORIES

#: what each kind is for, in the service description
KIND_DESCRIPTIONS = {
    "complaint": "投诉执法人员或执法单位的执法行为",
    "tipoff": "举报违法行为（可匿名；举报不公开）",
    "suggestion": "对城市管理执法工作的建议",
    "praise": "表扬执法人员或执法单位",
}
#: categories about an officer's conduct: their services ask for the badge number
CONDUCT_CATEGORIES = ("conduct",)
#: the kinds whose requests GET lists (a tip-off never appears, nor does praise)
LISTED_KINDS = ("complaint", "suggestion")


@dataclass(frozen=True)
class Service:
    kind: str
    category: str

    @property
    def code(self) -> str:
        return f"{self.kind}-{self.category}"

    @property
    def name(self) -> str:
        return f"{KINDS[self.kind]}：{CATEGORIES[self.category]}"

    def as_dict(self) -> dict:
        return {
            "service_code": self.code,
            "service_name": self.name,
            "description": f"{KIND_DESCRIPTIONS[self.kind]}（{CATEGORIES[self.category]}）",
            "metadata": True,
            "type": "batch",
            "keywords": f"{KINDS[self.kind]},{CATEGORIES[self.category]}",
            "group": KINDS[self.kind],
        }


SERVICES = {
    service.code: service
    for service in (Service(kind, category) for kind in KINDS for category in CATEGORIES)
}


def service_of(kind: str, category: str | None) -> Service:
    return SERVICES[f"{kind}-{category if category in CATEGORIES else 'other'}"]


def definition(session, service: Service) -> dict:
    """The service definition: the attributes a POST may add as ``attribute[code]``."""
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    attributes = [
        {
            "variable": True,
            "code": "unit",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "执法单位代码；不清楚时不填，由综合监督科分派",
            "order": 1,
            "description": "涉及的执法单位",
            "values": [{"key": unit.code, "name": unit.name} for unit in units],
        },
        {
            "variable": True,
            "code": "occurred_at",
            "datatype": "datetime",
            "required": False,
            "datatype_description": "北京时间，格式 YYYY-MM-DDTHH:MM",
            "order": 2,
            "description": "发生时间",
        },
        {
            "variable": True,
            "code": "request",
            "datatype": "text",
            "required": False,
            "datatype_description": "不超过2000字",
            "order": 3,
            "description": "诉求",
        },
    ]
    if service.category in CONDUCT_CATEGORIES:
        attributes.append(
            {
                "variable": True,
                "code": "badge",
                "datatype": "string",
                "required": False,
                "datatype_description": "3至12位数字",
                "order": 4,
                "description": "执法人员工号",
            }
        )
    return {"service_code": service.code, "attributes": attributes}
