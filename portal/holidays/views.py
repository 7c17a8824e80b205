"""/calendar: the year's holidays and make-up working days, and the deadline calculator."""

from datetime import date

from flask import Blueprint, render_template, request

from portal.core.calendar_store import calendar_today, current_calendar
from portal.core.deadline_calculator import CalculatorError, calculate
from portal.core.deadline_rules import RULES

bp = Blueprint("holidays", __name__)

FIRST_YEAR, LAST_YEAR = 2024, 2099


@bp.route("/calendar")
def calendar_page():
    today = calendar_today()
    year_text = request.args.get("year", "")
    year = int(year_text) if year_text.isdigit() else today.year
    year_error = ""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        year_error = f"只能查看 {FIRST_YEAR}—{LAST_YEAR} 年的日历。"
        year = today.year
    calendar = current_calendar()
    holidays, makeup = calendar.year_days(year)
    result, error = None, ""
    if "rule" in request.args or "start" in request.args:
        try:
            result = calculate(request.args.get("rule"), request.args.get("start"))
        except CalculatorError as exc:
            error = str(exc)
    status = 400 if error or year_error else 200
    return render_template(
        "holidays/calendar.html",
        year=year,
        years=range(max(FIRST_YEAR, today.year - 2), min(LAST_YEAR, today.year + 3) + 1),
        provisional=calendar.is_provisional(date(year, 1, 1)),
        holidays=[(day, calendar.rest_reason(day)) for day in holidays],
        makeup=makeup,
        rules=RULES.values(),
        result=result,
        error=error,
        year_error=year_error,
        form={"rule": request.args.get("rule", ""), "start": request.args.get("start", "")},
    ), status
