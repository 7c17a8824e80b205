"""Officers (执法人员), their training records and the history of their status and numbers.

The officer row holds what is true now; ``OfficerHistoryEntry`` rows keep, for every change of
status, unit, badge or certificate, the assignment as it was (OpenOversight keeps badge
history on assignment rows the same way), so a number that was once valid is still recognised
as one that no longer is.
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit

#: status → its Chinese name on public pages and in the back office
OFFICER_STATUSES = {
    "active": "在岗",
    "suspended": "暂停执法",
    "revoked": "注销",
    "transferred": "调离",
}
#: officers whose photo may be shown: still employed in enforcement in this unit
PHOTO_STATUSES = ("active", "suspended")
STATUS_CHECK = "status IN ('active', 'suspended', 'revoked', 'transferred')"


class Officer(db.Model):
    __tablename__ = "officer"
    __table_args__ = (
        CheckConstraint(STATUS_CHECK, name="status"),
        CheckConstraint("cert_valid_from <= cert_valid_to", name="cert_validity"),
        # the roster: a unit's officers in badge order, and the whole list in (unit, badge) order
        Index("ix_officer_unit_badge", "unit_id", "badge_no"),
        Index("ix_officer_status_badge", "status", "badge_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 工号: digits, unique in the city, worn on the uniform
    badge_no: Mapped[str] = mapped_column(String(12), unique=True)
    #: 执法证号: the enforcement certificate's number, upper-case letters and digits
    cert_no: Mapped[str] = mapped_column(String(24), unique=True)
    name: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: 职务/岗位, e.g. 执法队员, 中队长
    post: Mapped[str] = mapped_column(String(40))
    #: 执法类别, e.g. 市容环境卫生
    category: Mapped[str] = mapped_column(String(60))
    #: 执法区域, e.g. 中兴路街道
    area: Mapped[str] = mapped_column(String(100))
    cert_valid_from: Mapped[date] = mapped_column(Date)
    cert_valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: random name of the stored photo (see portal.officers.photos); unguessable, so that photos
    #: are reached only through a rate-limited lookup, never by enumerating badge numbers
    photo_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[Unit] = relationship(lazy="joined", innerjoin=True)

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def status_label(self) -> str:
        return OFFICER_STATUSES[self.status]

    @property
    def photo_is_public(self) -> bool:
        return self.photo_key is not None and self.status in PHOTO_STATUSES

    def public_fields(self) -> dict:
        """What the public roster, the API and the search index may show of an officer."""
        return {
            "badge_no": self.badge_no,
            "cert_no": self.cert_no,
            "name": self.name,
            "unit_code": self.unit.code,
            "post": self.post,
            "category": self.category,
            "area": self.area,
            "status": self.status,
            "cert_valid_from": self.cert_valid_from,
            "cert_valid_to": self.cert_valid_to,
        }

    def audit_snapshot(self) -> dict:
        return {**self.public_fields(), "photo_key": self.photo_key}

    def __repr__(self) -> str:
        return f"<Officer {self.badge_no} {self.status}>"


class OfficerHistoryEntry(db.Model):
    """One change of an officer's status or assignment, with the numbers held at the time."""

    __tablename__ = "officer_history"
    __table_args__ = (
        CheckConstraint("kind IN ('created', 'status', 'assignment')", name="kind"),
        CheckConstraint(STATUS_CHECK, name="status"),
        Index("ix_officer_history_officer_at", "officer_id", "changed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"))
    #: ``created``, ``status`` (status changed) or ``assignment`` (unit, badge or certificate)
    kind: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the state after the change
    status: Mapped[str] = mapped_column(String(16))
    previous_status: Mapped[str | None] = mapped_column(String(16))
    #: the numbers and unit held after the change; indexed to recognise retired numbers
    badge_no: Mapped[str] = mapped_column(String(12), index=True)
    cert_no: Mapped[str] = mapped_column(String(24), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: why (required for a status change); shown to staff only
    reason: Mapped[str] = mapped_column(String(500), default="")
    actor_label: Mapped[str] = mapped_column(String(64), default="")

    unit: Mapped[Unit] = relationship()

    @property
    def status_label(self) -> str:
        return OFFICER_STATUSES[self.status]


class OfficerTraining(db.Model):
    """A training an officer attended (each officer needs at least two a year)."""

    __tablename__ = "officer_training"
    __table_args__ = (
        CheckConstraint("hours > 0", name="hours"),
        Index("ix_officer_training_officer_on", "officer_id", "trained_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"))
    trained_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(120))
    #: class hours (学时)
    hours: Mapped[int] = mapped_column(default=4)
    organiser: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    officer: Mapped[Officer] = relationship()

    def audit_snapshot(self) -> dict:
        return {
            "trained_on": self.trained_on,
            "title": self.title,
            "hours": self.hours,
            "organiser": self.organiser,
        }
