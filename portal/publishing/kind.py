"""A publishable kind, described once (:class:`KindSpec`), and what is mounted from it: the
public list, permalink and revision pages, the CSV and JSON downloads, the Atom feed and the
JSON API list and detail (``portal.api.kinds``). Registered kinds are in ``KINDS``."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, abort, current_app, render_template, request, url_for
from sqlalchemy import select

from portal.core.downloads import csv_download, download_name, json_download
from portal.core.models import local_today
from portal.core.public_record import revision_notes
from portal.extensions import db
from portal.org.models import Unit
from portal.publishing.atom import AtomFeed
from portal.publishing.lifecycle import Lifecycle
from portal.publishing.listing import PublishedList, UnitFilters


@dataclass(frozen=True)
class Endpoints:
    """The endpoint names of a kind's public pages (``blueprint.name``), kept stable because
    templates and other kinds link to them."""

    list: str
    detail: str
    revision: str
    csv: str
    #: the JSON download; None for a kind whose JSON is only the API's
    json: str | None = None


@dataclass(frozen=True)
class FeedSpec:
    """The kind's Atom feed at /feeds/<name>.atom (``?unit=CODE`` narrows it)."""

    name: str
    #: the feed's title; a unit's feed is titled ``unit name + title``
    title: str
    subtitle: str
    #: view → AtomEntry
    entry: Callable
    #: the namespace of the feed's own id
    namespace: uuid.UUID


@dataclass(frozen=True)
class ApiSpec:
    """/api/v1/<path> (list) and /api/v1/<path>/<public_id> (detail)."""

    path: str
    list_endpoint: str
    detail_endpoint: str
    list_summary: str
    list_schema: str
    detail_summary: str
    detail_schema: str
    #: the list's query parameters (``portal.core.documented.Param``)
    params: tuple = ()
    not_found: str = "没有这条公示信息"


@dataclass(frozen=True)
class KindSpec:
    #: the audit object type, search kind and lifecycle kind, e.g. ``media``
    name: str
    label: str
    lifecycle: Lifecycle
    listing: type[PublishedList]
    filters: type[UnitFilters]
    blueprint: str
    #: the list is at ``path + "/"``, downloads at ``path + ".csv"`` / ``".json"``
    path: str
    endpoints: Endpoints
    list_template: str
    detail_template: str
    #: (view, history or None) → the JSON of the API and the downloads
    to_json: Callable
    csv_header: list
    #: view → a CSV row
    csv_row: Callable
    #: the stem of download file names, e.g. ``media-responses``
    download_stem: str
    feed: FeedSpec | None = None
    api: ApiSpec | None = None
    #: (listing, filters) → more context for the list page
    list_context: Callable = field(default=lambda listing, filters: {})

    # --- reading, for every output ---------------------------------------------------------

    def list_for_request(self) -> PublishedList:
        units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
        return self.listing(db.session, units)

    def filters_of_request(self, listing: PublishedList):
        return self.filters.from_args(request.args, listing.units_by_code, local_today())

    def item_or_none(self, public_id: str):
        if len(public_id) > 16:
            return None
        model = self.listing.model
        return db.session.scalars(select(model).where(model.public_id == public_id)).first()

    def history(self, item) -> list:
        return revision_notes(self.lifecycle, db.session, item)

    def public_view_of(self, item, revision_no: int | None = None):
        """The item's revision ``revision_no`` (default the current one) as the public sees
        it, or None."""
        revision = self.lifecycle.revision(db.session, item, revision_no)
        return self.list_for_request().public_view(item, item.unit, revision)


KINDS: dict[str, KindSpec] = {}


def register_kind(spec: KindSpec) -> KindSpec:
    KINDS[spec.name] = spec
    return spec


# --- the public pages --------------------------------------------------------------------------


def public_blueprint(spec: KindSpec) -> Blueprint:
    """The kind's public pages and downloads on a blueprint of their own."""
    bp = Blueprint(spec.blueprint, __name__)

    def list_page():
        listing = spec.list_for_request()
        filters = spec.filters_of_request(listing)
        return render_template(
            spec.list_template,
            page=listing.page(filters, request.args.get("cursor")),
            filters=filters,
            units=list(listing.units_by_code.values()),
            first_page=not request.args.get("cursor"),
            **spec.list_context(listing, filters),
        )

    def render(public_id: str, revision_no: int | None):
        item = spec.item_or_none(public_id)
        view = spec.public_view_of(item, revision_no) if item is not None else None
        if view is None:  # never published, or no such revision
            abort(404)
        return render_template(
            spec.detail_template,
            view=view,
            history=spec.history(item),
            current_revision_no=item.revision_count,
        )

    def csv_page():
        """Every listed item matching the page's filters, UTF-8 CSV with a BOM (Excel)."""
        listing = spec.list_for_request()
        filters = spec.filters_of_request(listing)
        return csv_download(
            download_name(spec.download_stem, filters.as_args(), "csv"),
            spec.csv_header,
            (spec.csv_row(view) for view in listing.all(filters)),
        )

    def json_page():
        """The same list as JSON: ``{"items": [...], "next": null}``, streamed."""
        listing = spec.list_for_request()
        filters = spec.filters_of_request(listing)
        return json_download(
            download_name(spec.download_stem, filters.as_args(), "json"),
            (spec.to_json(view, None) for view in listing.all(filters)),
        )

    def name(endpoint: str) -> str:
        return endpoint.rsplit(".", 1)[1]

    endpoints = spec.endpoints
    bp.add_url_rule(f"{spec.path}/", name(endpoints.list), list_page)
    bp.add_url_rule(
        f"{spec.path}/<public_id>",
        name(endpoints.detail),
        lambda public_id: render(public_id, None),
    )
    bp.add_url_rule(
        f"{spec.path}/<public_id>/revisions/<int:revision_no>", name(endpoints.revision), render
    )
    bp.add_url_rule(f"{spec.path}.csv", name(endpoints.csv), csv_page)
    if endpoints.json:
        bp.add_url_rule(f"{spec.path}.json", name(endpoints.json), json_page)
    return bp


# --- the Atom feed -----------------------------------------------------------------------------


def kind_feed(spec: KindSpec) -> AtomFeed:
    """The kind's feed for the current request; ``?unit=CODE`` narrows it to one unit."""
    listing = spec.list_for_request()
    feed = spec.feed
    code = request.args.get("unit", "").strip()
    unit = listing.units_by_code.get(code) if code else None
    unit_args = {"unit": unit.code} if unit else {}
    return AtomFeed(
        id=uuid.uuid5(feed.namespace, f"feed:{feed.name}:" + (unit.code if unit else "")).urn,
        title=f"{unit.name}{feed.title}" if unit else feed.title,
        subtitle=feed.subtitle,
        self_link=url_for("feeds.feed", name=feed.name, _external=True, **unit_args),
        alternate_link=url_for(spec.endpoints.list, _external=True, **unit_args),
        author=current_app.config["BUREAU_NAME"],
        entries=[feed.entry(view) for view in listing.feed(unit=unit)],
    )
