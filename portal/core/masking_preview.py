"""The staff's masked preview: each text split into pieces, every replacement marked, so that
staff see exactly what will be published and what was hidden (see ``portal.core.masking``)."""

from dataclasses import dataclass

from portal.core.masking import find_personal_data

#: the kind of a finding → how the preview names it
FINDING_LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "bank_card": "银行账号",
    "mobile": "手机号码",
    "landline": "固定电话",
    "email": "电子邮箱",
    "plate": "车牌号",
    "address": "住址",
    "health": "健康信息",
}


@dataclass(frozen=True)
class PreviewPiece:
    """A run of the masked text; ``kind`` is set where personal data was replaced."""

    text: str
    kind: str = ""
    original_length: int = 0

    @property
    def label(self) -> str:
        return FINDING_LABELS.get(self.kind, "")


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
        pieces.append(PreviewPiece(finding.replacement, finding.kind, len(finding.original)))
        position = finding.end
    if position < len(text):
        pieces.append(PreviewPiece(text[position:]))
    return FieldPreview(name, label, pieces)
