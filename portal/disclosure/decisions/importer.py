"""``flask --app portal decisions import FILE.csv [--publish]``: decisions from a case-management
export. Every row is checked; one bad row means nothing is imported, and every bad row is
reported with its line number."""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import click
from flask.cli import AppGroup
from sqlalchemy import select

from portal.audit.services import CLI_ACTOR, Actor
from portal.core.models import local_today
from portal.core.publication import PublicationError
from portal.core.text_input import normalise_text
from portal.disclosure.decisions.models import VIOLATION_TYPES, PenaltyDecision
from portal.disclosure.decisions.rules import current_settings, working_calendar
from portal.disclosure.decisions.services import (
    create_decision,
    publication_problems,
    publish_decision,
    submit_decision,
)
from portal.extensions import db
from portal.org.models import Unit

REQUIRED_COLUMNS = (
    "doc_no",
    "unit_code",
    "party_name",
    "party_type",
    "party_is_minor",
    "violation",
    "facts",
    "legal_basis",
    "penalty",
    "fine_amount",
    "decided_on",
)
OPTIONAL_COLUMNS = (
    "violation_type",
    "related_names",
    "orders_stop_of_business",
    "revokes_licence",
    "confiscated_income",
    "confiscated_property_value",
)
TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t", "是"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", "否", ""})
PARTY_TYPE_WORDS = {
    "person": "person",
    "自然人": "person",
    "个人": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "单位": "organisation",
    "法人": "organisation",
    "法人或其他组织": "organisation",
}
#: words in the violation text → its type, when the export has no violation_type column
VIOLATION_KEYWORDS = (
    (("占道", "摆摊", "出店经营"), "street_vending"),
    (("违法建设", "违建", "私搭乱建", "未取得建设工程规划许可"), "illegal_construction"),
    (("张贴", "涂画", "涂写", "刻画", "小广告"), "posting_graffiti"),
    (("渣土", "撒漏", "未密闭", "建筑垃圾"), "muck_transport"),
    (("户外广告", "广告牌", "招牌", "广告设施"), "outdoor_advertising"),
    (("烧烤",), "open_air_barbecue"),
    (("噪声", "噪音"), "noise"),
    (("绿地", "绿化", "树木", "草坪"), "green_space"),
    (("共享单车", "互联网租赁自行车"), "shared_bicycles"),
    (("扬尘",), "construction_dust"),
)


class RowProblem(ValueError):
    pass


