"""``setup --demo``: each domain's demo data, loaded in order, idempotently.

A loader takes the session and returns (rows added, rows in all); it matches existing rows by
their natural keys so that running it again adds nothing.
"""

from portal.complaints.demo import load_demo_complaints
from portal.disclosure.decisions.demo import load_demo_decisions
from portal.disclosure.demo import load_demo_units
from portal.disclosure.demo_documents import load_demo_documents
from portal.officers.demo import load_demo_officers
from portal.results.demo import load_demo_results
from portal.results.media.demo import load_demo_media
from portal.results.outcomes.demo import load_demo_outcomes
from portal.results.stats.demo import load_demo_annual_reports

#: name → loader, in dependency order; later domains append theirs
DEMO_LOADERS = {
    "units": load_demo_units,
    "officers": load_demo_officers,
    "disclosure documents": load_demo_documents,
    "penalty decisions": load_demo_decisions,
    "results": load_demo_results,
    "media responses": load_demo_media,
    "complaints": load_demo_complaints,
    "complaint outcomes": load_demo_outcomes,
    "annual reports": load_demo_annual_reports,
}


def load_demo_data(session) -> dict[str, tuple[int, int]]:
    return {name: loader(session) for name, loader in DEMO_LOADERS.items()}
