"""Back-office forms: the workflow steps, staff entry of non-web submissions, reply templates."""

from datetime import timedelta

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from portal.complaints.forms import (
    ComplaintForm,
    LocalDateTimeField,
    RatingForm,
    parse_local_datetime,
    strip,
)
from portal.complaints.models import CHANNELS, STAFF_CHANNELS
from portal.core.models import utcnow


def _note(label: str = "内部备注（选填，仅工作人员可见）"):
    return TextAreaField(
        label, filters=[strip], validators=[Length(max=1000, message="请不超过1000字")]
    )


class AcceptForm(FlaskForm):
    note = _note()


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "不予受理的理由（将告知投诉举报人）",
        filters=[strip],
        validators=[
            DataRequired("请填写不予受理的理由"),
            Length(min=5, max=2000, message="理由请写5至2000字"),
        ],
    )


class AssignForm(FlaskForm):
    handler = SelectField("承办人", choices={}, invalid_choice_message="请从列表中选择承办人")
    note = _note()


class ReassignForm(FlaskForm):
    unit = SelectField(
        "改派给",
        choices={},
        validators=[InputRequired("请选择办理单位")],
        invalid_choice_message="请从列表中选择办理单位",
    )
    reason = TextAreaField(
        "改派理由（仅工作人员可见）",
        filters=[strip],
        validators=[DataRequired("请填写改派理由"), Length(max=1000, message="请不超过1000字")],
    )


class ExtendForm(FlaskForm):
    days = StringField(
        "延长天数",
        filters=[strip],
        validators=[
            DataRequired("请填写延长天数"),
            Regexp(r"^\d{1,2}$", message="请填写1至30之间的天数"),
        ],
    )
    reason = TextAreaField(
        "延期理由（将告知投诉举报人）",
        filters=[strip],
        validators=[
            DataRequired("请填写延期理由"),
            Length(min=5, max=1000, message="理由请写5至1000字"),
        ],
    )


class ExtensionDecisionForm(FlaskForm):
    decision = SelectField(
        "审批意见",
        choices={
            "": "请选择",
            "approve": "同意延期（理由将告知投诉举报人）",
            "refuse": "不同意延期",
        },
        validators=[InputRequired("请选择审批意见")],
        invalid_choice_message="请选择同意或不同意",
    )
    note = TextAreaField(
        "审批说明（仅工作人员可见）",
        filters=[strip],
        validators=[Length(max=1000, message="请不超过1000字")],
    )


class ReplyForm(FlaskForm):
    text = TextAreaField(
        "答复内容（将告知投诉举报人）",
        filters=[strip],
        validators=[
            DataRequired("请填写答复内容"),
            Length(min=10, max=8000, message="答复请写10至8000字"),
        ],
    )
    #: shown when the case has 重复件: the same answer to each, each person gets their own
    to_linked = BooleanField("同时答复本事项的全部重复件（每位投诉举报人分别收到答复）")


class CloseForm(FlaskForm):
    note = _note()


class FollowUpForm(RatingForm):
    """A phone call back: the level the person gave on the phone and what was said."""

    comment = None
    note = TextAreaField(
        "回访情况",
        filters=[strip],
        validators=[DataRequired("请填写回访情况"), Length(max=500, message="请不超过500字")],
    )


class StaffEntryForm(ComplaintForm):
    """A call, letter, mailbox slip, opinion-book entry, e-mail or visit, typed in by staff."""

    channel = SelectField(
        "来源渠道",
        choices={channel: CHANNELS[channel] for channel in STAFF_CHANNELS},
        invalid_choice_message="请选择来源渠道",
    )
    received_at = LocalDateTimeField(
        "收到时间",
        filters=[strip],
        validators=[DataRequired("请填写收到时间")],
    )
    website = None  # no honeypot in the back office

    def _check_rules(self) -> bool:
        ok = super()._check_rules()
        if self.received_at.data:
            received_at = parse_local_datetime(self.received_at.data)
            if received_at is None:
                self.received_at.errors.append("请按“年-月-日 时:分”填写收到时间")
                return False
            if received_at > utcnow() + timedelta(minutes=10):
                self.received_at.errors.append("收到时间不能晚于现在")
                return False
            if received_at < utcnow() - timedelta(days=365):
                self.received_at.errors.append("收到时间不能早于一年前")
                return False
        return ok

    description = TextAreaField(
        "事情经过",
        filters=[strip],
        validators=[
            DataRequired("请写明事情经过"),
            Length(min=10, max=8000, message="事情经过请写10至8000字"),
        ],
    )


class TemplateForm(FlaskForm):
    title = StringField(
        "模板名称",
        filters=[strip],
        validators=[DataRequired("请填写模板名称"), Length(max=60, message="名称请不超过60字")],
    )
    body = TextAreaField(
        "模板内容",
        filters=[strip],
        validators=[
            DataRequired("请填写模板内容"),
            Length(min=10, max=8000, message="内容请写10至8000字"),
        ],
    )
