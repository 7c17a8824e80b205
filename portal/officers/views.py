"""Public officer pages: the badge check, the roster (HTML and CSV), officers' photos."""

import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    send_file,
    stream_with_context,
)
from sqlalchemy import select

from portal.core.models import local_today
from portal.extensions import db, limiter
from portal.officers.lookup import (
    QUERY_KINDS,
    MalformedNumber,
    describe_limit,
    look_up,
    parse_number,
)
from portal.officers.models import OFFICER_STATUSES, PHOTO_STATUSES, Officer
from portal.officers.photos import is_photo_key, photo_path
from portal.officers.roster import roster_csv, roster_filters, roster_page
from portal.org.models import Unit

bp = Blueprint("officers", __name__, url_prefix="/officers")

ROSTER_PAGE_SIZE = 50
PHOTO_MAX_AGE = 600  # seconds; a removed or revoked officer's photo leaves caches soon


def _lookup_limit() -> str:
    return current_app.config["OFFICER_LOOKUP_LIMIT"]


def _asked_number() -> tuple[str | None, str]:
    """Which number the person typed (badge wins when both came), and the raw text."""
    present = [kind for kind in QUERY_KINDS if kind in request.args]
    for kind in present:
        if request.args.get(kind, "").strip():
            return kind, request.args[kind]
    return (present[0], "") if present else (None, "")


def _not_a_lookup() -> bool:
    # the empty form costs nothing against the limit; every number asked for does
    return not any(kind in request.args for kind in QUERY_KINDS)


def _limit_message() -> str:
    return (
        "查询过于频繁。为防止执法人员信息被批量抓取，每个网络地址"
        f"{describe_limit(_lookup_limit())}亮证查询。如正在现场需要核实执法人员身份，"
        f"请拨打投诉举报电话 {current_app.config['COMPLAINT_HOTLINE']}。"
    )


def _no_store(response: Response) -> Response:
    # a verdict must change the moment the status does: no browser or proxy may answer with
    # it without asking us (an ETag makes that cheap; the portal's own cache is never stale)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/lookup")
@limiter.limit(
    _lookup_limit,
    exempt_when=_not_a_lookup,
    scope="officer-lookup",
    error_message=_limit_message,
)
def lookup():
    kind, raw = _asked_number()
    context = {"limit_text": describe_limit(_lookup_limit()), "kind": kind, "raw": raw}
    if kind is None:
        return _no_store(make_response(render_template("officers/lookup.html", **context)))
    try:
        number = parse_number(kind, raw)
    except MalformedNumber as error:
        page = render_template("officers/lookup.html", error=str(error), **context)
        return _no_store(make_response(page, 400))
    verdict = look_up(db.session, kind, number, local_today())
    page = render_template("officers/verdict.html", verdict=verdict, **context)
    return _no_store(make_response(page))


def _all_units():
    return db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()


def _page_size() -> int:
    value = request.args.get("limit", "")
    return int(value) if value.isdigit() and 0 < int(value) <= 200 else ROSTER_PAGE_SIZE


@bp.route("/")
def roster():
    unit, status = roster_filters(db.session, request.args.get("unit"), request.args.get("status"))
    page = roster_page(db.session, unit, status, request.args.get("cursor"), _page_size())
    return render_template(
        "officers/roster.html",
        page=page,
        unit=unit,
        status=status,
        units=_all_units(),
        statuses=OFFICER_STATUSES,
        first_page=not request.args.get("cursor"),
    )


@bp.route("/roster.csv")
def roster_download():
    unit, status = roster_filters(db.session, request.args.get("unit"), request.args.get("status"))
    filename = f"officers-{unit.code if unit else 'all'}{'-' + status if status else ''}.csv"
    return Response(
        stream_with_context(roster_csv(db.session, unit, status)),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


@bp.route("/photos/<key>/<any(photo, thumb):variant>.jpg")
def photo(key: str, variant: str):
    """A photo of an officer still on duty (在岗 or 暂停执法); 404 for anyone else."""
    if not is_photo_key(key):
        abort(404)
    officer = db.session.scalars(
        select(Officer.id).where(Officer.photo_key == key, Officer.status.in_(PHOTO_STATUSES))
    ).first()
    path = photo_path(key, variant)
    if officer is None or not path.is_file():
        abort(404)
    # photos are small: read into memory so no file handle outlives the request
    response = send_file(
        io.BytesIO(path.read_bytes()),
        mimetype="image/jpeg",
        etag=f"{key}-{variant}",
        max_age=PHOTO_MAX_AGE,
        conditional=True,
    )
    return response
