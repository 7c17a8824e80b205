"""Public forms: the complaint form (a fixed interface for kiosks and integrations), /track.

Field names of ``ComplaintForm`` are part of the product: ``kind`` (complaint, tipoff,
suggestion, praise), ``unit`` (a unit code), ``badge``, ``occurred_at`` (YYYY-MM-DDTHH:MM as a
datetime-local input sends it), ``location``, ``description``, ``request``, ``anonymous``,
``contact_name``, ``contact_phone``, ``contact_email``, ``attachments``. Every message is
Chinese; what the person typed comes back on an error (files excepted: browsers cannot).
"""

import re
import unicodedata
from datetime import UTC, datetime, timedelta

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import DateTimeLocalInput

from portal.complaints.models import KINDS, SATISFACTION_LEVELS
from portal.complaints.uploads import MAX_FILES
from portal.core.models import LOCAL_TZ, utcnow

PHONE_PATTERN = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
LOCAL_DATETIME_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")
#: kinds for which the person may stay anonymous (a complaint needs someone to answer)
ANONYMOUS_KINDS = ("tipoff", "suggestion", "praise")
#: kinds that need a name and phone unless anonymous
CONTACT_KINDS = ("complaint", "tipoff")


def strip(value):
    return value.strip() if isinstance(value, str) else value


def digits_in(text: str) -> str:
    """The ASCII digits of ``text`` (full-width ones from a Chinese IME included)."""
    return "".join(re.findall(r"[0-9]", unicodedata.normalize("NFKC", text or "")))


def without_separators(value):
    """A number as typed, with full-width digits made ASCII and spaces and dashes dropped."""
    if not isinstance(value, str):
        return value
    return re.sub(r"[\s\-—]", "", unicodedata.normalize("NFKC", value))


class LocalDateTimeField(StringField):
    """A ``datetime-local`` input kept as text so that a bad value is re-shown as typed."""

    widget = DateTimeLocalInput()


def to_naive_utc(local: datetime) -> datetime:
    return local.astimezone(UTC).replace(tzinfo=None)


def parse_local_datetime(text: str) -> datetime | None:
    """``YYYY-MM-DDTHH:MM`` (Asia/Shanghai) → naive UTC; None when it is not such a value."""
    for pattern in LOCAL_DATETIME_FORMATS:
        try:
            local = datetime.strptime(text or "", pattern).replace(tzinfo=LOCAL_TZ)
        except ValueError:
            continue
        return to_naive_utc(local)
    return None


