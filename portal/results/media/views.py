"""Public pages and downloads of media responses (舆论回应), mounted by the publishing kernel
from their description (``portal.results.media.public.MEDIA``)."""

from portal.publishing.kind import public_blueprint
from portal.results.media.public import MEDIA

media_bp = public_blueprint(MEDIA)
