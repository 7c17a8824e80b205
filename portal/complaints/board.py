"""The supervisor's overdue board: per unit and stage, how many items are late and the oldest.

Stages: complaints to accept, to answer and in 复查 past their staff deadline (``due_on``),
call-backs owed after a 差评, penalty decisions past their publication date, and 重大 decisions
not yet filed (备案). Each stage is one GROUP BY for the counts and one ordered, capped query
for the oldest items; everything goes through the unit scope.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, true

from portal.complaints.models import Complaint
from portal.core.publication import DRAFT, REVIEW
from portal.disclosure.decisions.models import PenaltyDecision
from portal.org.models import Unit
from portal.staff.scoping import scope_to_unit

#: stage → its Chinese name, in the board's column order
STAGES = {
    "accept": "超期未受理",
    "answer": "超期未答复",
    "rehandling": "复查超期",
    "callback": "差评待回访",
    "publication": "处罚决定超期未公示",
    "filing": "重大决定待备案",
}
OLDEST_SHOWN = 3
#: the oldest items are looked for among this many per stage (a backlog never slows the page)
SCAN_LIMIT = 2000
#: the row for complaints still with the supervision office (no handling unit yet)
UNROUTED = None


@dataclass(frozen=True)
class BoardItem:
    label: str
    #: the date it was due (or, without a deadline, the date it started waiting)
    since: date
    link: tuple[str, dict]


@dataclass
class BoardCell:
    count: int = 0
    oldest: list[BoardItem] = field(default_factory=list)


@dataclass
class Board:
    today: date
    units: list[Unit | None]
    cells: dict[tuple[int | None, str], BoardCell]

    def cell(self, unit: Unit | None, stage: str) -> BoardCell:
        return self.cells.get((unit.id if unit else None, stage), BoardCell())

    def total(self, stage: str) -> int:
        return sum(cell.count for (_, key), cell in self.cells.items() if key == stage)


def _complaint_stage(stage: str, today: date):
    overdue = Complaint.due_on < today
    if stage == "accept":
        return [Complaint.state == "submitted", overdue], Complaint.due_on
    if stage == "answer":
        return [Complaint.state.in_(("accepted", "in_progress")), overdue], Complaint.due_on
    if stage == "rehandling":
        return [Complaint.state == "rehandling", overdue], Complaint.due_on
    return [Complaint.follow_up_due == true()], Complaint.answered_at


def _decision_stage(stage: str, today: date):
    if stage == "publication":
        return [
            PenaltyDecision.status.in_((DRAFT, REVIEW)),
            PenaltyDecision.party_is_minor.is_(False),
            PenaltyDecision.revoked_on.is_(None),
            PenaltyDecision.publication_due_on < today,
        ], PenaltyDecision.publication_due_on
    return [
        PenaltyDecision.is_major.is_(True),
        PenaltyDecision.filed_on.is_(None),
    ], PenaltyDecision.decided_on


def _fill(session, board: Board, model, stage: str, conditions, since_column, item) -> None:
    unit_column = model.unit_scope_column()
    counts = (
        scope_to_unit(select(unit_column, func.count()).select_from(model), model)
        .where(*conditions)
        .group_by(unit_column)
    )
    for unit_id, count in session.execute(counts):
        board.cells[(unit_id, stage)] = BoardCell(count=count)
    oldest = scope_to_unit(select(model), model).where(*conditions)
    rows = session.scalars(oldest.order_by(since_column, model.id).limit(SCAN_LIMIT)).all()
    for row in rows:
        cell = board.cells.get((getattr(row, unit_column.key), stage))
        if cell is not None and len(cell.oldest) < OLDEST_SHOWN:
            cell.oldest.append(item(row))


def _complaint_item(complaint: Complaint) -> BoardItem:
    since = complaint.due_on or (complaint.answered_at.date() if complaint.answered_at else None)
    return BoardItem(
        complaint.tracking_no,
        since or complaint.submitted_at.date(),
        ("complaints_admin.detail", {"complaint_id": complaint.id}),
    )


def _decision_item(since_attribute: str):
    def item(decision: PenaltyDecision) -> BoardItem:
        return BoardItem(
            decision.doc_no,
            getattr(decision, since_attribute),
            ("decisions_admin.decision", {"decision_id": decision.id}),
        )

    return item


def overdue_board(session, today: date) -> Board:
    board = Board(today=today, units=[], cells={})
    for stage in ("accept", "answer", "rehandling", "callback"):
        conditions, since = _complaint_stage(stage, today)
        _fill(session, board, Complaint, stage, conditions, since, _complaint_item)
    for stage, since_attribute in (("publication", "publication_due_on"), ("filing", "decided_on")):
        conditions, since = _decision_stage(stage, today)
        item = _decision_item(since_attribute)
        _fill(session, board, PenaltyDecision, stage, conditions, since, item)
    unit_ids = {unit_id for unit_id, _ in board.cells}
    units = session.scalars(
        select(Unit).where(Unit.id.in_(unit_ids - {None})).order_by(Unit.sort_order, Unit.id)
    ).all()
    board.units = [*units, *([UNROUTED] if None in unit_ids else [])]
    return board


def board_csv_rows(board: Board):
    """One row per unit, stage and item: the counts with the oldest items named."""
    for unit in board.units:
        name = unit.name if unit else "综合监督科（未分派）"
        for stage, label in STAGES.items():
            cell = board.cell(unit, stage)
            if not cell.count:
                continue
            oldest = "；".join(f"{item.label}（{item.since.isoformat()}）" for item in cell.oldest)
            yield [name, label, cell.count, oldest]
