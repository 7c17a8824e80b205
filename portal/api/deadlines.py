"""/api/v1/deadlines?rule=&start=YYYY-MM-DD: one statutory deadline, as the calculator on
/calendar computes it; bad input → 400 with a Chinese message (the one error shape)."""

from flask import jsonify, request

from portal.core.deadline_calculator import EARLIEST_YEAR, LATEST_YEAR, CalculatorError, calculate
from portal.core.deadline_rules import RULES
from portal.core.documented import Param, documented
from portal.errors import error_response

_YEARS = "|".join(str(year) for year in range(EARLIEST_YEAR, LATEST_YEAR + 1))


@documented(
    "计算法定期限：起算日＋规则 → 最后一日，列出跳过或顺延的日期",
    "Deadline",
    params=(
        Param("rule", {"type": "string", "enum": list(RULES)}, "期限规则", required=True),
        Param(
            "start",
            {
                "type": "string",
                "format": "date",
                "pattern": f"^({_YEARS})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            },
            f"起算日期 YYYY-MM-DD（事件发生之日），{EARLIEST_YEAR}—{LATEST_YEAR} 年",
            required=True,
        ),
    ),
)
def deadline_calculation():
    try:
        result = calculate(request.args.get("rule"), request.args.get("start"))
    except CalculatorError as error:
        return error_response(400, str(error))
    return jsonify(result.as_json())
