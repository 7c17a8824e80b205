"""Who reviews an answer: 复查 and then 复核 (信访工作条例 2022 第35–36条).

A person dissatisfied with a unit's written answer may ask its 复查机关 — the organ one level
up, configured per unit (``Unit.review_unit`` or, outside the portal, ``review_organ_name``) —
for 复查 within 30 days. In the portal the supervision office (综合监督科) handles the 复查
for that organ; the answering unit's staff do not see the case meanwhile (see
``Complaint.unit_scope_condition``). Dissatisfied with the 复查 opinion, the person may ask the
复查机关's own higher organ for 复核 within 30 days: outside the portal, only named here.
"""

from portal.org.models import Unit

#: when a unit has no 复查机关 configured
FALLBACK_REVIEW_ORGAN = "上一级行政机关"
REVIEW_REQUEST_ARTICLE = "《信访工作条例》第三十五条"
RECONSIDERATION_ARTICLE = "《信访工作条例》第三十六条"


def review_organ(unit: Unit | None) -> str:
    """The 复查机关 of ``unit``'s answers, by name."""
    if unit is None:
        return FALLBACK_REVIEW_ORGAN
    if unit.review_unit is not None:
        return unit.review_unit.name
    return unit.review_organ_name.strip() or FALLBACK_REVIEW_ORGAN


def reconsideration_organ(unit: Unit | None) -> str:
    """Where to ask for 复核 after the 复查: the 复查机关's own configured higher organ, or
    generically its 上一级行政机关."""
    reviewer = unit.review_unit if unit is not None else None
    if reviewer is not None and reviewer.id != unit.id:
        higher = review_organ(reviewer)
        if higher != FALLBACK_REVIEW_ORGAN:
            return higher
    organ = review_organ(unit)
    if organ == FALLBACK_REVIEW_ORGAN:
        return "复查机关的上一级行政机关"
    return f"{organ}的上一级行政机关"


def reconsideration_pointer(unit: Unit | None) -> str:
    """The sentence on the status page after the 复查 answer."""
    return (
        f"如对复查意见不服，可自收到书面复查意见之日起30日内向{reconsideration_organ(unit)}"
        f"请求复核（{RECONSIDERATION_ARTICLE}）。复核不在本平台办理。"
    )
