"""/api/v1/<kind>: the list (same filters as the kind's page) and one item, for every kind
described for the publishing kernel. Only published, masked fields; an item never published is
a 404, a withdrawn one answers with its notice and no content."""

from flask import Blueprint, abort, jsonify, request

from portal.core.documented import LIST_PARAMS, documented
from portal.core.pagination import requested_page_size
from portal.kinds import KINDS
from portal.publishing.kind import KindSpec


def mount_kinds(api_bp: Blueprint) -> None:
    for spec in KINDS.values():
        if spec.api is not None:
            mount_api(api_bp, spec)


def mount_api(api_bp: Blueprint, spec: KindSpec) -> None:
    """The kind's list and detail on the API blueprint, declared for the OpenAPI document."""

    api = spec.api

    @documented(
        api.list_summary, api.list_schema, params=(*LIST_PARAMS, *api.params), errors=(400, 404)
    )
    def list_view():
        listing = spec.list_for_request()
        filters = spec.filters_of_request(listing)
        size = requested_page_size(request.args.get("limit"))
        page = listing.page(filters, request.args.get("cursor"), size)
        return jsonify(
            {"items": [spec.to_json(view, None) for view in page.items], "next": page.next_cursor}
        )

    @documented(api.detail_summary, api.detail_schema, errors=(404,))
    def detail_view(public_id: str):
        item = spec.item_or_none(public_id)
        view = spec.public_view_of(item) if item is not None else None
        if view is None:
            abort(404, api.not_found)
        return jsonify(spec.to_json(view, spec.history(item)))

    api_bp.add_url_rule(f"/{api.path}", api.list_endpoint, list_view)
    api_bp.add_url_rule(f"/{api.path}/<public_id>", api.detail_endpoint, detail_view)
