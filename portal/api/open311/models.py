"""The API keys of the integrations that may POST service requests (Open311 GeoReport v2).

A key is shown once, when it is created; only its SHA-256 is kept (``portal.core.tokens``).
"""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class Open311Key(db.Model):
    __tablename__ = "open311_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the integration's name, e.g. "12345-hotline" (unique, used by `open311 keys revoke`)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    #: hex SHA-256 of the key
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the key's first characters, so that staff can tell keys apart without the key
    key_prefix: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80), default="")
    #: None while the key works
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def audit_snapshot(self) -> dict:
        return {
            "name": self.name,
            "key_prefix": self.key_prefix,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }
