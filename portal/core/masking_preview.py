"""The staff's masked preview: each text split into pieces, every replacement marked with its
type, so that staff see exactly what will be published and what was hidden (see
``portal.core.masking``); and what staff may change about it (``portal.core.masking_overrides``).
"""

from dataclasses import dataclass

from portal.core.masking import UNMASKABLE_KINDS, find_personal_data

#: the kind of a finding → how the preview names it
FINDING_LABELS = {
    "name": "姓名",
    "id_number": "证件号",
    "bank_card": "银行卡号",
    "mobile": "电话",
    "landline": "电话",
    "email": "电子邮箱",
    "im_account": "社交账号",
    "plate": "车牌号",
    "address": "住址",
    "health": "健康信息",
    "manual": "人工隐去",
}


@dataclass(frozen=True)
class PreviewPiece:
    """A run of the masked text; ``kind`` is set where personal data was replaced."""

    text: str
    kind: str = ""
    original_length: int = 0
    #: the working copy's text behind a replacement (staff only: the preview is back office)
    original: str = ""

    @property
    def label(self) -> str:
        return FINDING_LABELS.get(self.kind, "")

    @property
    def may_unmask(self) -> bool:
        return self.kind in UNMASKABLE_KINDS


@dataclass(frozen=True)
class FieldPreview:
    name: str
    label: str
    pieces: list[PreviewPiece]

    @property
    def findings(self) -> int:
        return sum(1 for piece in self.pieces if piece.kind)


def field_preview(name: str, label: str, text: str, **masking_options) -> FieldPreview:
    """``text`` as ``mask_text(text, **masking_options)`` publishes it, in marked pieces."""
    pieces, position = [], 0
    for finding in find_personal_data(text, **masking_options):
        if finding.start > position:
            pieces.append(PreviewPiece(text[position : finding.start]))
        pieces.append(
            PreviewPiece(finding.replacement, finding.kind, len(finding.original), finding.original)
        )
        position = finding.end
    if position < len(text):
        pieces.append(PreviewPiece(text[position:]))
    return FieldPreview(name, label, pieces)


def detected_names(previews: list[FieldPreview]) -> list[PreviewPiece]:
    """The distinct names found in the previews, in order: what staff may unmask."""
    seen, names = set(), []
    for field in previews:
        for piece in field.pieces:
            if piece.may_unmask and piece.original not in seen:
                seen.add(piece.original)
                names.append(piece)
    return names


def findings_of(previews: list[FieldPreview]) -> list[PreviewPiece]:
    """Every marked piece (``kind`` and ``original``, as ``Finding`` has them)."""
    return [piece for field in previews for piece in field.pieces if piece.kind]
