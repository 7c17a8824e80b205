"""Kiosk (触摸屏): the touch-screen front end in service halls."""

from portal.kiosk.views import bp

__all__ = ["bp"]