@dataclass(frozen=True)
class RowError:
    line: int
    doc_no: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" ({self.doc_no})" if self.doc_no else "")
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    created: int = 0
    skipped: int = 0
    published: int = 0
    submitted: int = 0
    #: (doc_no, why it stays a draft)
    kept_as_draft: list[tuple[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def infer_violation_type(text: str) -> str:
    for words, code in VIOLATION_KEYWORDS:
        if any(word in text for word in words):
            return code
    return "other"


def _flag(value: str | None, column: str) -> bool:
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise RowProblem(f"{column} 应为 true/false（或 1/0、是/否），而不是 {value!r}")


def _violation_type(row: dict) -> str:
    given = (row.get("violation_type") or "").strip()
    if not given:
        return infer_violation_type(row.get("violation") or "")
    if given in VIOLATION_TYPES:
        return given
    by_label = {label: code for code, label in VIOLATION_TYPES.items()}
    if given in by_label:
        return by_label[given]
    raise RowProblem(f"violation_type 未知：{given!r}（可用：{', '.join(VIOLATION_TYPES)}）")


def parse_row(row: dict, units_by_code: dict[str, Unit]) -> tuple[Unit, dict]:
    """The unit and the service data of one CSV row; RowProblem names what is wrong."""
    code = (row.get("unit_code") or "").strip()
    unit = units_by_code.get(code)
    if unit is None:
        raise RowProblem(f"unit_code 未知：{code!r}")
    party_type = PARTY_TYPE_WORDS.get((row.get("party_type") or "").strip().lower())
    if party_type is None:
        raise RowProblem(
            f"party_type 应为 person 或 organisation，而不是 {row.get('party_type')!r}"
        )
    try:
        decided_on = date.fromisoformat((row.get("decided_on") or "").strip())
    except ValueError:
        raise RowProblem(
            f"decided_on 应为 YYYY-MM-DD 格式的日期，而不是 {row.get('decided_on')!r}"
        ) from None
    related = (row.get("related_names") or "").replace("；", ";").replace("、", ";")
    data = {
        "doc_no": row.get("doc_no") or "",
        "party_name": row.get("party_name") or "",
        "party_type": party_type,
        "party_is_minor": _flag(row.get("party_is_minor"), "party_is_minor"),
        "related_names": "\n".join(name.strip() for name in related.split(";")),
        "violation_type": _violation_type(row),
        "violation": row.get("violation") or "",
        "facts": row.get("facts") or "",
        "legal_basis": row.get("legal_basis") or "",
        "penalty": row.get("penalty") or "",
        "fine_amount": (row.get("fine_amount") or "").strip() or "0",
        "confiscated_income": (row.get("confiscated_income") or "").strip() or "0",
        "confiscated_property_value": (row.get("confiscated_property_value") or "").strip() or "0",
        "orders_stop_of_business": _flag(
            row.get("orders_stop_of_business"), "orders_stop_of_business"
        ),
        "revokes_licence": _flag(row.get("revokes_licence"), "revokes_licence"),
        "decided_on": decided_on,
    }
    return unit, data


def check_header(columns: Iterable[str] | None) -> list[str]:
    """Problems with the header row (missing or unknown columns)."""
    columns = [column.strip() for column in columns or []]
    problems = []
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        problems.append(f"unknown columns: {', '.join(unknown)} (a typo?)")
    return problems


def import_rows(
    session,
    actor: Actor,
    rows: list[tuple[int, dict]],
    *,
    publish: bool,
    skip_existing: bool,
    advance: Callable[[int], None] = lambda _n: None,
) -> ImportReport:
    """Create (and with ``publish`` publish) a decision per row in the caller's transaction.

    The caller commits only when ``report.errors`` is empty. A 重大 decision is submitted for
    review instead of published; a minor's decision stays a draft (it is never published).
    """
    report = ImportReport()
    units = {unit.code: unit for unit in session.scalars(select(Unit))}
    existing = set(session.execute(select(PenaltyDecision.unit_id, PenaltyDecision.doc_no)))
    rules = {"today": local_today(), "settings": current_settings(), "calendar": working_calendar()}
    created = []
    for line, row in rows:
        doc_no = (row.get("doc_no") or "").strip()
        try:
            unit, data = parse_row(row, units)
            if skip_existing and (unit.id, doc_no) in existing:
                report.skipped += 1
                continue
            created.append(create_decision(session, actor, unit, data, source="import", **rules))
        except (RowProblem, PublicationError) as problem:
            report.errors.append(RowError(line, doc_no, str(problem)))
        finally:
            advance(1)
    report.created = len(created)
    if report.errors or not publish:
        return report
    for decision in created:
        problems = publication_problems(decision, may_review=False)
        if decision.party_is_minor:
            report.kept_as_draft.append((decision.doc_no, "当事人为未成年人，不予公开"))
        elif decision.is_major:
            submit_decision(session, actor, decision)
            report.submitted += 1
        elif problems:
            report.kept_as_draft.append((decision.doc_no, problems[0]))
        else:
            publish_decision(session, actor, decision, may_review=False)
            report.published += 1
    return report


def _cell(value: str | None) -> str | None:
    # decoded strictly as UTF-8, so no lone surrogate: NUL and controls go, NFC
    return normalise_text(value) if value is not None else None


decisions_cli = AppGroup("decisions", help="Penalty decisions (行政处罚决定).")


@decisions_cli.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--publish",
    is_flag=True,
    help="Publish the imported decisions at once (重大 ones go to supervisor review; a "
    "minor's decision stays a draft).",
)
@click.option(
    "--skip-existing",
    is_flag=True,
    help="Skip rows whose unit_code + doc_no is already in the portal (default: an error).",
)
def import_command(csv_file: str, publish: bool, skip_existing: bool) -> None:
    """Import penalty decisions from FILE.csv, an export of the case-management system.

    The file is UTF-8 (a BOM is fine) with a header row naming the columns, in any order.

    \b
    Required columns:
      doc_no          文书号, unique within the unit (平新城管罚决字〔2026〕第123号)
      unit_code       the unit's code: zhidui, xinhua, weidong, zhanhe, shilong,
                      baofeng, yexian, lushan, jiaxian, wugang, ruzhou, shifanqu, gaoxinqu
      party_name      当事人: the person's full name or the organisation's name
      party_type      person | organisation (also 自然人 | 单位)
      party_is_minor  true | false (also 1/0, 是/否); a minor's decision is never published
      violation       违法行为, one sentence
      facts           违法事实 (personal data in it is masked when published)
      legal_basis     处罚依据
      penalty         处罚内容, e.g. 罚款人民币5000元，责令限期拆除
      fine_amount     罚款金额 in yuan (0 or empty when there is no fine)
      decided_on      处罚决定日期, YYYY-MM-DD
    \b
    Optional columns:
      violation_type  a type code (street_vending, illegal_construction, ...) or its Chinese
                      name; guessed from the violation text when absent
      related_names   other persons named in the texts, separated by ; (masked everywhere)
      orders_stop_of_business, revokes_licence
                      true | false; also recognised in the penalty text
      confiscated_income, confiscated_property_value
                      没收违法所得 and the value of 没收非法财物, in yuan (0 or empty: none);
                      they count toward 重大 like the fine

    Every row is checked first. If any row is wrong, nothing is imported and each problem
    is listed with its line number; exit status 1.
    """
    try:
        with open(csv_file, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header_problems = check_header(reader.fieldnames)
            if header_problems:
                raise click.ClickException("; ".join(header_problems))
            rows = [
                (reader.line_num, {key.strip(): _cell(value) for key, value in row.items() if key})
                for row in reader
            ]
    except UnicodeDecodeError:
        raise click.ClickException("the file is not UTF-8 text") from None
    except csv.Error as error:
        raise click.ClickException(f"not a readable CSV file: {error}") from None
    if not rows:
        raise click.ClickException("the file has a header but no rows")
    with click.progressbar(length=len(rows), label="Checking and importing") as bar:
        report = import_rows(
            db.session,
            CLI_ACTOR,
            rows,
            publish=publish,
            skip_existing=skip_existing,
            advance=bar.update,
        )
    if report.errors:
        db.session.rollback()
        for error in report.errors:
            click.echo(str(error), err=True)
        click.echo(f"{len(report.errors)} row(s) with problems; nothing was imported.", err=True)
        raise SystemExit(1)
    db.session.commit()
    click.echo(f"Imported {report.created} decision(s); skipped {report.skipped} existing.")
    if publish:
        click.echo(
            f"Published {report.published}; submitted {report.submitted} 重大 decision(s) "
            f"for supervisor review; {len(report.kept_as_draft)} kept as draft."
        )
        for doc_no, reason in report.kept_as_draft:
            click.echo(f"  draft: {doc_no}: {reason}")
