"""Form fields whose parse errors speak Chinese (WTForms' own messages are English)."""

from wtforms import DateField, DecimalField


class ChineseDateField(DateField):
    """An ``<input type="date">``; a value that is not a date gets ``invalid_message``."""

    def __init__(self, label=None, validators=None, invalid_message="日期格式应为 年-月-日", **kw):
        super().__init__(label, validators, **kw)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(self.invalid_message) from None


class ChineseDecimalField(DecimalField):
    """A number that may be typed with thousands separators (5,000 or 5，000)."""

    def __init__(self, label=None, validators=None, invalid_message="请填写数字", **kw):
        super().__init__(label, validators, **kw)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        cleaned = [value.replace(",", "").replace("，", "").strip() for value in valuelist or []]
        try:
            super().process_formdata(cleaned)
        except ValueError:
            raise ValueError(self.invalid_message) from None
