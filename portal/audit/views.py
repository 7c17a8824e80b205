"""Back office: reading the audit log (unit staff see their own unit's entries)."""

import json

from flask import Blueprint, render_template, request
from sqlalchemy import or_

from portal.audit.models import AuditEntry
from portal.core.pagination import keyset_page
from portal.extensions import db
from portal.staff.access import require_staff_login
from portal.staff.scoping import get_scoped_or_404, scoped_select

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
bp.before_request(require_staff_login)

PAGE_SIZE = 50


@bp.route("/")
def entries():
    stmt = scoped_select(AuditEntry)
    query = request.args.get("q", "").strip()
    if query:
        pattern = f"%{query}%"
        stmt = stmt.where(
            or_(
                AuditEntry.action.like(pattern),
                AuditEntry.object_id.like(pattern),
                AuditEntry.actor_label.like(pattern),
            )
        )
    page = keyset_page(
        db.session,
        stmt,
        [AuditEntry.id],
        lambda entry: (entry.id,),
        request.args.get("cursor"),
        PAGE_SIZE,
        descending=True,
    )
    return render_template("audit/entries.html", page=page, query=query)


@bp.route("/<int:entry_id>")
def entry(entry_id: int):
    entry = get_scoped_or_404(AuditEntry, AuditEntry.id == entry_id)
    before = json.loads(entry.before_json)
    after = json.loads(entry.after_json)
    keys = sorted(set(before or {}) | set(after or {}))
    return render_template(
        "audit/entry.html", entry=entry, before=before or {}, after=after or {}, keys=keys
    )
