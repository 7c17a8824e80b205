"""/feeds/<name>.atom — every Atom feed of the portal: one per kind described for the
publishing kernel (``KindSpec.feed``), and those built otherwise, in ``FEEDS``."""

from flask import Blueprint, abort

from portal.disclosure.decisions.feed import decisions_feed
from portal.disclosure.decisions.views import decision_list_for_request
from portal.kinds import KINDS
from portal.opendata.feed import changes_feed
from portal.publishing.atom import atom_response
from portal.publishing.kind import kind_feed

feeds_bp = Blueprint("feeds", __name__, url_prefix="/feeds")


def _decisions():
    return decisions_feed(decision_list_for_request())


#: feed name → a function building its AtomFeed for the current request
FEEDS = {
    "decisions": _decisions,
    "changes": changes_feed,
    **{
        spec.feed.name: (lambda spec=spec: kind_feed(spec))
        for spec in KINDS.values()
        if spec.feed is not None
    },
}


@feeds_bp.route("/<name>.atom")
def feed(name: str):
    builder = FEEDS.get(name)
    if builder is None:
        abort(404)
    return atom_response(builder())
