"""Official holiday schedules imported into the database, one row per year.

Kept in the database (not a file) so that every worker and every host sees an import at once;
a year here wins over ``PORTAL_HOLIDAYS_FILE``, the embedded list and the computed calendar.
"""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.models import utcnow
from portal.extensions import db


class CalendarYear(db.Model):
    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: JSON list of ISO dates: the days off (放假), weekend days of a span included
    holidays_json: Mapped[str] = mapped_column(Text)
    #: JSON list of ISO dates: the make-up working days (调休上班)
    makeup_workdays_json: Mapped[str] = mapped_column(Text)
    #: where the schedule comes from (the notice's number or the file name)
    source: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
