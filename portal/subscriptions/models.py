"""E-mail subscriptions (订阅): an address, a unit (or every unit) and the kinds of news.

The address is used only to send the confirmation and the digests: never shown on a page,
exported, put in a log or in the audit log (its entries name the subscription's id).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.models import utcnow
from portal.extensions import db
from portal.org.models import Unit


class Subscription(db.Model):
    __tablename__ = "subscription"
    __table_args__ = (Index("ix_subscription_confirmed", "confirmed_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: private: only ever the recipient of our mail
    email: Mapped[str] = mapped_column(String(254))
    #: None: every unit
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: subscribed kinds (``portal.subscriptions.kinds.SUBSCRIPTION_KINDS``), comma-separated
    kinds: Mapped[str] = mapped_column(String(200))
    #: the secret in the confirmation and unsubscribe links
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: double opt-in: nothing but the confirmation is sent before this is set
    confirmed_at: Mapped[datetime | None]
    #: the digest covers the changes after this moment
    digest_through: Mapped[datetime | None]

    unit: Mapped[Unit | None] = relationship()

    @property
    def kind_list(self) -> list[str]:
        return [kind for kind in self.kinds.split(",") if kind]
