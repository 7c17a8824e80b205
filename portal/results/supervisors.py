"""The roster of appointed enforcement supervisors (执法监督员)."""

from datetime import date

from portal.audit.services import Actor, record_change
from portal.results.models import SUPERVISOR_AFFILIATIONS, Supervisor


class SupervisorError(ValueError):
    """A Chinese message safe to show to staff."""


def save_supervisor(
    session,
    actor: Actor,
    supervisor: Supervisor | None,
    *,
    name: str,
    affiliation: str,
    organisation: str,
    term_from: date,
    term_to: date,
) -> Supervisor:
    """Add (``supervisor`` None) or change a supervisor."""
    if affiliation not in SUPERVISOR_AFFILIATIONS:
        raise SupervisorError("身份类别无效")
    if term_to < term_from:
        raise SupervisorError("任期结束不能早于任期开始")
    before = supervisor.audit_snapshot() if supervisor else None
    if supervisor is None:
        supervisor = Supervisor(
            name="", affiliation=affiliation, term_from=term_from, term_to=term_to
        )
        session.add(supervisor)
    supervisor.name, supervisor.affiliation = name.strip(), affiliation
    supervisor.organisation, supervisor.term_from, supervisor.term_to = (
        organisation.strip(),
        term_from,
        term_to,
    )
    session.flush()
    record_change(
        session,
        actor,
        "supervisor.save" if before else "supervisor.add",
        "supervisor",
        supervisor.id,
        before=before,
        after=supervisor.audit_snapshot(),
    )
    return supervisor


def remove_supervisor(session, actor: Actor, supervisor: Supervisor) -> None:
    before = supervisor.audit_snapshot()
    record_change(session, actor, "supervisor.remove", "supervisor", supervisor.id, before=before)
    session.delete(supervisor)
    session.flush()
