"""Subscribing (double opt-in), confirming, unsubscribing and the daily digest.

No address ever reaches a log: failures are logged by subscription id.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from portal.core.models import utcnow
from portal.opendata.changes import Change, changes_page
from portal.org.models import Unit
from portal.subscriptions.kinds import SUBSCRIPTION_KINDS
from portal.subscriptions.models import Subscription

#: an unconfirmed subscription (and its address) is deleted after this long
PENDING_LIFETIME = timedelta(days=7)
#: at most this many changes are listed in one digest (the rest: a link to /changes/)
DIGEST_MAX_CHANGES = 100
EMAIL_MAX_LENGTH = 254
# one @, no spaces, a dot in the domain: what a mail server accepts in practice
_EMAIL = re.compile(
    r"[^@\s\"<>(),;:\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)


class SubscriptionError(ValueError):
    """Bad input; the message is Chinese and safe to show."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def clean_email(raw: str) -> str:
    email = (raw or "").strip()
    if not email:
        raise SubscriptionError("请填写电子邮箱", "email")
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(email):
        raise SubscriptionError("电子邮箱格式不正确，例如 name@example.com", "email")
    local, domain = email.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def clean_kinds(raw: list[str]) -> list[str]:
    kinds = [kind for kind in SUBSCRIPTION_KINDS if kind in set(raw)]
    if not kinds or len(kinds) != len(set(raw)):
        raise SubscriptionError("请至少选择一类要订阅的内容", "kinds")
    return kinds


def subscribe(session, email: str, unit: Unit | None, kinds: list[str]) -> Subscription:
    """A pending subscription (nothing but the confirmation is sent until it is confirmed).
    The caller commits and sends the confirmation."""
    subscription = Subscription(
        email=clean_email(email),
        unit_id=unit.id if unit else None,
        kinds=",".join(clean_kinds(kinds)),
        token=secrets.token_urlsafe(32),
    )
    session.add(subscription)
    session.flush()
    return subscription


def by_token(session, token: str) -> Subscription | None:
    if not token or len(token) > 64:
        return None
    return session.scalars(select(Subscription).where(Subscription.token == token)).first()


def confirm(session, subscription: Subscription, now: datetime | None = None) -> None:
    """Confirmed: digests start with the changes after now. An earlier subscription of the
    same address to the same unit is replaced (so a second sign-up changes the kinds)."""
    if subscription.confirmed_at is not None:
        return
    now = now or utcnow()
    session.execute(
        delete(Subscription).where(
            Subscription.email == subscription.email,
            Subscription.unit_id.is_(None)
            if subscription.unit_id is None
            else Subscription.unit_id == subscription.unit_id,
            Subscription.id != subscription.id,
        )
    )
    subscription.confirmed_at = now
    subscription.digest_through = now


def unsubscribe(session, subscription: Subscription) -> None:
    """Gone at once, with the address."""
    session.delete(subscription)


def forget_unconfirmed(session, now: datetime) -> int:
    result = session.execute(
        delete(Subscription).where(
            Subscription.confirmed_at.is_(None),
            Subscription.created_at < now - PENDING_LIFETIME,
        )
    )
    return result.rowcount or 0


@dataclass(frozen=True)
class Digest:
    subscription: Subscription
    changes: list[Change]
    #: more changes than listed
    truncated: bool


def matches(subscription: Subscription, change: Change) -> bool:
    if subscription.unit_id is not None and change.unit_id != subscription.unit_id:
        return False
    if change.at <= subscription.digest_through:
        return False
    return any(
        SUBSCRIPTION_KINDS[kind].matches(change)
        for kind in subscription.kind_list
        if kind in SUBSCRIPTION_KINDS
    )


def changes_between(session, since: datetime, until: datetime) -> list[Change]:
    changes, cursor = [], None
    while True:
        page, cursor = changes_page(session, cursor=cursor, size=200, since=since, until=until)
        changes.extend(page)
        if cursor is None:
            return changes


def due_digests(session, now: datetime) -> list[Digest]:
    """Each confirmed subscription with something new since its last digest (up to ``now``)."""
    subscriptions = session.scalars(
        select(Subscription).where(Subscription.confirmed_at.is_not(None)).order_by(Subscription.id)
    ).all()
    if not subscriptions:
        return []
    since = min(subscription.digest_through for subscription in subscriptions)
    changes = changes_between(session, since, now)
    digests = []
    for subscription in subscriptions:
        mine = [change for change in changes if matches(subscription, change)]
        if mine:
            digests.append(
                Digest(subscription, mine[:DIGEST_MAX_CHANGES], len(mine) > DIGEST_MAX_CHANGES)
            )
    return digests
