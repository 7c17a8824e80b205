"""Back-office forms of units and disclosure documents (decisions: ``decisions.forms``)."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from portal.disclosure.models import DOCUMENT_KINDS
from portal.publishing.forms import CorrectionReasonField

#: deliberately loose: one @, a dot in the domain, no spaces
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _required(label: str):
    return DataRequired(f"请填写{label}")


class UnitProfileForm(FlaskForm):
    """The public contact data of a unit; its name and code are fixed by the admin."""

    address = StringField("办公地址", validators=[_required("办公地址"), Length(max=200)])
    postcode = StringField(
        "邮政编码", validators=[Optional(), Length(min=6, max=6, message="邮政编码为6位数字")]
    )
    phone = StringField("办公电话", validators=[_required("办公电话"), Length(max=40)])
    complaint_phone = StringField("投诉电话", validators=[_required("投诉电话"), Length(max=40)])
    complaint_email = StringField(
        "投诉邮箱",
        validators=[Optional(), Regexp(EMAIL_PATTERN, message="邮箱格式不正确"), Length(max=120)],
    )
    mailbox_location = StringField("举报箱位置", validators=[Length(max=200)])
    visit_address = StringField("来访接待地址", validators=[Length(max=200)])
    visit_hours = StringField("接待时间", validators=[Length(max=100)])
    jurisdiction = TextAreaField("管辖范围", validators=[Length(max=4000)])


class UnitAdminForm(UnitProfileForm):
    """The profile plus what only an admin sets: the unit's 复查机关 (信访工作条例 第35条)."""

    review_unit = SelectField(
        "复查机关（平台内的上一级单位）",
        choices={},
        invalid_choice_message="请从列表中选择复查机关",
    )
    review_organ_name = StringField(
        "复查机关名称（上一级机关不在本平台时填写）",
        validators=[Length(max=100, message="名称最多100个字")],
    )

    def set_review_choices(self, unit, units) -> None:
        self.review_unit.choices = {"": "（不在本平台）"} | {
            str(other.id): other.name for other in units if other.id != unit.id
        }
        # not shown or not sent: keep the unit's own value, never the related object that
        # ``obj=unit`` put there (it is not one of the choices)
        if not self.review_unit.raw_data:
            self.review_unit.data = str(unit.review_unit_id or "")


class DocumentForm(FlaskForm):
    unit = SelectField("所属执法单位", choices={}, invalid_choice_message="请从列表中选择执法单位")
    kind = SelectField(
        "公示类别",
        choices={"": "请选择", **DOCUMENT_KINDS},
        validators=[DataRequired("请选择公示类别")],
        invalid_choice_message="请从列表中选择公示类别",
    )
    title = StringField(
        "标题", validators=[_required("标题"), Length(max=200, message="标题最多200个字")]
    )
    body = TextAreaField(
        "正文",
        validators=[_required("正文"), Length(max=200_000, message="正文过长，请拆分为多个文件")],
    )


class DocumentCorrectionForm(DocumentForm):
    reason = CorrectionReasonField()
