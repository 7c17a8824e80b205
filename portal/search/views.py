"""The public search page, /search?q=."""

from flask import Blueprint, current_app, render_template, request, url_for
from sqlalchemy import select

from portal.extensions import db, limiter
from portal.org.models import Unit
from portal.pagecache import vary_endpoint
from portal.search.readers import searchers
from portal.search.registry import PROVIDERS
from portal.search.service import SearchRequest, run_search
from portal.search.store import IndexMissing, index_root, index_stamp

bp = Blueprint("search", __name__)
# results follow the index, which catches up with the database a moment after a change
vary_endpoint("search.search", lambda: index_stamp(index_root(current_app)))

#: shown on an empty search page and after a search that found nothing
EXAMPLES = ["占道经营", "违法建设", "渣土车", "新华区", "户外广告", "噪声扰民"]
SORTS = {"relevance": "最相关", "date": "最新"}


def _request_from_args(args) -> SearchRequest:
    page = args.get("page", "1")
    year = args.get("year", "")
    return SearchRequest(
        text=args.get("q", "")[:1000],
        kind=args.get("kind", "") if args.get("kind", "") in PROVIDERS else "",
        unit=args.get("unit", "")[:32],
        year=year if year.isdigit() and len(year) == 4 else "",
        sort=args.get("sort") if args.get("sort") in SORTS else "relevance",
        page=int(page) if page.isdigit() and len(page) < 5 else 1,
    )


def _search_rate_limit() -> str:
    return current_app.config["SEARCH_RATE_LIMIT"]


@bp.route("/search")
@limiter.limit(_search_rate_limit)
def search():
    wanted = _request_from_args(request.args)
    result, unavailable = None, False
    if wanted.text.strip():
        try:
            with searchers.searcher(index_root(current_app)) as opened:
                result = run_search(opened, wanted)
        except IndexMissing:
            unavailable = True
        except Exception:
            current_app.logger.exception("search failed (query of %d characters)", len(wanted.text))
            unavailable = True
    units = {unit.code: unit for unit in db.session.scalars(select(Unit))}
    response = render_template(
        "search/search.html",
        wanted=wanted,
        result=result,
        unavailable=unavailable,
        units=units,
        providers=PROVIDERS,
        sorts=SORTS,
        examples=EXAMPLES,
        link=lambda **changes: _link(wanted, **changes),
        hit_url=_hit_url,
        facet_label=lambda name, value: _facet_label(name, value, units),
    )
    return response, 503 if unavailable else 200


def _link(wanted: SearchRequest, **changes) -> str:
    """This search's URL with some parameters changed (a filter or the sort resets paging)."""
    params = {
        "q": wanted.text,
        "kind": wanted.kind,
        "unit": wanted.unit,
        "year": wanted.year,
        "sort": wanted.sort if wanted.sort != "relevance" else "",
        "page": "",
    }
    params.update(changes)
    return url_for("search.search", **{name: value for name, value in params.items() if value})


def _hit_url(hit) -> str:
    provider = PROVIDERS.get(hit.kind)
    return provider.url(hit.ref) if provider else "#"


def _facet_label(name: str, value: str, units) -> str:
    if name == "kind":
        provider = PROVIDERS.get(value)
        return provider.label if provider else value
    if name == "unit":
        unit = units.get(value)
        return unit.short_name if unit else value
    return f"{value}年"
