"""Media responses (舆论回应): a media report about the bureau's work, the bureau's public
response and what was done, under the publication lifecycle (portal.core.publication).

The working copy (``MediaResponse``) may name private persons (a vendor, a resident in the
story); they are listed in ``named_persons`` and masked, with ID and phone numbers, when a
revision is published. Public pages, the feed, CSV, JSON and search read revisions only.
"""

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db
from portal.org.models import Unit


class MediaResponse(PublishableMixin, db.Model):
    __tablename__ = "media_response"
    __table_args__ = (
        status_constraint(),
        # the public list, newest report first, all units or one (keyset on reported_on, id)
        Index("ix_media_response_listing", "status", "reported_on", "id"),
        Index("ix_media_response_unit_listing", "unit_id", "status", "reported_on", "id"),
        # the feed (latest public changes) and the back office (by unit)
        Index("ix_media_response_feed", "public_updated_at", "id"),
        Index("ix_media_response_unit", "unit_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the unit responsible for the response; unit staff see only their unit's
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    #: 媒体名称, e.g. 平顶山晚报
    outlet: Mapped[str] = mapped_column(String(100))
    #: the date of the report
    reported_on: Mapped[date] = mapped_column(Date)
    headline: Mapped[str] = mapped_column(String(200))
    #: the report's address (http or https only); empty for a broadcast without one
    link: Mapped[str] = mapped_column(String(500), default="")
    #: 报道摘要 (may name private persons: masked when published)
    report_summary: Mapped[str] = mapped_column(Text)
    #: 回应内容: the bureau's public response
    response: Mapped[str] = mapped_column(Text)
    #: 处理情况: what was done about it
    action_taken: Mapped[str] = mapped_column(Text, default="")
    #: private persons named in the story, one per line: masked wherever they appear (staff only)
    named_persons: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()
    #: the revision the public sees now (None before the first publication)
    current_revision: Mapped["MediaResponseRevision | None"] = relationship(
        primaryjoin=lambda: (
            (foreign(MediaResponseRevision.media_response_id) == MediaResponse.id)
            & (foreign(MediaResponseRevision.revision_no) == MediaResponse.revision_count)
        ),
        viewonly=True,
        uselist=False,
    )

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def named_person_list(self) -> list[str]:
        return [name.strip() for name in (self.named_persons or "").splitlines() if name.strip()]


class MediaResponseRevision(RevisionMixin, db.Model):
    """One published version of a media response, exactly as the public saw it (masked)."""

    __tablename__ = "media_response_revision"
    __table_args__ = (UniqueConstraint("media_response_id", "revision_no"),)

    media_response_id: Mapped[int] = mapped_column(ForeignKey("media_response.id"))
    outlet: Mapped[str] = mapped_column(String(100))
    reported_on: Mapped[date] = mapped_column(Date)
    headline: Mapped[str] = mapped_column(String(200))
    link: Mapped[str] = mapped_column(String(500))
    report_summary: Mapped[str] = mapped_column(Text)
    response: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text)


#: the public fields of a revision, in the order of the downloads
PUBLIC_FIELDS = (
    "outlet",
    "reported_on",
    "headline",
    "link",
    "report_summary",
    "response",
    "action_taken",
)
