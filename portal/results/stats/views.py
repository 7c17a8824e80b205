"""/stats/ (the year's figures), /stats/<year> (the annual report), CSV and /api/v1/stats."""

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from sqlalchemy import func, select

from portal.complaints.models import Complaint
from portal.core.documented import UNIT, documented, year_param
from portal.core.downloads import csv_download
from portal.core.models import local_today, utcnow
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.extensions import db
from portal.org.models import Unit
from portal.results import charts
from portal.results.stats import annual, cache
from portal.results.stats.models import AnnualReport
from portal.results.stats.queries import Report, UnitRef, compute_report
from portal.results.stats.tables import (
    TABLES,
    csv_table,
    html_cell,
    month_label,
    rows,
    total_label,
)

bp = Blueprint("stats", __name__)

#: the earliest year anyone may ask for
MIN_YEAR = 2000


def _all_units() -> list[UnitRef]:
    units = db.session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id))
    return [UnitRef(unit.id, unit.code, unit.name, unit.short_name) for unit in units]


def parse_year(value: str | None, latest: int) -> int:
    """The year asked for (default ``latest``); 400 with a Chinese message when it is not one."""
    if value is None or value.strip() == "":
        return latest
    value = value.strip()
    if not (value.isdigit() and len(value) == 4):
        abort(400, description="年份应为四位数字，例如 2026。")
    year = int(value)
    if not MIN_YEAR <= year <= latest:
        abort(400, description=f"年份应在{MIN_YEAR}年至{latest}年之间。")
    return year


def parse_unit(code: str | None, units: list[UnitRef]) -> UnitRef | None:
    if code is None or code.strip() == "":
        return None
    unit = next((ref for ref in units if ref.code == code.strip()), None)
    if unit is None:
        abort(404, description="没有这个执法单位，请从单位列表中选择。")
    return unit


def get_report(year: int, unit: UnitRef | None, units: list[UnitRef]) -> Report:
    """The report of ``year`` for ``unit`` (None: the city), from the cache when fresh."""
    return cache.cached(
        ("stats", year, unit.code if unit else ""),
        lambda: compute_report(
            db.session,
            year,
            unit,
            units,
            local_today(),
            utcnow(),
            calendar=working_calendar(),
            filing_days=current_settings().filing_days,
        ),
    )


def _request_report(latest: int) -> Report:
    units = _all_units()
    year = parse_year(request.args.get("year"), latest)
    return get_report(year, parse_unit(request.args.get("unit"), units), units)


def _years(today) -> list[int]:
    first = db.session.scalar(select(func.min(Complaint.submitted_at)))
    start = max(MIN_YEAR, min(first.year if first else today.year, today.year))
    return list(range(today.year, start - 1, -1))


def build_charts(report: Report) -> dict:
    """The SVG charts of a report; each page shows the table behind it right after it."""
    whom = report.unit.name if report.unit else "各单位"
    labels = [ref.short_name for ref, _ in report.units]
    months = [month_label(month) for month, _ in report.months]

    def by_unit(column):
        return [getattr(figures, column) for _, figures in report.units]

    def by_month(column):
        return [getattr(figures, column) for _, figures in report.months]

    year = report.year
    return {
        "received": charts.bar_chart(
            f"{year}年{whom}收到投诉举报件数", labels, by_unit("received")
        ),
        "on_time": charts.bar_chart(
            f"{year}年{whom}按期答复率（%）",
            labels,
            by_unit("on_time_rate"),
            suffix="%",
            maximum=100,
        ),
        "months": charts.line_chart(
            f"{year}年各月收到、受理、办结件数",
            months,
            [
                charts.Series("收到", by_month("received")),
                charts.Series("受理", by_month("accepted")),
                charts.Series("办结", by_month("closed")),
            ],
        ),
        "rates": charts.line_chart(
            f"{year}年各月按期答复率与满意率（%）",
            months,
            [
                charts.Series("按期答复率", by_month("on_time_rate")),
                charts.Series("满意率", by_month("satisfaction_rate")),
            ],
            suffix="%",
            maximum=100,
        ),
        "satisfaction": charts.bar_chart(
            f"{year}年{whom}满意率（%）",
            labels,
            by_unit("satisfaction_rate"),
            suffix="%",
            maximum=100,
        ),
        "decisions": charts.bar_chart(
            f"{year}年{whom}公示行政处罚决定件数", labels, by_unit("decisions_published")
        ),
    }


