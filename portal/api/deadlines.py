"""/api/v1/deadlines?rule=&start=YYYY-MM-DD: one statutory deadline, as the calculator on
/calendar computes it; bad input → 400 with a Chinese message (the one error shape)."""

from flask import jsonify, request

from portal.core.deadline_calculator import CalculatorError, calculate
from portal.errors import error_response


def deadline_calculation():
    try:
        result = calculate(request.args.get("rule"), request.args.get("start"))
    except CalculatorError as error:
        return error_response(400, str(error))
    return jsonify(result.as_json())
