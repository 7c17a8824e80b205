"""Public result pages."""

from flask import Blueprint

from portal.pages import under_construction

bp = Blueprint("results", __name__)


@bp.route("/outcomes/")
def outcomes():
    return under_construction("投诉办理结果公示", "已办结投诉的办理结果、答复和满意度评价。")


@bp.route("/stats/")
def stats():
    return under_construction("统计数据", "各单位每月的受理、办结、按期办结率和满意度统计。")


@bp.route("/reviews/")
def reviews():
    return under_construction("社会评议与案卷评查", "社会评议问卷结果和案卷评查结果。")


@bp.route("/media/")
def media():
    return under_construction("舆论回应", "对媒体报道的回应及处理情况。")
