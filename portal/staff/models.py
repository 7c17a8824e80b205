"""Back-office users and their roles."""

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit

#: role → its Chinese name; staff are bound to one unit, the others see every unit
ROLES = {
    "admin": "系统管理员",
    "supervisor": "综合监督科",
    "staff": "承办人员",
}


def new_session_token() -> str:
    return secrets.token_hex(8)


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'supervisor', 'staff')", name="role"),
        CheckConstraint("role != 'staff' OR unit_id IS NOT NULL", name="staff_has_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    #: Argon2id hash (portal.staff.passwords)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    is_enabled: Mapped[bool] = mapped_column(default=True)
    #: part of the login session id: changing it (password change, disabling) ends every session
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]
    #: TOTP secret (base32); set when enrolment starts, in force once ``totp_enabled_at`` is set
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enabled_at: Mapped[datetime | None]
    #: the time step of the last accepted code: a code is accepted once, never replayed
    totp_last_step: Mapped[int | None]

    unit: Mapped[Unit | None] = relationship()
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    @property
    def has_totp(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def sees_all_units(self) -> bool:
        return self.role in ("admin", "supervisor")

    @property
    def role_label(self) -> str:
        return ROLES[self.role]

    def audit_snapshot(self) -> dict:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "unit": self.unit.code if self.unit else None,
            "is_enabled": self.is_enabled,
            "totp": self.has_totp,
        }

    def __repr__(self) -> str:
        return f"<StaffUser {self.username} {self.role}>"


class RecoveryCode(db.Model):
    """One of a user's ten one-time codes for when the authenticator is lost."""

    __tablename__ = "staff_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 of the normalised code: 80 random bits need no slow hash
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]

    user: Mapped[StaffUser] = relationship(back_populates="recovery_codes")
