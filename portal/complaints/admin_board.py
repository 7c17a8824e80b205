"""Back office: the supervisor's overdue board, as a page and as CSV."""

from flask import render_template

from portal.complaints.admin_blueprint import admin_bp
from portal.complaints.board import OLDEST_SHOWN, STAGES, board_csv_rows, overdue_board
from portal.core.downloads import csv_download
from portal.core.models import local_today
from portal.extensions import db
from portal.staff.access import roles_required


@admin_bp.route("/board")
@roles_required("supervisor", "admin")
def board():
    return render_template(
        "complaints/admin/board.html",
        board=overdue_board(db.session, local_today()),
        stages=STAGES,
        oldest_shown=OLDEST_SHOWN,
    )


@admin_bp.route("/board.csv")
@roles_required("supervisor", "admin")
def board_csv():
    today = local_today()
    rows = list(board_csv_rows(overdue_board(db.session, today)))
    return csv_download(
        f"overdue-board-{today.isoformat()}.csv",
        ["单位", "环节", "件数", "最早的几件（期限）"],
        rows,
    )
