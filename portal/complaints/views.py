"""Public complaint pages."""

from flask import Blueprint

from portal.pages import under_construction

bp = Blueprint("complaints", __name__)


@bp.route("/complaints/new")
def new():
    return under_construction(
        "投诉举报",
        "网上投诉举报功能正在建设中。现在您可以拨打投诉举报电话，或到各执法单位来访接待处反映。",
    )


@bp.route("/track")
def track():
    return under_construction("办理进度查询", "凭受理编号和查询码查询投诉举报的办理进度。")
