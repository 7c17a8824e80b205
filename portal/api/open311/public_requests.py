"""Complaints as GeoReport v2 service requests: what an outsider may see, nothing more.

- Only complaints and suggestions are listed (``catalog.LISTED_KINDS``): a tip-off (举报) is
  never listed or answered, whatever its number; praise is not a service request either.
- ``description`` and ``status_notes`` come only from a published outcome (its current
  revision: the masked summary and reply); an unpublished or withdrawn case has neither.
- ``address`` is the place cut to street level and masked; ``lat``/``long`` are rounded to
  3 decimals (about 100 m). Names, contact details, attachments never appear.
"""

import re
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.api.open311.catalog import LISTED_KINDS, service_of
from portal.complaints.models import STATES, Complaint, ComplaintEvent
from portal.core.masking import mask_text
from portal.core.models import LOCAL_TZ, to_local
from portal.core.publication import PUBLISHED
from portal.results.outcomes.models import ComplaintOutcome

CLOSED_STATES = ("closed", "rejected")
SUPERVISION_OFFICE = "平顶山市城市管理局综合监督科"
#: most requests one GET answers (the spec lets a server cap the list)
MAX_REQUESTS = 1000
COORDINATE_DECIMALS = 3
#: the end of a road name; what follows (numbers, buildings, doors) is below street level
_STREET = re.compile(r"^.*?(?:大道|大街|路|街|巷|胡同|道)(?:[东西南北中]段)?")
_AREA = re.compile(r"^.*?(?:新区|示范区|高新区|区|县|镇|乡|街道)")


def street_level(place: str) -> str | None:
    """``place`` cut after its first road name (or its district), masked; None if neither."""
    place = (place or "").strip()
    match = _STREET.match(place) or _AREA.match(place)
    if match is None:
        return None
    return mask_text(match.group(0)[:60])


def status_of(complaint: Complaint) -> str:
    return "closed" if complaint.state in CLOSED_STATES else "open"


def _w3c(moment: datetime | None) -> str | None:
    return to_local(moment).isoformat(timespec="seconds") if moment else None


def _rounded(value: float | None) -> float | None:
    return round(value, COORDINATE_DECIMALS) if value is not None else None


@dataclass(frozen=True)
class Filters:
    ids: tuple[str, ...] = ()
    services: tuple = ()
    start: datetime | None = None  # naive UTC
    end: datetime | None = None
    statuses: tuple[str, ...] = ()


def find_requests(session, filters: Filters) -> list[dict]:
    """The listed requests matching ``filters``, newest first, at most MAX_REQUESTS."""
    query = (
        select(Complaint)
        .where(Complaint.kind.in_(LISTED_KINDS))
        .options(selectinload(Complaint.handling_unit))
        .order_by(Complaint.submitted_at.desc(), Complaint.id.desc())
        .limit(MAX_REQUESTS)
    )
    if filters.ids:
        query = query.where(Complaint.tracking_no.in_(filters.ids))
    else:
        if filters.start is not None:
            query = query.where(Complaint.submitted_at >= filters.start)
        if filters.end is not None:
            query = query.where(Complaint.submitted_at <= filters.end)
        if filters.services:
            query = query.where(Complaint.kind.in_({service.kind for service in filters.services}))
        if filters.statuses and len(set(filters.statuses)) == 1:
            closed = Complaint.state.in_(CLOSED_STATES)
            query = query.where(closed if filters.statuses[0] == "closed" else ~closed)
    complaints = list(session.scalars(query))
    outcomes = _published_outcomes(session, [complaint.id for complaint in complaints])
    updated = _last_event_at(session, [complaint.id for complaint in complaints])
    items = [
        request_json(complaint, outcomes.get(complaint.id), updated.get(complaint.id))
        for complaint in complaints
    ]
    if filters.services and not filters.ids:
        # the query narrowed by kind; a service is a kind and a category
        codes = {service.code for service in filters.services}
        items = [item for item in items if item["service_code"] in codes]
    return items


def _published_outcomes(session, complaint_ids: list[int]) -> dict:
    if not complaint_ids:
        return {}
    rows = session.scalars(
        select(ComplaintOutcome)
        .where(
            ComplaintOutcome.complaint_id.in_(complaint_ids),
            ComplaintOutcome.status == PUBLISHED,
            ComplaintOutcome.first_published_at.is_not(None),
        )
        .options(selectinload(ComplaintOutcome.current_revision))
    )
    return {row.complaint_id: row.current_revision for row in rows if row.current_revision}


def _last_event_at(session, complaint_ids: list[int]) -> dict:
    if not complaint_ids:
        return {}
    rows = session.execute(
        select(ComplaintEvent.complaint_id, func.max(ComplaintEvent.at))
        .where(ComplaintEvent.complaint_id.in_(complaint_ids))
        .group_by(ComplaintEvent.complaint_id)
    )
    return dict(rows.all())


def request_json(complaint: Complaint, revision, updated_at: datetime | None) -> dict:
    """One request as the spec names its fields; ``revision``: the published outcome's."""
    category = revision.category if revision is not None else complaint.service_category
    service = service_of(complaint.kind, category)
    unit = complaint.handling_unit
    expected = None
    if complaint.due_on is not None and complaint.state not in CLOSED_STATES:
        expected = datetime.combine(complaint.due_on, time(23, 59, 59), LOCAL_TZ)
    return {
        "service_request_id": complaint.tracking_no,
        "status": status_of(complaint),
        "status_notes": revision.reply if revision is not None else None,
        "service_name": service.name,
        "service_code": service.code,
        "description": revision.summary if revision is not None else None,
        "agency_responsible": unit.name if unit is not None else SUPERVISION_OFFICE,
        "service_notice": STATES[complaint.state],
        "requested_datetime": _w3c(complaint.submitted_at),
        "updated_datetime": _w3c(updated_at or complaint.submitted_at),
        "expected_datetime": expected.isoformat(timespec="seconds") if expected else None,
        "address": street_level(complaint.location),
        "address_id": None,
        "zipcode": None,
        "lat": _rounded(complaint.latitude),
        "long": _rounded(complaint.longitude),
        "media_url": None,
    }
