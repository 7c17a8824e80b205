"""Opening a complaint from /track: tracking number + query code, and the browser's grant.

A wrong code and an unknown number take the same time and give the same answer (an unknown
number is checked against a dummy hash), so neither tells a guesser which part was wrong.
After a right pair, the browser session holds a short-lived grant for that number only, so the
status page and its rating and re-handling forms work without the code ever appearing in a
URL, a log line or a hidden field.
"""

import time
from functools import cache

from sqlalchemy import select

from portal.complaints.models import Complaint
from portal.complaints.tracking import check_query_code, hash_query_code

GRANT_SECONDS = 30 * 60
MAX_GRANTS = 5
_GRANTS_KEY = "complaint_track_grants"
_RECEIPTS_KEY = "complaint_receipts"
MAX_RECEIPTS = 3


@cache
def _dummy_hash() -> str:
    return hash_query_code("000000")


def find_by_credentials(session, tracking_no: str, query_code: str) -> Complaint | None:
    """The complaint when both match; None for an unknown number or a wrong code."""
    complaint = session.scalars(
        select(Complaint).where(Complaint.tracking_no == tracking_no)
    ).first()
    if complaint is None:
        check_query_code(query_code, _dummy_hash())
        return None
    return complaint if check_query_code(query_code, complaint.query_code_hash) else None


def grant(browser_session, tracking_no: str) -> None:
    now = time.time()
    grants = {
        number: until
        for number, until in browser_session.get(_GRANTS_KEY, {}).items()
        if until > now and number != tracking_no
    }
    grants[tracking_no] = now + GRANT_SECONDS
    browser_session[_GRANTS_KEY] = dict(
        sorted(grants.items(), key=lambda item: item[1])[-MAX_GRANTS:]
    )


def is_granted(browser_session, tracking_no: str) -> bool:
    return browser_session.get(_GRANTS_KEY, {}).get(tracking_no, 0) > time.time()


def remember_receipt(browser_session, tracking_no: str, query_code: str) -> None:
    """Keep the new number (and its code, until first shown) for the receipt page."""
    receipts = dict(browser_session.get(_RECEIPTS_KEY, {}))
    receipts.pop(tracking_no, None)
    receipts[tracking_no] = query_code
    browser_session[_RECEIPTS_KEY] = dict(list(receipts.items())[-MAX_RECEIPTS:])


def take_receipt(browser_session, tracking_no: str) -> tuple[bool, str]:
    """(whether this browser made the receipt, its query code if not shown yet — now shown)."""
    receipts = dict(browser_session.get(_RECEIPTS_KEY, {}))
    if tracking_no not in receipts:
        return False, ""
    code = receipts[tracking_no]
    if code:
        receipts[tracking_no] = ""
        browser_session[_RECEIPTS_KEY] = receipts
    return True, code
