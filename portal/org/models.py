"""The organisation: the enforcing units (执法主体). The bottom floor — every domain refers to
a unit, and this module refers to no domain."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db

#: level → how the public pages name it
UNIT_LEVELS = {
    "city": "市级",
    "district": "区级",
    "county": "县（市）级",
    "zone": "功能区",
}


class Unit(db.Model):
    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint("level IN ('city', 'district', 'county', 'zone')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: short Latin code used in URLs, CSV imports and the API, e.g. ``xinhua``
    code: Mapped[str] = mapped_column(String(32), unique=True)
    #: the statutory name of the enforcing body
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(30))
    level: Mapped[str] = mapped_column(String(10))
    #: the administrative division code of the area it covers (GB/T 2260)
    division_code: Mapped[str] = mapped_column(String(6))
    address: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(6), default="")
    #: the public office phone; public, never masked
    phone: Mapped[str] = mapped_column(String(40))
    #: complaint channels of the unit
    complaint_phone: Mapped[str] = mapped_column(String(40))
    complaint_email: Mapped[str] = mapped_column(String(120), default="")
    mailbox_location: Mapped[str] = mapped_column(String(200), default="")
    visit_address: Mapped[str] = mapped_column(String(200), default="")
    visit_hours: Mapped[str] = mapped_column(String(100), default="")
    #: the area and matters it is competent for
    jurisdiction: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    #: the 复查机关 (信访工作条例 第35条): the unit one level up, when it is in the portal ...
    review_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    #: ... or the name of one outside it (the city detachment's: 平顶山市城市管理局)
    review_organ_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    review_unit: Mapped["Unit | None"] = relationship(remote_side=[id])

    #: unit-bound records are scoped by this column (see portal.staff.scoping)
    @classmethod
    def unit_scope_column(cls):
        return cls.id

    @property
    def level_label(self) -> str:
        return UNIT_LEVELS[self.level]

    def audit_snapshot(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "address": self.address,
            "postcode": self.postcode,
            "phone": self.phone,
            "complaint_phone": self.complaint_phone,
            "complaint_email": self.complaint_email,
            "mailbox_location": self.mailbox_location,
            "visit_address": self.visit_address,
            "visit_hours": self.visit_hours,
            "jurisdiction": self.jurisdiction,
            "review_unit_id": self.review_unit_id,
            "review_organ_name": self.review_organ_name,
        }

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"
