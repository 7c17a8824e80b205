"""Generating one demo case: a realistic working copy with its personal data (see demo.py)."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from portal.core.models import LOCAL_TZ
from portal.disclosure.decisions import demo_content as content
from portal.org.models import Unit


@dataclass
class DemoCase:
    """The working copy of one demo decision (duck-types PenaltyDecision for the masking)."""

    unit: Unit
    doc_no: str
    party_name: str
    party_type: str
    violation_type: str
    violation: str
    facts: str
    legal_basis: str
    penalty: str
    fine_amount: Decimal
    decided_on: date
    related_names: str = ""
    confiscated_income: Decimal = Decimal("0")
    confiscated_property_value: Decimal = Decimal("0")
    party_is_minor: bool = False
    is_major: bool = False
    #: lifecycle columns of the row (status, dates, revocation …)
    plan: dict = field(default_factory=dict)

    @property
    def related_name_list(self) -> list[str]:
        return [name for name in self.related_names.splitlines() if name]


def weighted(rnd: random.Random, choices: dict):
    return rnd.choices(list(choices), weights=list(choices.values()))[0]


def _person_name(rnd: random.Random) -> str:
    return rnd.choice(content.SURNAMES) + rnd.choice(content.GIVEN_NAMES)


def _id_number(rnd: random.Random, division: str) -> str:
    birth = date(1960, 1, 1) + timedelta(days=rnd.randrange(365 * 42))
    body = f"{division}{birth:%Y%m%d}{rnd.randrange(1000):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _mobile(rnd: random.Random) -> str:
    return rnd.choice(content.MOBILE_PREFIXES) + f"{rnd.randrange(10**8):08d}"


def _plate(rnd: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return content.PROVINCE_PLATE + rnd.choice(letters) + f"{rnd.randrange(10**4):04d}"


def _place(rnd: random.Random, unit: Unit) -> str:
    road, road2 = rnd.sample(content.ROADS, 2)
    pattern = rnd.choice(content.PLACES)
    where = pattern.format(road=road, road2=road2, n=rnd.randrange(1, 300))
    return f"{unit.short_name}{where}" if unit.level == "district" else where


def _money(low: int, high: int, rnd: random.Random) -> Decimal:
    step = 50 if high <= 5000 else 500
    return Decimal(rnd.randrange(low // step, high // step + 1) * step)


def make_case(rnd: random.Random, unit: Unit, decided_on: date, doc_no: str) -> DemoCase:
    kind = rnd.choices(content.CASE_KINDS, weights=[k.weight for k in content.CASE_KINDS])[0]
    person = rnd.random() < kind.person_share
    county = unit.short_name
    when = f"{decided_on.year}年{decided_on.month}月{max(1, decided_on.day - 3)}日"
    words = {
        "place": _place(rnd, unit),
        "goods": rnd.choice(content.GOODS),
        "area": rnd.randrange(2, 120),
        "structure": rnd.choice(content.STRUCTURES),
        "ad": rnd.choice(content.ADS),
        "count": rnd.randrange(3, 40),
        "length": rnd.randrange(20, 400),
        "plate": _plate(rnd),
    }
    related = []
    if person:
        name = _person_name(rnd)
        community = rnd.choice(content.COMMUNITIES)
        home = (
            f"{county}{rnd.choice(content.ROADS)}{community}{rnd.randrange(1, 30)}号楼"
            f"{rnd.randrange(1, 6)}单元{rnd.randrange(1, 30)}0{rnd.randrange(1, 4)}室"
        )
        identity = (
            f"当事人{name}，身份证号{_id_number(rnd, unit.division_code)}，住{home}，"
            f"联系电话{_mobile(rnd)}。"
        )
        fine = _money(*kind.person_fines, rnd)
    else:
        name = rnd.choice(kind.organisations).format(
            word=rnd.choice(content.COMPANY_WORDS), county=county
        )
        representative = _person_name(rnd)
        related.append(representative)
        identity = f"当事人{name}，法定代表人：{representative}，联系电话{_mobile(rnd)}。"
        fine = _money(*kind.organisation_fines, rnd)
    act = kind.act.format(**words)
    facts = f"{identity}{when}，当事人{act}。"
    if person and rnd.random() < 0.3:
        witness = _person_name(rnd)
        related.append(witness)
        facts += f"证人{witness}在场见证。"
    facts += "以上事实有现场检查笔录、询问笔录、现场照片等证据证实。"
    penalty = kind.penalty.format(fine=f"{fine:.0f}")
    if kind.severe_measure and rnd.random() < 0.04:
        penalty += kind.severe_measure
    return DemoCase(
        unit=unit,
        doc_no=doc_no,
        party_name=name,
        party_type="person" if person else "organisation",
        violation_type=kind.violation_type,
        violation=kind.violation.format(**words),
        facts=facts,
        legal_basis=kind.legal_basis,
        penalty=penalty,
        fine_amount=fine,
        decided_on=decided_on,
        related_names="\n".join(related),
    )


def office_moment(rnd: random.Random, day: date) -> datetime:
    """A time in office hours on ``day``, as naive UTC."""
    local = datetime.combine(day, time(9, 0), tzinfo=LOCAL_TZ) + timedelta(
        minutes=rnd.randrange(0, 8 * 60)
    )
    return local.astimezone(UTC).replace(tzinfo=None)


def decision_dates(rnd: random.Random, today: date, count: int) -> list[date]:
    days = [today - timedelta(days=rnd.randrange(1, 731)) for _ in range(count)]
    # a few past the 2-year retention for natural persons, to show expired permalinks
    days += [today - timedelta(days=rnd.randrange(745, 800)) for _ in range(12)]
    return sorted(days)
