"""Disclosure documents (公示文件) of the enforcing units (``portal.org.models.Unit``).

Penalty decisions are in ``portal.disclosure.decisions.models``.
"""

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.core.publication import PublishableMixin, RevisionMixin, status_constraint
from portal.extensions import db
from portal.org.models import Unit

#: kind → its name; the order is the order of the unit page. 执法人员清单 is not written by
#: staff: it is generated from the officer roster (``officers.roster``).
DOCUMENT_KINDS = {
    "responsibilities": "权责清单",
    "legal_basis": "执法依据",
    "procedure": "执法流程",
    "discretion": "裁量基准",
    "random_inspection": "随机抽查事项清单",
    "remedies": "救济渠道",
    "other": "其他",
}
ROSTER_LABEL = "执法人员清单"


class DisclosureDocument(PublishableMixin, db.Model):
    """A unit's disclosure document; the working copy staff edit. The public reads revisions."""

    __tablename__ = "disclosure_document"
    __table_args__ = (
        status_constraint(),
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{kind}'" for kind in DOCUMENT_KINDS) + ")", name="kind"
        ),
        Index("ix_disclosure_document_unit_kind", "unit_id", "kind", "status"),
        Index("ix_disclosure_document_updated", "status", "public_updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200))
    #: sanitised HTML (portal.core.sanitize); masked only when a revision is published
    body_html: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship()

    @classmethod
    def unit_scope_column(cls):
        return cls.unit_id

    @property
    def kind_label(self) -> str:
        return DOCUMENT_KINDS[self.kind]

    def audit_snapshot(self) -> dict:
        return {
            **self.lifecycle_snapshot(),
            "unit": self.unit.code if self.unit else None,
            "kind": self.kind,
            "title": self.title,
            "body_length": len(self.body_html or ""),
        }


class DocumentRevision(RevisionMixin, db.Model):
    """What the public saw of a document in one revision: sanitised and masked."""

    __tablename__ = "document_revision"
    __table_args__ = (UniqueConstraint("document_id", "revision_no"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("disclosure_document.id"))
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200))
    body_html: Mapped[str] = mapped_column(Text)
