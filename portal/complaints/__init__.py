"""Complaints and tip-offs (投诉举报): intake, tracking, handling, satisfaction."""

from portal.complaints.views import bp

__all__ = ["bp"]
