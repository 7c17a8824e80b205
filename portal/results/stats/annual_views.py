"""/stats/annual/<year>: the frozen annual report, its revisions, CSV and JSON."""

from flask import abort, jsonify, render_template, request

from portal.core.downloads import csv_download
from portal.core.models import local_today
from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.extensions import db
from portal.results.stats import annual
from portal.results.stats.annual_report import (
    AMOUNTS,
    ANNUAL_LIFECYCLE,
    FIGURE_LABELS,
    SECTIONS,
    report_of,
)
from portal.results.stats.views import MIN_YEAR, bp


def _published(year: int):
    """The report of ``year`` once published (or withdrawn: its permalink stays), else 404."""
    report = report_of(db.session, year) if year >= MIN_YEAR else None
    if report is None or report.status not in (PUBLISHED, WITHDRAWN):
        today = local_today()
        if year >= today.year:
            message = f"{year}年度统计年报将于{year + 1}年1月发布（1月31日前）。"
        elif year < MIN_YEAR:
            message = f"没有{year}年度的统计年报。"
        else:
            message = f"{year}年度统计年报尚未发布（应于{year + 1}年1月31日前发布）。"
        abort(404, description=message)
    return report


def _revision(report, number: int | None):
    revision = ANNUAL_LIFECYCLE.revision(db.session, report, number)
    if revision is None:
        abort(404, description=f"{report.year}年度统计年报没有第{number}版。")
    return revision


def _requested_revision(report):
    value = request.args.get("revision", "").strip()
    if not value:
        return _revision(report, None)
    if not value.isdigit():
        abort(400, description="版本号应为正整数，例如 1。")
    return _revision(report, int(value))


def _render(year: int, number: int | None):
    report = _published(year)
    revision = _revision(report, number)
    return render_template(
        "results/stats/annual_document.html",
        report=report,
        revision=revision,
        history=ANNUAL_LIFECYCLE.revisions(db.session, report),
        sections=SECTIONS,
        amounts=AMOUNTS,
        figures=revision.figures if report.status == PUBLISHED else None,
        due_day=annual.DUE_DAY,
    )


@bp.route("/stats/annual/<int:year>")
def annual_document(year: int):
    return _render(year, None)


@bp.route("/stats/annual/<int:year>/revisions/<int:revision_no>")
def annual_document_revision(year: int, revision_no: int):
    return _render(year, revision_no)


def _withdrawn_refusal(report) -> None:
    if report.status == WITHDRAWN:
        abort(410, description=f"{report.year}年度统计年报已撤下：{report.withdrawal_reason}")


@bp.route("/stats/annual/<int:year>.csv")
def annual_document_csv(year: int):
    report = _published(year)
    _withdrawn_refusal(report)
    revision = _requested_revision(report)
    keys = list(FIGURE_LABELS)
    header = ["年度", "版本", "单位代码", "单位", *FIGURE_LABELS.values()]
    figures = revision.figures
    rows = [
        [year, revision.revision_no, row["code"], row["name"], *(_cell(row[k]) for k in keys)]
        for row in figures["units"]
    ]
    total = figures["total"]
    rows.append([year, revision.revision_no, "", "全市合计", *(_cell(total[k]) for k in keys)])
    return csv_download(f"annual-report-{year}-r{revision.revision_no}.csv", header, rows)


def _cell(value):
    return "" if value is None else value


@bp.route("/stats/annual/<int:year>.json")
def annual_document_json(year: int):
    report = _published(year)
    _withdrawn_refusal(report)
    revision = _requested_revision(report)
    return jsonify(
        {
            "year": year,
            "revision": revision.revision_no,
            "published_at": revision.published_at.isoformat(timespec="seconds") + "Z",
            "computed_at": revision.computed_at.isoformat(timespec="seconds") + "Z",
            "correction_reason": revision.reason or None,
            "revisions": [
                {
                    "revision": item.revision_no,
                    "published_at": item.published_at.isoformat(timespec="seconds") + "Z",
                    "reason": item.reason or None,
                }
                for item in ANNUAL_LIFECYCLE.revisions(db.session, report)
            ],
            "labels": FIGURE_LABELS,
            "total": revision.figures["total"],
            "units": revision.figures["units"],
        }
    )
