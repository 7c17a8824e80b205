"""Back-office forms of the officer domain; every field has a Chinese message."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
)

from portal.officers.models import OFFICER_STATUSES

#: suggestions offered in the form (a datalist); other values are allowed
POSTS = [
    "执法队员",
    "中队长",
    "副中队长",
    "大队长",
    "副大队长",
    "法制审核员",
    "科员",
    "副科长",
    "科长",
]
CATEGORIES = [
    "市容环境卫生",
    "城乡规划",
    "园林绿化",
    "市政公用",
    "住房城乡建设",
    "环境保护",
    "综合执法",
]


class ChineseDateField(DateField):
    """A date field whose parse error is in Chinese (wtforms' own is English)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("日期格式应为 年-月-日，例如 2025-01-31") from None


class ChineseIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError("请填写整数") from None


def _required(label: str):
    return DataRequired(f"请填写{label}")


def _date_field(label: str) -> DateField:
    return ChineseDateField(
        label,
        validators=[InputRequired(f"请填写{label}")],
        format="%Y-%m-%d",
    )


class OfficerForm(FlaskForm):
    badge_no = StringField(
        "工号",
        validators=[_required("工号"), Length(max=40, message="工号过长")],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    cert_no = StringField(
        "执法证号",
        validators=[_required("执法证号"), Length(max=60, message="执法证号过长")],
        render_kw={"autocomplete": "off"},
    )
    name = StringField("姓名", validators=[_required("姓名"), Length(max=32, message="姓名过长")])
    #: choices (a {code: name} dict) are the units in the user's scope, set by the view; an
    #: empty or other value fails the choice check (no "required" flag: nothing to leave empty)
    unit = SelectField("所属单位", choices={}, invalid_choice_message="请从列表中选择")
    post = StringField(
        "职务岗位",
        validators=[_required("职务岗位"), Length(max=40, message="不能超过40个字")],
        render_kw={"list": "officer-posts"},
    )
    category = StringField(
        "执法类别",
        validators=[_required("执法类别"), Length(max=60, message="不能超过60个字")],
        render_kw={"list": "officer-categories"},
    )
    area = StringField(
        "执法区域", validators=[_required("执法区域"), Length(max=100, message="不能超过100个字")]
    )
    cert_valid_from = _date_field("证件有效期起")
    cert_valid_to = _date_field("证件有效期至")


class StatusForm(FlaskForm):
    status = SelectField(
        "新的状态",
        choices={"": "请选择", **OFFICER_STATUSES},
        validators=[DataRequired("请选择新的状态")],
        invalid_choice_message="请从列表中选择",
    )
    reason = TextAreaField(
        "变更原因",
        validators=[
            DataRequired("请写明变更原因"),
            Length(min=4, max=500, message="变更原因为4至500个字"),
        ],
    )


class PhotoForm(FlaskForm):
    photo = FileField("照片", validators=[FileRequired("请选择要上传的照片文件")])


class TrainingForm(FlaskForm):
    trained_on = _date_field("培训日期")
    title = StringField(
        "培训名称", validators=[_required("培训名称"), Length(max=120, message="不能超过120个字")]
    )
    hours = ChineseIntegerField(
        "学时",
        default=4,
        validators=[
            InputRequired("请填写学时"),
            NumberRange(min=1, max=200, message="学时应为1至200之间的整数"),
        ],
    )
    organiser = StringField("组织单位", validators=[Length(max=100, message="不能超过100个字")])


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token (delete a training, remove a photo)."""
