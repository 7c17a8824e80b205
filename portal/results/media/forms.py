"""Back-office forms of media responses. Rules live in the services; these parse input."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal.core.fields import ChineseDateField
from portal.core.publication import PublicationError
from portal.publishing.forms import CorrectionReasonField
from portal.results.media.services import MEDIA_FIELDS, TEXT_FIELDS, clean_link


def _text_validators(field: str) -> list:
    label, limit, required = TEXT_FIELDS[field]
    validators = [DataRequired(f"请填写{label}")] if required else []
    return [*validators, Length(max=limit, message=f"{label}最多{limit}个字")]


class MediaResponseForm(FlaskForm):
    """The working copy. ``unit`` is only offered to those who see every unit."""

    unit = SelectField("负责回应的单位", choices={}, invalid_choice_message="请从列表中选择单位")
    outlet = StringField("媒体名称", validators=_text_validators("outlet"))
    reported_on = ChineseDateField(
        "报道日期",
        invalid_message="报道日期格式应为 年-月-日",
        validators=[InputRequired("请填写报道日期")],
    )
    headline = StringField("报道标题", validators=_text_validators("headline"))
    link = URLField("报道链接", validators=[Length(max=500, message="报道链接最多500个字符")])
    report_summary = TextAreaField("报道摘要", validators=_text_validators("report_summary"))
    response = TextAreaField("回应内容", validators=_text_validators("response"))
    action_taken = TextAreaField("处理情况", validators=_text_validators("action_taken"))
    named_persons = TextAreaField(
        "报道中出现的市民姓名", validators=[Length(max=2000, message="最多2000个字")]
    )

    def validate_link(self, field) -> None:
        try:
            clean_link(field.data)
        except PublicationError as error:
            raise ValidationError(str(error)) from None

    def media_data(self) -> dict:
        return {field: getattr(self, field).data for field in MEDIA_FIELDS}


class MediaCorrectionForm(MediaResponseForm):
    reason = CorrectionReasonField()
