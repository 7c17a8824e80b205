"""The forms of the publication lifecycle's steps, shared by every publishable kind."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.core.publication import REASON_MAX_LENGTH


def _required(label: str):
    return DataRequired(f"请填写{label}")


class ConfirmPublishForm(FlaskForm):
    confirm = BooleanField(
        "我已核对脱敏预览，确认公开的内容不含个人信息",
        validators=[DataRequired("请先核对脱敏预览并勾选确认")],
    )


class SubmitForm(FlaskForm):
    """Only the CSRF token: the submission itself is the statement."""


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "撤下原因（将公开显示）",
        validators=[
            _required("撤下原因"),
            Length(max=REASON_MAX_LENGTH, message=f"最多{REASON_MAX_LENGTH}个字"),
        ],
    )


class ReturnForm(FlaskForm):
    note = TextAreaField(
        "退回意见",
        validators=[
            _required("退回意见"),
            Length(max=REASON_MAX_LENGTH, message=f"最多{REASON_MAX_LENGTH}个字"),
        ],
    )


class CorrectionReasonField(TextAreaField):
    """The public reason of a correction, for the edit form of a published item."""

    def __init__(self, label="更正原因（将公开显示）", **kwargs):
        super().__init__(
            label,
            validators=[
                _required("更正原因"),
                Length(max=REASON_MAX_LENGTH, message=f"最多{REASON_MAX_LENGTH}个字"),
            ],
            **kwargs,
        )
