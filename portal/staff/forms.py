"""Back-office forms for login and accounts."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from portal.staff.models import ROLES


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请填写用户名"), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired("请填写密码"), Length(max=200)])


class PasswordForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired("请填写当前密码")])
    new_password = PasswordField(
        "新密码", validators=[DataRequired("请填写新密码"), Length(max=200)]
    )
    confirm = PasswordField(
        "再次输入新密码",
        validators=[DataRequired("请再次输入新密码"), EqualTo("new_password", "两次输入不一致")],
    )


def unit_choices(units) -> dict[str, str]:
    # WTForms takes choices as a {value: label} dict; tuples are deprecated since 3.3
    return {"": "（不绑定单位）"} | {unit.code: unit.name for unit in units}


class UserForm(FlaskForm):
    username = StringField(
        "用户名", validators=[DataRequired("请填写用户名"), Length(max=64, message="最多64个字符")]
    )
    display_name = StringField("姓名", validators=[Length(max=64, message="最多64个字符")])
    role = SelectField("角色", choices=ROLES)
    unit = SelectField("所属单位", choices=[], validate_choice=True)
    password = PasswordField("初始密码", validators=[Length(max=200)])
    is_enabled = BooleanField("启用", default=True)


class CodeForm(FlaskForm):
    code = StringField(
        "验证码",
        validators=[DataRequired("请填写验证码"), Length(max=40, message="验证码过长")],
        render_kw={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"},
    )
