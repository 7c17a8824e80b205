"""Similar open cases of the same unit: about the same place, or the same matter.

A description is segmented with the search's own segmenter (rjieba, with our user dictionary)
into words of two or more characters; two matters are alike when they share at least two words
and most of the shorter one's words (overlap coefficient). Places are compared by their
two-character pieces, which does not depend on how an address happens to segment
(建设路与中兴路交叉口 / 中兴路建设路口 share 建设 设路 中兴 兴路). A place or a matter alike is
enough to list a case; staff decide whether it is a 重复件.
"""

from dataclasses import dataclass
from datetime import timedelta

from portal.complaints.models import Complaint
from portal.search.segmentation import normalise, query_terms
from portal.staff.scoping import scoped_select

OPEN_STATES = ("submitted", "accepted", "in_progress", "answered", "rehandling")
PLACE_THRESHOLD = 0.6
MATTER_THRESHOLD = 0.4
MATTER_MIN_SHARED = 2
#: how far back to look, and at most how many candidates (a busy unit stays fast)
LOOK_BACK_DAYS = 120
CANDIDATES = 500


@dataclass(frozen=True)
class SimilarCase:
    complaint: Complaint
    place: float
    matter: float

    @property
    def reasons(self) -> list[str]:
        found = []
        if self.place >= PLACE_THRESHOLD:
            found.append("地点相近")
        if self.matter >= MATTER_THRESHOLD:
            found.append("事项相近")
        return found


def words(text: str) -> frozenset[str]:
    return frozenset(word for word in query_terms(text or "") if len(word) >= 2)


def overlap(left: frozenset[str], right: frozenset[str], min_shared: int = 1) -> float:
    """|A ∩ B| / min(|A|, |B|): 1.0 when one is contained in the other."""
    shared = len(left & right)
    if not left or not right or shared < min_shared:
        return 0.0
    return shared / min(len(left), len(right))


def _bigrams(text: str) -> frozenset[str]:
    folded = "".join(ch for ch in normalise(text or "") if ch.isalnum())
    return frozenset(folded[i : i + 2] for i in range(len(folded) - 1))


def similar_cases(session, complaint: Complaint, limit: int = 5) -> list[SimilarCase]:
    """Open cases of the same handling unit (in the user's scope) alike in place or matter."""
    if complaint.handling_unit_id is None:
        return []
    since = complaint.submitted_at - timedelta(days=LOOK_BACK_DAYS)
    candidates = session.scalars(
        scoped_select(Complaint)
        .where(
            Complaint.handling_unit_id == complaint.handling_unit_id,
            Complaint.id != complaint.id,
            Complaint.state.in_(OPEN_STATES),
            Complaint.submitted_at >= since,
        )
        .order_by(Complaint.submitted_at.desc())
        .limit(CANDIDATES)
    ).all()
    # the case's own pieces once, not once per candidate (segmenting is the costly part)
    place, matter = _bigrams(complaint.location), words(complaint.description)
    found = []
    for other in candidates:
        item = SimilarCase(
            other,
            overlap(place, _bigrams(other.location), min_shared=2),
            overlap(matter, words(other.description), min_shared=MATTER_MIN_SHARED),
        )
        if item.reasons:
            found.append(item)
    found.sort(key=lambda item: (-(item.place + item.matter), -item.complaint.id))
    return found[:limit]
