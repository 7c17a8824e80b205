"""/feeds/<name>.atom — every Atom feed of the portal. Domains add their feed to ``FEEDS``."""

from flask import Blueprint, abort

from portal.api.feeds import atom_response
from portal.disclosure.decisions.feed import decisions_feed
from portal.disclosure.decisions.views import decision_list_for_request
from portal.opendata.feed import changes_feed
from portal.results.media.feed import media_feed
from portal.results.media.views import media_list_for_request
from portal.results.outcomes.feed import outcomes_feed
from portal.results.outcomes.views import outcome_list_for_request

feeds_bp = Blueprint("feeds", __name__, url_prefix="/feeds")


def _decisions():
    return decisions_feed(decision_list_for_request())


#: feed name → a function building its AtomFeed for the current request
FEEDS = {
    "decisions": _decisions,
    "media": lambda: media_feed(media_list_for_request()),
    "outcomes": lambda: outcomes_feed(outcome_list_for_request()),
    "changes": changes_feed,
}


@feeds_bp.route("/<name>.atom")
def feed(name: str):
    builder = FEEDS.get(name)
    if builder is None:
        abort(404)
    return atom_response(builder())
