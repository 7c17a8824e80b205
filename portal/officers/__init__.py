"""Officers (执法人员): the public roster and the badge check."""

from portal.officers.views import bp

__all__ = ["bp"]
