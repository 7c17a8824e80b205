"""What one can subscribe to: each kind is a filter on the site-wide change log
(``portal.opendata.changes``). A new kind of public news — the leaders' reception schedule
when ``/reception/`` publishes, for one — adds an entry here once its records are in the log."""

from dataclasses import dataclass

from portal.opendata.records import PUBLISHED_KINDS


@dataclass(frozen=True)
class SubscriptionKind:
    label: str
    #: change-log kinds (``PUBLISHED_KINDS``) it covers
    record_kinds: tuple[str, ...]
    #: change-log events it covers
    events: tuple[str, ...]

    def matches(self, change) -> bool:
        return change.kind in self.record_kinds and change.event in self.events


_NEWS = ("publish", "correct")

SUBSCRIPTION_KINDS = {
    "decisions": SubscriptionKind("行政处罚决定（公示与更正）", ("decision",), _NEWS),
    "outcomes": SubscriptionKind("投诉办理结果（公示与更正）", ("outcome",), _NEWS),
    "notices": SubscriptionKind("公示文件与通知（公示与更正）", ("document",), _NEWS),
    "media": SubscriptionKind("舆论回应（公示与更正）", ("media",), _NEWS),
    "withdrawals": SubscriptionKind(
        "撤下通知（以上各类被撤下时）", tuple(PUBLISHED_KINDS), ("withdraw",)
    ),
}
