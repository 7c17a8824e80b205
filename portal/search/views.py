"""The public search page."""

from flask import Blueprint

from portal.pages import under_construction

bp = Blueprint("search", __name__)


@bp.route("/search")
def search():
    return under_construction("站内检索", "在公示文件、处罚决定、执法人员和结果公示中检索。")
