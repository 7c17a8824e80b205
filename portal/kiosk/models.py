"""Enrolled kiosks (触摸屏终端): one row per touch screen in a service hall."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit


class Kiosk(db.Model):
    """A touch screen the back office enrolled; it proves itself with a token in its cookie."""

    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: shown to staff on complaints filed there, e.g. "新华区政务服务大厅1号机"
    name: Mapped[str] = mapped_column(String(60), unique=True)
    #: where it stands (hall, floor), for staff
    location: Mapped[str] = mapped_column(String(200), default="")
    #: the unit whose hotline, opening hours and results the start screen shows
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: SHA-256 of the token kept in the kiosk's cookie; the token itself is shown once
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: set when the kiosk is retired or its token leaked; its cookie then counts for nothing
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    unit: Mapped[Unit] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "location": self.location,
            "unit_id": self.unit_id,
            "revoked_at": self.revoked_at,
        }
