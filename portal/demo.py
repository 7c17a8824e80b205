"""``setup --demo``: each domain's demo data, loaded in order, idempotently.

A loader takes the session and returns (rows added, rows in all); it matches existing rows by
their natural keys so that running it again adds nothing.
"""

from portal.disclosure.demo import load_demo_units
from portal.officers.demo import load_demo_officers
from portal.results.demo import load_demo_results

#: name → loader, in dependency order; later domains append theirs
DEMO_LOADERS = {
    "units": load_demo_units,
    "officers": load_demo_officers,
    "results": load_demo_results,
}


def load_demo_data(session) -> dict[str, tuple[int, int]]:
    return {name: loader(session) for name, loader in DEMO_LOADERS.items()}
