"""Public officer pages."""

from flask import Blueprint

from portal.pages import under_construction

bp = Blueprint("officers", __name__, url_prefix="/officers")


@bp.route("/lookup")
def lookup():
    return under_construction(
        "执法人员亮证查询",
        "输入执法人员工号或执法证号，即可核实其身份和执法资格。"
        "在此之前，如需核实执法人员身份，请拨打投诉举报电话。",
    )


@bp.route("/")
def roster():
    return under_construction(
        "执法人员清单", "各执法单位在岗执法人员的工号、执法证号、执法类别和执法区域。"
    )
