"""Every model module, imported so that the metadata is complete (Alembic, create_all).

Each domain adds its models module here.
"""

from portal.api.open311 import models as open311_models
from portal.audit import models as audit_models
from portal.complaints import models as complaint_models
from portal.core import calendar_models
from portal.core import masking_overrides as masking_models
from portal.disclosure import models as disclosure_models
from portal.disclosure.decisions import models as decision_models
from portal.kiosk import models as kiosk_models
from portal.officers import models as officer_models
from portal.opendata import models as opendata_models
from portal.org import models as org_models
from portal.pagecache import generation as page_generation_models
from portal.results import models as results_models
from portal.results.media import models as media_models
from portal.results.stats import models as stats_models
from portal.search import models as search_models
from portal.staff import models as staff_models
from portal.subscriptions import models as subscription_models

__all__ = [
    "audit_models",
    "complaint_models",
    "decision_models",
    "disclosure_models",
    "kiosk_models",
    "masking_models",
    "calendar_models",
    "media_models",
    "officer_models",
    "opendata_models",
    "org_models",
    "page_generation_models",
    "open311_models",
    "results_models",
    "search_models",
    "staff_models",
    "subscription_models",
    "stats_models",
]
