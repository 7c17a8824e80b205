"""Every publishable kind, imported so that the kernel's registry (``portal.publishing.kind
.KINDS``) is complete before the feeds and the API mount them. Each kind adds its module here."""

from portal.publishing.kind import KINDS
from portal.results.media import public as media_kind
from portal.results.outcomes import public as outcome_kind

__all__ = ["KINDS", "media_kind", "outcome_kind"]