def _context(report: Report) -> dict:
    return {
        "report": report,
        "charts": build_charts(report),
        "tables": TABLES,
        "rows": rows,
        "cell": html_cell,
        "total_label": total_label(report),
        "unit_code": report.unit.code if report.unit else "",
    }


@bp.route("/stats/")
def index():
    today = local_today()
    report = _request_report(today.year)
    return render_template(
        "results/stats/index.html",
        **_context(report),
        years=_years(today),
        units=_all_units(),
        annual_year=today.year - 1,
        annual_published=_frozen_report(today.year - 1) is not None,
    )


@bp.route("/stats/<int:year>")
def annual_report(year: int):
    today = local_today()
    if not annual.report_available(year, today) or year < MIN_YEAR:
        if year >= today.year:
            message = f"{year}年度统计年报将于{year + 1}年1月1日起发布，届时可在此查看。"
        else:
            message = f"没有{year}年度的统计年报。"
        abort(404, description=message)
    units = _all_units()
    unit = parse_unit(request.args.get("unit"), units)
    frozen = _frozen_report(year)
    if frozen is not None and unit is None:
        # the published, frozen report is the annual report; this page stays for units
        return redirect(url_for("stats.annual_document", year=year))
    report = get_report(year, unit, units)
    return render_template("results/stats/annual.html", **_context(report), frozen=frozen)


def _frozen_report(year: int) -> AnnualReport | None:
    """The published annual report of ``year``, if any."""
    return db.session.scalars(
        select(AnnualReport).where(AnnualReport.year == year, AnnualReport.status == "published")
    ).first()


@bp.route("/stats/<slug>.csv")
def table_csv(slug: str):
    spec = TABLES.get(slug)
    if spec is None:
        abort(404, description="没有这张统计表。")
    report = _request_report(local_today().year)
    suffix = f"-{report.unit.code}" if report.unit else ""
    return csv_download(f"stats-{report.year}-{slug}{suffix}.csv", *csv_table(spec, report))


#: figures of today, not of a month: left out of the month rows
TODAY_FIGURES = ("overdue_now", "decisions_overdue_now")


def _monthly(figures) -> dict:
    data = figures.as_dict()
    return {key: value for key, value in data.items() if key not in TODAY_FIGURES}


def _unit_json(ref: UnitRef) -> dict:
    return {"code": ref.code or None, "name": ref.name}


@bp.route("/api/v1/stats")
@documented(
    "投诉举报办理与处罚决定公示统计（全市、各单位、各月）",
    "Stats",
    description=(
        "只含件数和比率，不含任何个人信息。月份按北京时间划分；各项口径见"
        " /stats/#definitions。结果缓存几分钟。"
    ),
    params=(year_param(MIN_YEAR, "统计年度，默认本年"), UNIT),
    errors=(400, 404),
)
def api_stats():
    report = _request_report(local_today().year)
    return jsonify(
        {
            "year": report.year,
            "unit": _unit_json(report.unit) if report.unit else None,
            "computed_at": report.computed_at.isoformat(timespec="seconds") + "Z",
            "definitions": url_for("stats.index", _external=True) + "#definitions",
            "total": report.city.as_dict(),
            "units": [
                {"unit": _unit_json(ref), **figures.as_dict()} for ref, figures in report.units
            ],
            "months": [{"month": month, **_monthly(figures)} for month, figures in report.months],
        }
    )
