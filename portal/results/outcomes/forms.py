"""Back-office forms of outcomes: the texts, a preview step, and the confirmation."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.publishing.forms import CorrectionReasonField
from portal.results.outcomes.models import CATEGORIES
from portal.results.outcomes.services import TEXT_LIMIT


class OutcomeForm(FlaskForm):
    """Filled, previewed, then confirmed: the same fields travel through every step."""

    category = SelectField(
        "问题类别",
        choices={"": "请选择", **CATEGORIES},
        validators=[DataRequired("请选择问题类别")],
        invalid_choice_message="请从列表中选择问题类别",
    )
    summary = TextAreaField(
        "情况摘要（将公开，公开前自动脱敏）",
        validators=[
            DataRequired("请填写情况摘要"),
            Length(min=5, max=TEXT_LIMIT, message=f"情况摘要应为5至{TEXT_LIMIT}个字"),
        ],
    )
    reply = TextAreaField(
        "答复内容（将公开，公开前自动脱敏）",
        validators=[
            DataRequired("请填写答复内容"),
            Length(min=5, max=TEXT_LIMIT, message=f"答复内容应为5至{TEXT_LIMIT}个字"),
        ],
    )
    confirm = BooleanField("我已核对预览，确认公开的内容不含个人信息")

    def texts(self) -> dict:
        return {"summary": self.summary.data or "", "reply": self.reply.data or ""}


class OutcomeCorrectionForm(OutcomeForm):
    reason = CorrectionReasonField()
