"""POST requests.<fmt>: an integration's service request, through the web form's own intake.

The spec's fields are mapped onto ``ComplaintForm`` and validated by it (the same messages,
lengths and rules as the public form); the complaint is saved by ``save_submission`` (masking
happens at publication, deadlines at intake, audit in the same transaction) with channel
``open311`` and the key's integration as the actor.
"""

import re
import unicodedata

from werkzeug.datastructures import MultiDict

from portal.api.open311.catalog import Service
from portal.api.open311.models import Open311Key
from portal.audit.services import Actor
from portal.complaints.forms import ANONYMOUS_KINDS, ComplaintForm
from portal.complaints.models import Complaint
from portal.complaints.submission import SubmissionRefused, save_submission, unit_choices
from portal.core.models import utcnow
from portal.extensions import db

#: a POST body larger than this is refused before it is parsed (the longest valid one is ~20 KB)
MAX_BODY_BYTES = 64 * 1024
MEDIA_URL = re.compile(r"^https?://[^\s<>\"]{1,500}$")
ONLY_COORDINATES = "接入方提供的定位坐标（未填写地址）"
#: form field → the Open311 name a client sent it under, for the error description
CLIENT_NAMES = {
    "location": "address_string",
    "contact_name": "first_name/last_name",
    "contact_phone": "phone",
    "contact_email": "email",
    "unit": "attribute[unit]",
    "badge": "attribute[badge]",
    "occurred_at": "attribute[occurred_at]",
    "request": "attribute[request]",
    "anonymous": "first_name/last_name",
}


class RequestRefused(ValueError):
    """The request cannot be taken; the message is Chinese and goes into the spec's error."""


def clean(value) -> str:
    """A client's value as text without control characters or lone surrogates (which
    PostgreSQL would refuse), line breaks and tabs kept."""
    if value is None:
        return ""
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RequestRefused("字段值应为文字或数字")
        value = str(value)
    value = value.encode("utf-8", "ignore").decode("utf-8")
    return "".join(
        char for char in value if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs")
    ).strip()


def _name(first: str, last: str) -> str:
    if re.search(r"[\u4e00-\u9fff]", first + last):
        return f"{last}{first}"  # 姓在前
    return " ".join(part for part in (first, last) if part)


def form_data(service: Service, fields: dict[str, str], attributes: dict[str, str]) -> MultiDict:
    lat, long = fields.get("lat", ""), fields.get("long", "")
    name = _name(fields.get("first_name", ""), fields.get("last_name", ""))
    phone, email = fields.get("phone", ""), fields.get("email", "")
    description = fields.get("description", "")
    media_url = fields.get("media_url", "")
    if media_url:
        if not MEDIA_URL.match(media_url):
            raise RequestRefused("media_url 应为 http 或 https 网址")
        description = f"{description}\n（接入方提供的图片链接：{media_url}）"
    location = fields.get("address_string", "") or (ONLY_COORDINATES if lat or long else "")
    data = {
        "kind": service.kind,
        "unit": attributes.get("unit", ""),
        "badge": attributes.get("badge", ""),
        "occurred_at": attributes.get("occurred_at", ""),
        "request": attributes.get("request", ""),
        "location": location,
        "latitude": lat,
        "longitude": long,
        "description": description,
        "contact_name": name,
        "contact_phone": phone,
        "contact_email": email,
    }
    if service.kind in ANONYMOUS_KINDS and not (name or phone or email):
        data["anonymous"] = "y"
    return MultiDict({key: value for key, value in data.items() if value})


def _first_errors(form: ComplaintForm) -> str:
    parts = []
    for field, messages in form.errors.items():
        label = CLIENT_NAMES.get(field, field)
        parts.append(f"{label}：{messages[0]}")
    return "；".join(parts)


def submit_request(
    key: Open311Key, service: Service, fields: dict[str, str], attributes: dict[str, str]
) -> tuple[Complaint, str]:
    """Validate and save; returns the complaint and its query code (for this integration only).
    Raises RequestRefused with the form's Chinese messages."""
    lat, long = fields.get("lat", ""), fields.get("long", "")
    if not fields.get("address_string") and not (lat and long):
        raise RequestRefused("请提供 address_string，或同时提供 lat 和 long")
    if bool(lat) != bool(long):
        raise RequestRefused("lat 和 long 应同时提供")
    form = ComplaintForm(formdata=form_data(service, fields, attributes), meta={"csrf": False})
    form.unit.choices = unit_choices(db.session)
    key_id, actor = key.id, Actor(None, f"open311:{key.name}")
    db.session.rollback()  # end the read: the checks and the hashing run outside a transaction
    if not form.validate():
        raise RequestRefused(_first_errors(form))
    try:
        return save_submission(
            form,
            channel="open311",
            actor=actor,
            submitted_at=utcnow(),
            service_category=service.category,
            open311_key_id=key_id,
        )
    except SubmissionRefused as refused:
        raise RequestRefused(str(refused)) from None
