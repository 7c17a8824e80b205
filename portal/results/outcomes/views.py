"""Public pages and downloads of outcomes (the ``outcomes`` blueprint), mounted by the
publishing kernel from their description (``portal.results.outcomes.public.OUTCOMES``)."""

from portal.publishing.kind import public_blueprint
from portal.results.outcomes.public import OUTCOMES

bp = public_blueprint(OUTCOMES)
