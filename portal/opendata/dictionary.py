"""The data dictionary of the bulk downloads: every column of every kind, described.

``tests/opendata/test_bulk.py`` checks that each column of each file is described here.
"""

#: columns every file starts with
COMMON_FIELDS = {
    "public_id": ("文本", "永久链接编号；记录的网址为“永久链接”一列"),
    "permalink": ("网址", "记录的公开页面（长期有效，撤下后仍显示撤下说明）"),
    "unit_code": (
        "文本",
        "负责单位的代码（如 xinhua），与 /disclosure/units/<代码> 对应；案卷评查为空",
    ),
    "revision": ("整数", "当前公开的版本号：1 为首次公示，每次更正加 1"),
    "first_published_at": ("时间（UTC，ISO 8601）", "首次公示的时间"),
    "revision_published_at": ("时间（UTC，ISO 8601）", "当前版本公示的时间"),
    "correction_reason": ("文本", "当前版本的更正原因；首次公示为空"),
}

#: kind → column → (type, description)
KIND_FIELDS = {
    "decision": {
        "doc_no": ("文本", "行政处罚决定书文号"),
        "party": ("文本", "当事人：自然人只显示姓氏（如“张某某”），法人或其他组织显示全称"),
        "party_type": ("代码", "当事人类型：person 自然人，organisation 法人或其他组织"),
        "violation_type": (
            "代码",
            "违法行为类型代码（占道经营 street_vending 等，见决定列表的筛选项）",
        ),
        "violation": ("文本", "违法行为"),
        "facts": ("文本", "违法事实（已隐去个人信息）"),
        "legal_basis": ("文本", "处罚依据"),
        "penalty": ("文本", "处罚内容"),
        "fine_amount": ("金额（元，两位小数）", "罚款金额；没有罚款为 0.00"),
        "confiscated_income": ("金额（元，两位小数）", "没收违法所得金额；没有为 0.00"),
        "confiscated_property_value": (
            "金额（元，两位小数）",
            "没收非法财物的价值；没有为 0.00",
        ),
        "decided_on": ("日期", "作出处罚决定的日期；年度文件按此日期归年"),
        "is_major": ("是/否", "是否为重大行政处罚决定"),
    },
    "document": {
        "kind": (
            "代码",
            "文件类别：responsibilities 权责清单，legal_basis 执法依据，procedure 执法流程，"
            "discretion 裁量基准，random_inspection 随机抽查事项清单，"
            "remedies 救济渠道，other 其他",
        ),
        "title": ("文本", "文件标题"),
        "body_html": (
            "HTML",
            "文件正文（经过安全过滤与个人信息遮蔽的 HTML）；年度文件按当前版本公示时间归年",
        ),
    },
    "outcome": {
        "kind": ("代码", "类型：complaint 投诉，suggestion 意见建议，praise 表扬（举报不公示）"),
        "channel": ("代码", "提交渠道（网站、触摸屏、电话等）"),
        "category": ("代码", "事项类别（占道经营 street_vending、噪音扰民 noise 等）"),
        "submitted_on": ("日期", "提交日期"),
        "accepted_on": ("日期", "受理日期；可能为空"),
        "answered_on": ("日期", "首次答复日期；年度文件按此日期归年"),
        "answered_on_time": ("是/否", "首次答复是否在法定期限内；空表示无法判断"),
        "summary": ("文本", "情况摘要（已隐去个人信息）"),
        "reply": ("文本", "答复内容（如有复查，为复查意见；已隐去个人信息）"),
        "rating_level": ("整数 1–5", "最近一次满意度评价；空表示未评价"),
    },
    "review_round": {
        "name": ("文本", "评查名称"),
        "held_on": ("日期", "评查日期；年度文件按此日期归年"),
        "summary": ("文本", "评查总体情况"),
        "findings": (
            "JSON 列表",
            "各单位的评查结果：单位、评查案卷数、得分、等次和各评查项目发现的问题数",
        ),
    },
    "media": {
        "outlet": ("文本", "媒体名称"),
        "reported_on": ("日期", "报道日期；年度文件按此日期归年"),
        "headline": ("文本", "报道标题"),
        "link": ("网址", "报道链接；广播电视等没有链接的为空"),
        "report_summary": ("文本", "报道摘要（已隐去个人信息）"),
        "response": ("文本", "回应内容"),
        "action_taken": ("文本", "处理情况"),
    },
}
