"""The annual report (统计年报) as a published document: the figures of a year, frozen.

An ``AnnualReport`` per year is the item of the publication lifecycle; each
``AnnualReportRevision`` holds the figures exactly as computed when that revision was published,
so later edits to old records never change what the public reads. A correction recomputes the
figures into a new revision with a public reason; the earlier revisions stay readable.
"""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db


class AnnualReport(PublishableMixin, db.Model):
    __tablename__ = "annual_report"
    __table_args__ = (status_constraint(),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the calendar year the report covers (Asia/Shanghai)
    year: Mapped[int] = mapped_column(unique=True)

    def audit_snapshot(self) -> dict:
        return {"year": self.year, **self.lifecycle_snapshot()}


class AnnualReportRevision(RevisionMixin, db.Model):
    """One published version of a year's report: its figures as the public saw them."""

    __tablename__ = "annual_report_revision"
    __table_args__ = (UniqueConstraint("report_id", "revision_no"),)

    report_id: Mapped[int] = mapped_column(ForeignKey("annual_report.id"))
    year: Mapped[int]
    #: when the figures were computed (naive UTC): they describe the records as of then
    computed_at: Mapped[datetime]
    #: the totals of ``portal.results.stats.annual.annual_figures`` (plain JSON values)
    figures: Mapped[dict] = mapped_column(JSON)
