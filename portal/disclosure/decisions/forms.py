"""Back-office forms of penalty decisions. Rules live in the services; these parse input."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.core.fields import ChineseDateField, ChineseDecimalField
from portal.core.publication import REASON_MAX_LENGTH
from portal.disclosure.decisions.models import (
    NONDISCLOSURE_REASONS,
    PARTY_TYPES,
    REVOCATION_KINDS,
    VIOLATION_TYPES,
)
from portal.disclosure.decisions.working_copy import DECISION_FIELDS
from portal.publishing.forms import CorrectionReasonField

TEXT_LIMIT = 20_000


def _required(label: str):
    return DataRequired(f"请填写{label}")


class DecisionForm(FlaskForm):
    """The working copy of a decision. ``unit`` is only offered to those who see every unit."""

    unit = SelectField(
        "作出决定的执法单位", choices={}, invalid_choice_message="请从列表中选择执法单位"
    )
    doc_no = StringField(
        "文书号",
        validators=[_required("文书号"), Length(max=100, message="文书号最多100个字")],
    )
    party_type = RadioField(
        "当事人类型",
        choices=dict(PARTY_TYPES),
        validators=[InputRequired("请选择当事人类型")],
        invalid_choice_message="请选择当事人类型",
    )
    party_name = StringField(
        "当事人姓名或名称",
        validators=[_required("当事人姓名或名称"), Length(max=200, message="最多200个字")],
    )
    party_is_minor = BooleanField("当事人为未成年人（决定不予公开）")
    nondisclosure_reason = SelectField(
        "依法不予公开",
        choices={"": "否（依法公示）", **NONDISCLOSURE_REASONS},
        default="",
        invalid_choice_message="请从列表中选择不予公开的情形",
    )
    related_names = TextAreaField(
        "文书中出现的其他自然人姓名",
        validators=[Length(max=2000, message="最多2000个字")],
    )
    violation_type = SelectField(
        "违法行为类型",
        choices={"": "请选择", **VIOLATION_TYPES},
        validators=[DataRequired("请选择违法行为类型")],
        invalid_choice_message="请从列表中选择违法行为类型",
    )
    violation = TextAreaField(
        "违法行为", validators=[_required("违法行为"), Length(max=TEXT_LIMIT, message="内容过长")]
    )
    facts = TextAreaField("违法事实", validators=[Length(max=TEXT_LIMIT, message="内容过长")])
    legal_basis = TextAreaField(
        "处罚依据",
        validators=[_required("处罚依据"), Length(max=TEXT_LIMIT, message="内容过长")],
    )
    penalty = TextAreaField(
        "处罚内容",
        validators=[_required("处罚内容"), Length(max=TEXT_LIMIT, message="内容过长")],
    )
    fine_amount = ChineseDecimalField(
        "罚款金额（元）",
        places=2,
        invalid_message="罚款金额应为数字（单位：元）",
        validators=[Optional(), NumberRange(min=0, message="罚款金额不能为负数")],
    )
    confiscated_income = ChineseDecimalField(
        "没收违法所得（元）",
        places=2,
        invalid_message="没收违法所得金额应为数字（单位：元）",
        validators=[Optional(), NumberRange(min=0, message="没收违法所得金额不能为负数")],
    )
    confiscated_property_value = ChineseDecimalField(
        "没收非法财物价值（元）",
        places=2,
        invalid_message="没收非法财物价值应为数字（单位：元）",
        validators=[Optional(), NumberRange(min=0, message="没收非法财物价值不能为负数")],
    )
    orders_stop_of_business = BooleanField("责令停产停业或关闭")
    revokes_licence = BooleanField("吊销许可证件")
    decided_on = ChineseDateField(
        "处罚决定日期",
        invalid_message="处罚决定日期格式应为 年-月-日",
        validators=[InputRequired("请填写处罚决定日期")],
    )

    def decision_data(self) -> dict:
        return {field: getattr(self, field).data for field in DECISION_FIELDS}


class CorrectionForm(DecisionForm):
    reason = CorrectionReasonField()


class RevocationForm(FlaskForm):
    kind = SelectField(
        "情形",
        choices={"": "请选择", **REVOCATION_KINDS},
        validators=[DataRequired("请选择情形")],
        invalid_choice_message="请从列表中选择情形",
    )
    revoked_on = ChineseDateField(
        "决定被撤销或变更的日期",
        invalid_message="日期格式应为 年-月-日",
        validators=[InputRequired("请填写决定被撤销或变更的日期")],
    )
    reason = TextAreaField(
        "理由及依据（将作为撤下原因公开）",
        validators=[
            _required("理由及依据"),
            Length(max=REASON_MAX_LENGTH, message=f"最多{REASON_MAX_LENGTH}个字"),
        ],
    )


class MajorReviewForm(FlaskForm):
    raised = BooleanField("认定为重大行政处罚")
    raise_reason = TextAreaField("认定理由", validators=[Length(max=1000, message="最多1000个字")])
    legal_reviewed_on = ChineseDateField(
        "法制审核通过日期",
        invalid_message="日期格式应为 年-月-日",
        validators=[Optional()],
    )
    filed_on = ChineseDateField(
        "报市局备案日期", invalid_message="日期格式应为 年-月-日", validators=[Optional()]
    )
    filing_note = StringField("备案文号或说明", validators=[Length(max=200, message="最多200个字")])
