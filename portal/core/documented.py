"""The API's operations, declared at their views, and the OpenAPI paths built from them.

A view says what it takes and answers with one decorator::

    @documented("行政处罚决定列表", response="DecisionList", params=(*LIST_PARAMS, UNIT, YEAR))

``openapi_paths`` walks the app's URL map: every rule under /api/v1/ and /open311/v2/ is in the
document (a route without a declaration fails tests/api/test_openapi.py), with its path
parameters taken from the rule. ``init_checks`` makes every such request refuse, with a 400,
a query string the declared schemas forbid (a repeated parameter, a missing required one, a
value of the wrong type, range, pattern or enum), so that the document and the code cannot
disagree: the view runs first and keeps its own refusals; a success that the schema forbids
becomes the 400. Schemas may be callables (e.g. a year range that ends this year).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import jsonschema
from flask import Flask, current_app, request
from sqlalchemy import select

from portal.core.models import local_today
from portal.core.pagination import CURSOR_SCHEMA, MAX_PAGE_SIZE
from portal.errors import error_response
from portal.extensions import db

DOCUMENTED_PREFIXES = ("/api/v1/", "/open311/v2/")
ERROR_RESPONSE = {
    "description": "错误",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
_INTEGER = re.compile(r"^-?[0-9]{1,18}$")
_CONVERTER = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Param:
    name: str
    schema: dict | Callable[[], dict] = field(default_factory=lambda: {"type": "string"})
    description: str = ""
    required: bool = False
    location: str = "query"
    #: the Chinese message of the 400 for a value the schema forbids (may be a callable)
    message: str | Callable[[], str] = ""

    def invalid_message(self) -> str:
        message = self.message() if callable(self.message) else self.message
        if message:
            return message
        hint = f"（{self.description}）" if self.description else ""
        return f"参数 {self.name} 的值不符合要求{hint}"

    def resolved_schema(self) -> dict:
        return self.schema() if callable(self.schema) else self.schema

    def as_openapi(self) -> dict:
        parameter = {
            "name": self.name,
            "in": self.location,
            "required": self.required or self.location == "path",
            "schema": self.resolved_schema(),
        }
        if self.description:
            parameter["description"] = self.description
        return parameter


@dataclass(frozen=True)
class Operation:
    summary: str
    #: the component schema of the 200 answer (JSON); or a full ``responses["200"]`` dict
    response: str | dict
    params: tuple[Param, ...] = ()
    errors: tuple[int, ...] = (400,)
    description: str = ""
    operation_id: str = ""
    #: the answer of an error status; default the API's ``Error``
    error_response: dict | None = None
    #: a POST's ``requestBody``
    request_body: dict | None = None


def documented(summary: str, response: str | dict, **options):
    """Declare the view's operation (see the module docstring)."""

    def decorate(view):
        view.api_operation = Operation(summary, response, **options)
        return view

    return decorate


def operation_of(view) -> Operation | None:
    return getattr(view, "api_operation", None)


# --- checking requests ------------------------------------------------------------------------


def _coerced(text: str, schema: dict):
    if schema.get("type") == "integer" and _INTEGER.match(text):
        return int(text)
    return text


def argument_violation() -> str | None:
    """Why the query string breaks the endpoint's declared parameters, or None."""
    operation = operation_of(current_app.view_functions.get(request.endpoint))
    if operation is None:
        return None
    for param in operation.params:
        if param.location != "query":
            continue
        values = request.args.getlist(param.name)
        if not values:
            if param.required:
                return f"缺少参数 {param.name}"
            continue
        if len(values) > 1:
            return f"参数 {param.name} 只能给一次"
        schema = param.resolved_schema()
        try:
            jsonschema.validate(_coerced(values[0], schema), schema)
        except jsonschema.ValidationError:
            return param.invalid_message()
    return None


def _refuse_accepted_violation(response):
    """A request the schema forbids never succeeds. The check runs after the view, so that the
    view's own refusal (status and Chinese message) stays as it was, and a refused request
    costs no check; only a success is replaced."""
    if (
        response.status_code < 400
        and request.endpoint is not None
        and request.path.startswith(DOCUMENTED_PREFIXES)
    ):
        violation = argument_violation()
        if violation:
            return error_response(400, violation)
    return response