class ComplaintForm(FlaskForm):
    kind = RadioField(
        "类别",
        choices=dict(KINDS),
        validators=[InputRequired("请选择类别")],
        invalid_choice_message="请选择投诉、举报、建议或表扬",
    )
    unit = SelectField("涉及的执法单位", choices={}, invalid_choice_message="请从列表中选择单位")
    badge = StringField(
        "执法人员工号（选填）",
        filters=[strip, without_separators],
        validators=[Optional(), Regexp(r"^\d{3,12}$", message="工号应为3至12位数字")],
    )
    occurred_at = LocalDateTimeField("发生时间", filters=[strip])
    location = StringField(
        "发生地点", filters=[strip], validators=[Length(max=200, message="地点请不超过200字")]
    )
    #: from the browser's geolocation ("使用我的位置", static/js/geolocation.js); optional
    latitude = HiddenField("纬度", filters=[strip])
    longitude = HiddenField("经度", filters=[strip])
    description = TextAreaField(
        "事情经过",
        filters=[strip],
        validators=[
            DataRequired("请写明事情经过"),
            Length(min=10, max=4000, message="事情经过请写10至4000字"),
        ],
    )
    request = TextAreaField(
        "您的诉求", filters=[strip], validators=[Length(max=2000, message="诉求请不超过2000字")]
    )
    anonymous = BooleanField("匿名举报（不留姓名和联系方式）")
    contact_name = StringField(
        "姓名", filters=[strip], validators=[Length(max=50, message="姓名请不超过50字")]
    )
    contact_phone = StringField(
        "联系电话",
        filters=[strip, without_separators],
        validators=[Length(max=30, message="电话号码过长")],
    )
    contact_email = StringField(
        "电子邮箱（选填，用于接收办理进度通知）",
        filters=[strip],
        validators=[
            Optional(),
            Regexp(EMAIL_PATTERN, message="邮箱格式不正确"),
            Length(max=120, message="邮箱过长"),
        ],
    )
    attachments = MultipleFileField("附件（选填）")
    #: a honeypot: hidden from people by CSS, filled in by form-filling robots
    website = StringField("请勿填写此项")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._check_rules() and valid

    def _check_rules(self) -> bool:
        ok = True

        def fail(field, message):
            nonlocal ok
            field.errors.append(message)
            ok = False

        kind = self.kind.data
        if self.occurred_at.data:
            moment = parse_local_datetime(self.occurred_at.data)
            if moment is None:
                fail(self.occurred_at, "请按“年-月-日 时:分”填写发生时间")
            elif moment > utcnow() + timedelta(minutes=10):
                fail(self.occurred_at, "发生时间不能晚于现在")
            elif moment.year < 2000:
                fail(self.occurred_at, "发生时间有误")
        if (self.latitude.data or self.longitude.data) and self.coordinates() == (None, None):
            fail(self.location, "定位结果无效，请重新定位或直接填写地点")
        if kind in CONTACT_KINDS and not self.location.data:
            fail(self.location, "请填写发生地点，例如街道、路口或门牌号")
        anonymous = bool(self.anonymous.data)
        if anonymous and kind not in ANONYMOUS_KINDS:
            fail(self.anonymous, "投诉需要留下联系方式以便答复；如不愿留名，请选择“举报”并匿名")
            anonymous = False
        if not anonymous:
            if kind in CONTACT_KINDS and not self.contact_name.data:
                fail(self.contact_name, "请填写姓名（举报可以选择匿名）")
            if kind in CONTACT_KINDS and not self.contact_phone.data:
                fail(self.contact_phone, "请填写联系电话，以便答复和回访")
            if self.contact_phone.data and not PHONE_PATTERN.match(self.contact_phone.data):
                fail(self.contact_phone, "请填写11位手机号或带区号的固定电话，如 0375-2622319")
        files = [file for file in (self.attachments.data or []) if file and file.filename]
        if len(files) > MAX_FILES:
            fail(self.attachments, f"最多上传{MAX_FILES}个附件")
        return ok

    def coordinates(self) -> tuple[float | None, float | None]:
        """(latitude, longitude) in degrees, or (None, None) when not given or not valid."""
        try:
            latitude, longitude = float(self.latitude.data), float(self.longitude.data)
        except (TypeError, ValueError):
            return None, None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None, None
        return latitude, longitude

    def chosen_files(self) -> list:
        return [file for file in (self.attachments.data or []) if file and file.filename]


class TrackForm(FlaskForm):
    tracking_no = StringField(
        "受理编号", filters=[strip], validators=[DataRequired("请填写16位受理编号")]
    )
    query_code = StringField(
        "查询码", filters=[strip], validators=[DataRequired("请填写6位查询码")]
    )


class RatingForm(FlaskForm):
    level = RadioField(
        "您对答复的满意程度",
        choices=dict(SATISFACTION_LEVELS),
        coerce=int,
        validators=[InputRequired("请选择满意程度")],
        invalid_choice_message="请选择满意程度",
    )
    comment = TextAreaField(
        "意见和建议（选填）",
        filters=[strip],
        validators=[Length(max=500, message="请不超过500字")],
    )


class RehandlingForm(FlaskForm):
    reason = TextAreaField(
        "申请复查的理由",
        filters=[strip],
        validators=[
            DataRequired("请写明申请复查的理由"),
            Length(min=5, max=2000, message="理由请写5至2000字"),
        ],
    )
