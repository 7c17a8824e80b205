"""The decision preview's masking adjustments (``portal.core.masking_adjust``): the routes on
the decisions' back office, the decision found unit-scoped."""

from flask import redirect, url_for

from portal.disclosure.decisions.admin_views import _decision, decisions_admin_bp
from portal.disclosure.decisions.masking import DECISION_ADJUSTMENTS


def _back(decision, decision_id: int):
    return redirect(url_for("decisions_admin.decision", decision_id=decision_id) + "#preview")


DECISION_ADJUSTMENTS.register(decisions_admin_bp, "/<int:decision_id>", _decision, _back)
