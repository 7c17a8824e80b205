"""The kiosk start screen."""

from flask import Blueprint

from portal.pages import under_construction

bp = Blueprint("kiosk", __name__, url_prefix="/kiosk")


@bp.route("/")
def home():
    return under_construction(
        "自助查询终端", "服务大厅触摸屏终端：查询执法人员、投诉举报、查询进度、结果公示。"
    )