def init_checks(app: Flask) -> None:
    app.after_request(_refuse_accepted_violation)


# --- the document -----------------------------------------------------------------------------


def _path_of(rule: str) -> tuple[str, list[dict]]:
    """A werkzeug rule as an OpenAPI path, and its path parameters (from the converters)."""
    parameters = []

    def replace(match: re.Match) -> str:
        converter, args, name = match.group("converter"), match.group("args"), match.group("name")
        schema = {"type": "string"}
        if converter == "int":
            schema = {"type": "integer", "minimum": 0}
        elif converter == "any":
            schema = {"type": "string", "enum": [a.strip().strip("'\"") for a in args.split(",")]}
        parameters.append({"name": name, "in": "path", "required": True, "schema": schema})
        return "{" + name + "}"

    return _CONVERTER.sub(replace, rule), parameters


def _operation_json(operation: Operation, path_parameters: list[dict], endpoint: str) -> dict:
    declared = {param.name: param for param in operation.params}
    parameters = [
        declared.pop(item["name"]).as_openapi() if item["name"] in declared else item
        for item in path_parameters
    ]
    parameters += [param.as_openapi() for param in declared.values()]
    if isinstance(operation.response, dict):
        ok = operation.response
    else:
        ok = {
            "description": "OK",
            "content": {
                "application/json": {
                    "schema": {"$ref": f"#/components/schemas/{operation.response}"}
                }
            },
        }
    body = {
        "summary": operation.summary,
        "operationId": operation.operation_id or endpoint.replace(".", "_"),
        "responses": {
            "200": ok,
            **{str(code): operation.error_response or ERROR_RESPONSE for code in operation.errors},
        },
    }
    if operation.request_body:
        body["requestBody"] = operation.request_body
    if operation.description:
        body["description"] = operation.description
    if parameters:
        body["parameters"] = parameters
    return body


def openapi_paths(app: Flask, prefix: str) -> dict:
    """Every rule under ``prefix`` as OpenAPI paths relative to it (methods GET and POST)."""
    paths: dict[str, dict] = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(prefix):
            continue
        view = app.view_functions[rule.endpoint]
        operation = operation_of(view)
        if operation is None:
            continue
        path, path_parameters = _path_of(rule.rule[len(prefix) :] or "/")
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            paths.setdefault(path, {})[method.lower()] = _operation_json(
                operation, path_parameters, rule.endpoint
            )
    return paths


def undocumented_rules(app: Flask) -> list[str]:
    return [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(DOCUMENTED_PREFIXES)
        and operation_of(app.view_functions[rule.endpoint]) is None
    ]


# --- parameters several endpoints share ---------------------------------------------------------

CURSOR = Param("cursor", CURSOR_SCHEMA, "上一页返回的 next 值", message="翻页参数无效")
LIMIT = Param(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 50},
    message=f"limit 应为 1 到 {MAX_PAGE_SIZE} 之间的整数",
)
LIST_PARAMS = (CURSOR, LIMIT)


def year_param(first_year: int, description: str) -> Param:
    """``?year=`` from ``first_year`` to this year (what the listing code accepts)."""
    return Param(
        "year",
        lambda: {"type": "integer", "minimum": first_year, "maximum": local_today().year},
        description,
        message=lambda: f"年份应在{first_year}年到{local_today().year}年之间。",
    )


def _unit_codes_schema() -> dict:
    # the table, not the model: this module is imported while the domain packages load
    unit = db.metadata.tables["unit"]
    codes = db.session.scalars(select(unit.c.code).order_by(unit.c.sort_order, unit.c.id)).all()
    return {"type": "string", "enum": list(codes)}


#: ``?unit=``: one of the units' codes (the listings answer 400 for any other)
UNIT = Param("unit", _unit_codes_schema, "单位代码", message="没有这个执法单位，请从列表中选择。")


def month_param(first_year: int, description: str) -> Param:
    """``?month=YYYY-MM`` from January of ``first_year`` to December of this year."""

    def schema() -> dict:
        years = "|".join(str(year) for year in range(first_year, local_today().year + 1))
        return {"type": "string", "pattern": f"^({years})-(0[1-9]|1[0-2])$"}

    return Param("month", schema, description, message="月份格式应为 年-月，例如 2026-03。")
