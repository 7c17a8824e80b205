"""The decision preview's masking adjustments: hide a selected span, unmask a detected name
that is no person's (with a reason), take an adjustment back. Each is audited; each applies
to every later masking of the decision (publication, correction, ``masking rescan``)."""

from flask import abort, flash, redirect, request, url_for
from flask_login import current_user

from portal.audit.services import Actor
from portal.core import masking_overrides
from portal.core.masking_preview import findings_of
from portal.core.publication import WITHDRAWN, PublicationError
from portal.disclosure.decisions.admin_views import _decision, decisions_admin_bp
from portal.disclosure.decisions.masking import OVERRIDE_KIND as KIND
from portal.disclosure.decisions.masking import preview
from portal.extensions import db


def _back(decision_id: int):
    return redirect(url_for("decisions_admin.decision", decision_id=decision_id) + "#preview")


def _adjustable(decision_id: int):
    decision = _decision(decision_id)
    if decision.status == WITHDRAWN:
        abort(409, "已撤下的决定不能再调整脱敏。")
    return decision


def _run(decision, change, message: str):
    try:
        change()
    except PublicationError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return _back(decision.id)


@decisions_admin_bp.route("/<int:decision_id>/masking/mask", methods=["POST"])
def masking_mask(decision_id: int):
    decision = _adjustable(decision_id)
    text = request.form.get("text", "")
    return _run(
        decision,
        lambda: masking_overrides.add_mask(
            db.session, Actor.of_user(current_user), KIND, decision, text, unit_id=decision.unit_id
        ),
        "已加入人工隐去，公示时生效。",
    )


@decisions_admin_bp.route("/<int:decision_id>/masking/unmask", methods=["POST"])
def masking_unmask(decision_id: int):
    decision = _adjustable(decision_id)
    findings = findings_of(preview(decision))
    return _run(
        decision,
        lambda: masking_overrides.add_unmask(
            db.session,
            Actor.of_user(current_user),
            KIND,
            decision,
            request.form.get("text", ""),
            request.form.get("reason", ""),
            findings,
            unit_id=decision.unit_id,
        ),
        "已取消对该姓名的隐去，公示时生效。",
    )


@decisions_admin_bp.route("/<int:decision_id>/masking/<int:override_id>/revert", methods=["POST"])
def masking_revert(decision_id: int, override_id: int):
    decision = _adjustable(decision_id)
    row = db.session.get(masking_overrides.MaskingOverride, override_id)
    if row is None or row.item_kind != KIND or row.item_id != decision.id:
        abort(404)
    return _run(
        decision,
        lambda: masking_overrides.remove(
            db.session, Actor.of_user(current_user), row, unit_id=decision.unit_id
        ),
        "已撤回该调整。",
    )
