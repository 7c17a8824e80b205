"""The tables of a statistics report: which figures, their headers, HTML and CSV cells."""

from dataclasses import dataclass

from portal.results.stats.figures import EXEMPTION_FIGURES, Figures, Report

HANDLING = [
    ("received", "收到"),
    ("accepted", "受理"),
    ("rejected", "不予受理"),
    ("closed", "办结"),
    ("overdue_now", "当前超期"),
    ("answered", "答复"),
    ("on_time", "按期答复"),
    ("on_time_rate", "按期答复率（%）"),
    ("average_days", "平均答复用时（天）"),
]
#: 当前超期 is a figure of today: per unit, never per month
HANDLING_MONTHS = [column for column in HANDLING if column[0] != "overdue_now"]
LATENESS = [
    ("late_acceptances", "逾期受理"),
    ("late_answers", "逾期答复"),
    ("late_rehandling_answers", "逾期复查答复"),
    ("late_withdrawals", "逾期撤下处罚决定"),
    ("late_filings", "逾期备案"),
]
SATISFACTION = [
    ("rated", "参评件数"),
    ("satisfied", "满意件数"),
    ("satisfaction_rate", "满意率（%）"),
    ("dissatisfied", "差评件数"),
    ("dissatisfied_share", "差评占比（%）"),
    ("callback_due", "实名差评"),
    ("called_back", "已回访"),
    ("callback_rate", "实名差评回访率（%）"),
]
DECISIONS = [
    ("decisions_published", "公示处罚决定"),
    ("decisions_due", "应公示"),
    ("decisions_on_time", "按期公示"),
    ("decisions_late", "逾期"),
    ("decisions_unpublished_late", "其中逾期未公示"),
    ("publication_on_time_rate", "按期公示率（%）"),
    ("decisions_overdue_now", "当前超期未公示"),
]
DECISIONS_MONTHS = [column for column in DECISIONS if column[0] != "decisions_overdue_now"]
EXEMPTIONS = [*EXEMPTION_FIGURES.items(), ("exempt_total", "合计")]


@dataclass(frozen=True)
class TableSpec:
    slug: str
    title: str
    by: str  # "unit" or "month"
    columns: list[tuple[str, str]]


TABLES = {
    spec.slug: spec
    for spec in (
        TableSpec("units", "各单位办理情况", "unit", HANDLING),
        TableSpec("months", "各月办理情况", "month", HANDLING_MONTHS),
        TableSpec("late-units", "各单位逾期情况", "unit", LATENESS),
        TableSpec("late-months", "各月逾期情况", "month", LATENESS),
        TableSpec("satisfaction-units", "各单位满意度与差评回访", "unit", SATISFACTION),
        TableSpec("satisfaction-months", "各月满意度与差评回访", "month", SATISFACTION),
        TableSpec("decisions-units", "各单位行政处罚决定公示", "unit", DECISIONS),
        TableSpec("decisions-months", "各月行政处罚决定公示", "month", DECISIONS_MONTHS),
        TableSpec("exempt-units", "各单位依法不予公开的处罚决定", "unit", EXEMPTIONS),
        TableSpec("exempt-months", "各月依法不予公开的处罚决定", "month", EXEMPTIONS),
    )
}


def month_label(month: str) -> str:
    return f"{int(month[5:])}月"


def value(figures: Figures, column: str):
    return getattr(figures, column)


def html_cell(figures: Figures, column: str) -> str:
    """How a page shows a figure: "—" for a rate with nothing to count."""
    number = value(figures, column)
    if number is None:
        return "—"
    if isinstance(number, float):
        return f"{number:.1f}"
    return str(number)


def rows(spec: TableSpec, report: Report) -> list[tuple[str, str, Figures]]:
    """(key, label, figures) per row: units by code, or months 'YYYY-MM'."""
    if spec.by == "unit":
        return [(ref.code, ref.name, figures) for ref, figures in report.units]
    return [(month, month_label(month), figures) for month, figures in report.months]


def total_label(report: Report) -> str:
    return report.unit.name + "合计" if report.unit else "全市合计"


def csv_table(spec: TableSpec, report: Report) -> tuple[list[str], list[list]]:
    """Header and rows for the CSV: counts as numbers, an empty rate as an empty cell."""
    first = ["单位代码", "单位"] if spec.by == "unit" else ["月份", "月"]
    header = ["年度", *first, *[label for _, label in spec.columns]]

    def cells(figures):
        return ["" if value(figures, c) is None else value(figures, c) for c, _ in spec.columns]

    body = [
        [report.year, key, label, *cells(figures)] for key, label, figures in rows(spec, report)
    ]
    body.append([report.year, "", total_label(report), *cells(report.city)])
    return header, body
