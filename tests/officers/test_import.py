"""``flask --app portal officers import FILE.csv``: progress, per-row errors, idempotent."""

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.officers.models import Officer

HEADER = "unit_code,badge_no,cert_no,name,post,category,area,cert_valid_from,cert_valid_to,status\n"


def run_import(runner, tmp_path, text: str, encoding="utf-8", *options):
    path = tmp_path / "officers.csv"
    path.write_bytes(text.encode(encoding))
    return runner.invoke(args=["officers", "import", str(path), *options])


def officers(app) -> dict[str, Officer]:
    with app.app_context():
        found = db.session.scalars(select(Officer)).all()
        return {
            officer.badge_no: (officer.name, officer.status, officer.unit.code) for officer in found
        }


def test_import_creates_and_reports_bad_rows_by_line(app, runner, tmp_path, create_unit):
    create_unit("xinhua")
    create_unit("weidong")
    text = HEADER + (
        "xinhua,110001,4104022511001,王建军,执法队员,市容环境卫生,中兴路街道,2025-01-01,2029-12-31,\n"
        "weidong,１２０００１,4104032112001,李秀英,中队长,城乡规划,东安路街道,2024/3/1,2029/2/28,在岗\n"
        "atlantis,130001,4104112113001,张三,执法队员,市政公用,马庄街道,2025-01-01,2029-12-31,\n"
        "xinhua,11x002,4104022511002,赵四,执法队员,市政公用,马庄街道,2025-01-01,2029-12-31,\n"
        "xinhua,110003,4104022511003,钱五,执法队员,市政公用,马庄街道,2025-13-01,2029-12-31,\n"
        "xinhua,110004,4104022511004,孙六,执法队员,市政公用,马庄街道,2025-01-01,2029-12-31,停职\n"
        "xinhua,110001,4104022511009,重复,执法队员,市政公用,马庄街道,2025-01-01,2029-12-31,\n"
        "xinhua,110005,4104022511001,周七,执法队员,市政公用,马庄街道,2025-01-01,2029-12-31,\n"
        "\n"
        "xinhua,110006,4104022511006,吴八,执法队员,园林绿化,光明路街道,2020-01-01,2024-12-31,注销\n"
    )
    result = run_import(runner, tmp_path, text)
    assert result.exit_code == 1
    assert "Importing officers" in result.output
    assert "3 created, 0 updated, 0 unchanged, 6 rows with errors." in result.output
    assert "line 4: 单位代码“atlantis”不存在" in result.output
    assert "line 5: “11x002”不是有效的工号" in result.output
    assert "line 6: 证件有效期起“2025-13-01”不是有效日期" in result.output
    assert "line 7: 状态“停职”无效" in result.output
    assert "line 8: 工号 110001 与第2行重复" in result.output
    assert "line 9: 执法证号 4104022511001 已被其他执法人员使用" in result.output
    assert officers(app) == {
        "110001": ("王建军", "active", "xinhua"),
        "120001": ("李秀英", "active", "weidong"),
        "110006": ("吴八", "revoked", "xinhua"),
    }
    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [entry.action for entry in entries] == ["officer.create"] * 3
    assert entries[0].actor_label == "cli" and '"status": "revoked"' in entries[2].after_json


def test_reimport_updates_changes_only_and_accepts_gbk_with_chinese_headers(
    app, runner, tmp_path, create_unit
):
    create_unit("xinhua")
    first = HEADER + (
        "xinhua,110001,4104022511001,王建军,执法队员,市容环境卫生,中兴路街道,2025-01-01,2029-12-31,\n"
        "xinhua,110002,4104022511002,李秀英,执法队员,市容环境卫生,中兴路街道,2025-01-01,2029-12-31,\n"
    )
    assert run_import(runner, tmp_path, first).exit_code == 0
    second = (
        "工号,执法证号,姓名,单位代码,所属单位,职务岗位,执法类别,执法区域,状态,证件有效期起,证件有效期至,变更原因\n"
        "110001,4104022511001,王建军,xinhua,新华区,执法队员,市容环境卫生,中兴路街道,在岗,2025-01-01,2029-12-31,\n"
        "110002,4104022511002,李秀英,xinhua,新华区,中队长,市容环境卫生,中兴路街道,暂停执法,2025-01-01,2029-12-31,接受调查\n"
    )
    result = run_import(runner, tmp_path, second, "gbk")
    assert result.exit_code == 0, result.output
    assert "0 created, 1 updated, 1 unchanged, 0 rows with errors." in result.output
    assert officers(app)["110002"] == ("李秀英", "suspended", "xinhua")


def test_dry_run_saves_nothing(app, runner, tmp_path, create_unit):
    create_unit("xinhua")
    text = HEADER + (
        "xinhua,110001,4104022511001,王建军,执法队员,市容环境卫生,中兴路街道,2025-01-01,2029-12-31,\n"
    )
    result = run_import(runner, tmp_path, text, "utf-8", "--dry-run")
    assert "1 created" in result.output and "Dry run: nothing saved." in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Officer)) == 0


def test_a_file_without_the_columns_is_refused(runner, tmp_path):
    result = run_import(runner, tmp_path, "badge,name\n1,x\n")
    assert result.exit_code != 0
    assert "缺少列" in result.output
