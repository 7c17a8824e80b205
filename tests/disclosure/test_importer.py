"""`flask --app portal decisions import FILE.csv [--publish]`: all rows or none."""

import csv
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.core.models import local_today
from portal.disclosure.decisions.importer import REQUIRED_COLUMNS, infer_violation_type
from portal.disclosure.decisions.models import PenaltyDecision
from portal.extensions import db

DECIDED = (local_today() - timedelta(days=4)).isoformat()


def row(**overrides) -> dict:
    data = {
        "doc_no": "平卫城管罚决字〔2026〕第1号",
        "unit_code": "weidong",
        "party_name": "孙志强",
        "party_type": "person",
        "party_is_minor": "false",
        "violation": "在矿工路露天烧烤",
        "facts": "当事人孙志强（身份证号410403198507061234）在矿工路露天烧烤。",
        "legal_basis": "《中华人民共和国大气污染防治法》第一百一十八条第三款",
        "penalty": "没收烧烤工具，并处罚款人民币800元",
        "fine_amount": "800",
        "decided_on": DECIDED,
    }
    data.update(overrides)
    return data


def write_csv(path, rows, columns=None, bom=True):
    columns = columns or list(dict.fromkeys(key for item in rows for key in item))
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def count(app, *conditions) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(PenaltyDecision).where(*conditions)
        )


def test_import_and_publish(app, runner, units, tmp_path):
    rows = [
        row(),
        row(
            doc_no="第2号",
            party_type="organisation",
            party_name="平顶山市宏达建筑有限公司",
            violation="施工工地扬尘",
            fine_amount="150000",
            penalty="罚款人民币150000元",
            related_names="张三；李四",
        ),
        row(doc_no="第3号", party_is_minor="是"),
        row(doc_no="第4号", violation="乱张贴小广告", party_type="自然人"),
    ]
    result = runner.invoke(
        args=["decisions", "import", write_csv(tmp_path / "a.csv", rows), "--publish"]
    )
    assert result.exit_code == 0, result.output
    assert "Imported 4 decision(s)" in result.output
    assert "Published 2; submitted 1 重大 decision(s)" in result.output
    assert "当事人为未成年人" in result.output
    assert count(app, PenaltyDecision.status == "published") == 2
    assert count(app, PenaltyDecision.status == "review", PenaltyDecision.is_major) == 1
    with app.app_context():
        fourth = db.session.scalars(
            select(PenaltyDecision).where(PenaltyDecision.doc_no == "第4号")
        ).one()
        assert fourth.violation_type == "posting_graffiti" and fourth.source == "import"
        second = db.session.scalars(
            select(PenaltyDecision).where(PenaltyDecision.doc_no == "第2号")
        ).one()
        assert second.related_name_list == ["张三", "李四"]


def test_one_bad_row_means_nothing_is_imported(app, runner, units, tmp_path):
    rows = [
        row(),
        row(doc_no="第2号", unit_code="atlantis"),
        row(doc_no="第3号", fine_amount="八百"),
        row(doc_no="第4号", decided_on="2026/3/1"),
        row(doc_no="第5号", party_is_minor="maybe"),
        row(doc_no=""),
        row(),  # the same doc_no as the first row
    ]
    result = runner.invoke(args=["decisions", "import", write_csv(tmp_path / "b.csv", rows)])
    assert result.exit_code == 1
    for line, message in [
        (3, "unit_code 未知"),
        (4, "罚款金额应为数字"),
        (5, "decided_on 应为 YYYY-MM-DD"),
        (6, "party_is_minor 应为 true/false"),
        (7, "请填写文书号"),
        (8, "已有文书号"),
    ]:
        assert f"line {line}" in result.output and message in result.output
    assert "6 row(s) with problems; nothing was imported." in result.output
    assert count(app) == 0


def test_header_problems_are_reported_before_any_row(app, runner, units, tmp_path):
    path = write_csv(tmp_path / "c.csv", [{"doc_no": "1", "unit_cod": "xinhua"}])
    result = runner.invoke(args=["decisions", "import", path])
    assert result.exit_code != 0
    assert "missing columns" in result.output and "unknown columns: unit_cod" in result.output


def test_not_utf8_is_refused(runner, units, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes(",".join(REQUIRED_COLUMNS).encode() + "\n张三".encode("gbk"))
    result = runner.invoke(args=["decisions", "import", str(path)])
    assert result.exit_code != 0 and "not UTF-8" in result.output


def test_skip_existing(app, runner, units, tmp_path):
    path = write_csv(tmp_path / "d.csv", [row(), row(doc_no="第2号")], bom=False)
    assert runner.invoke(args=["decisions", "import", path]).exit_code == 0
    again = runner.invoke(args=["decisions", "import", path])
    assert again.exit_code == 1 and "已有文书号" in again.output
    skipped = runner.invoke(args=["decisions", "import", path, "--skip-existing"])
    assert skipped.exit_code == 0 and "skipped 2 existing" in skipped.output
    assert count(app) == 2


def test_help_documents_every_column(runner):
    result = runner.invoke(args=["decisions", "import", "--help"])
    for column in REQUIRED_COLUMNS + ("violation_type", "related_names", "--publish"):
        assert column in result.output


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("在人民路占道经营", "street_vending"),
        ("私搭乱建", "illegal_construction"),
        ("渣土车撒漏", "muck_transport"),
        ("违规停放共享单车", "shared_bicycles"),
        ("其他", "other"),
    ],
)
def test_violation_type_is_guessed_from_the_text(text, code):
    assert infer_violation_type(text) == code
