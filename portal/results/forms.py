"""Forms of the published-results domain."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.publishing.forms import CorrectionReasonField
from portal.results.models import (
    EVALUATION_DIMENSIONS,
    EVALUATION_LEVELS,
    RECTIFICATION_STATES,
    REVIEW_GRADES,
    REVIEW_ITEMS,
    SUPERVISOR_AFFILIATIONS,
)

#: WTForms takes choices as a {value: label} dict (tuples are deprecated in 3.3)
LEVEL_CHOICES = {str(score): label for score, label in EVALUATION_LEVELS.items()}


def _date(label: str, required: bool = True) -> DateField:
    validators = [InputRequired(f"请填写{label}")] if required else [Optional()]
    return DateField(
        label,
        validators=validators,
        format="%Y-%m-%d",
        invalid_value_message=f"{label}格式应为 2026-01-31",
    )


class EvaluationForm(FlaskForm):
    """The public questionnaire. Field names double as the answer's columns."""

    unit = SelectField("评议的执法单位", validators=[DataRequired("请选择执法单位")])
    comment = TextAreaField(
        "意见和建议（选填，不公开）", validators=[Length(max=1000, message="最多1000字")]
    )
    #: not shown; bots fill it
    website = StringField("网址", validators=[Optional()])


for _column, _label in EVALUATION_DIMENSIONS.items():
    setattr(
        EvaluationForm,
        _column,
        RadioField(_label, choices=LEVEL_CHOICES, validators=[DataRequired(f"请评价“{_label}”")]),
    )


class PeriodForm(FlaskForm):
    name = StringField("评议期名称", validators=[DataRequired("请填写名称"), Length(max=60)])
    opens_on = _date("开始日期")
    closes_on = _date("结束日期")


class RoundForm(FlaskForm):
    name = StringField("评查名称", validators=[DataRequired("请填写名称"), Length(max=100)])
    held_on = _date("评查日期")
    summary = TextAreaField("评查概况", validators=[Length(max=4000)])


class ResultForm(FlaskForm):
    unit = SelectField("执法单位", validators=[DataRequired("请选择执法单位")])
    files_reviewed = IntegerField(
        "评查案卷数",
        invalid_value_message="请填写整数",
        validators=[InputRequired("请填写评查案卷数"), NumberRange(min=0, message="不能为负数")],
    )
    score = DecimalField(
        "得分",
        places=1,
        invalid_value_message="请填写数字",
        validators=[
            InputRequired("请填写得分"),
            NumberRange(min=0, max=100, message="得分应在0到100之间"),
        ],
    )
    grade = SelectField("等次", choices=REVIEW_GRADES)


for _column, _label in REVIEW_ITEMS.items():
    setattr(
        ResultForm,
        _column,
        IntegerField(
            f"{_label}问题数",
            default=0,
            invalid_value_message="请填写整数",
            validators=[
                InputRequired(f"请填写{_label}问题数"),
                NumberRange(min=0, message="不能为负数"),
            ],
        ),
    )


class RectificationForm(FlaskForm):
    state = SelectField("整改状态", choices=RECTIFICATION_STATES)
    rectified_on = _date("整改完成日期", required=False)
    note = TextAreaField("整改情况", validators=[Length(max=2000)])


class SupervisorForm(FlaskForm):
    name = StringField("姓名", validators=[DataRequired("请填写姓名"), Length(max=40)])
    affiliation = SelectField("身份类别", choices={a: a for a in SUPERVISOR_AFFILIATIONS})
    organisation = StringField("所在单位", validators=[Length(max=100)])
    term_from = _date("任期开始")
    term_to = _date("任期结束")


class RoundCorrectionForm(FlaskForm):
    """Publish the changed findings as a correction of a published round."""

    reason = CorrectionReasonField()
