"""Demo disclosure documents: the six standing documents of every unit, published a while ago;
a few corrected, one withdrawn. Inserted in bulk, idempotently (matched by unit, kind, title).
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, insert, select

from portal.core.models import utcnow
from portal.core.publication import PUBLISHED, WITHDRAWN
from portal.core.sanitize import mask_html, sanitize_staff_input
from portal.disclosure.models import DisclosureDocument, DocumentRevision
from portal.disclosure.services import document_masking_options
from portal.org.models import Unit
from portal.search.models import SearchOutboxEntry

RESPONSIBILITIES = (
    (
        "<p>根据《中华人民共和国行政处罚法》《城市管理执法办法》"
        "和市政府确定的城市管理领域相对集中行政处罚权范围，{name}的主要权责如下。</p>"
    )
    + """
<table>
<caption>权责清单（摘录）</caption>
<thead><tr>
<th scope="col">序号</th>
<th scope="col">权力事项</th>
<th scope="col">类别</th>
<th scope="col">责任事项</th></tr></thead>
<tbody>
<tr>
<td>1</td>
<td>对擅自占用城市道路摆摊设点的处罚</td>
<td>行政处罚</td>
<td>立案、调查、审查、告知、决定、送达、执行、公示</td></tr>
<tr>
<td>2</td>
<td>对未取得建设工程规划许可证进行建设的处罚</td>
<td>行政处罚</td>
<td>同上；重大案件经法制审核、集体讨论</td></tr>
<tr>
<td>3</td>
<td>对运输渣土未采取密闭措施、沿途撒漏的处罚</td>
<td>行政处罚</td>
<td>同上</td></tr>
<tr>
<td>4</td>
<td>对擅自设置大型户外广告的处罚</td>
<td>行政处罚</td>
<td>同上</td></tr>
<tr>
<td>5</td>
<td>对在禁止区域露天烧烤食品的处罚</td>
<td>行政处罚</td>
<td>同上</td></tr>
<tr>
<td>6</td>
<td>对施工工地未采取有效防尘降尘措施的处罚</td>
<td>行政处罚</td>
<td>同上</td></tr>
<tr>
<td>7</td>
<td>查封、扣押与违法行为有关的工具和物品</td>
<td>行政强制</td>
<td>审批、告知、实施、解除</td></tr>
</tbody>
</table>
<p>管辖范围：{jurisdiction}</p>"""
)

LEGAL_BASIS = """<h2>法律</h2>
<ul>
<li>《中华人民共和国行政处罚法》</li>
<li>《中华人民共和国行政强制法》</li>
<li>《中华人民共和国城乡规划法》</li>
<li>《中华人民共和国大气污染防治法》</li>
<li>《中华人民共和国噪声污染防治法》</li>
</ul>
<h2>行政法规和规章</h2>
<ul>
<li>《城市市容和环境卫生管理条例》</li>
<li>《城市绿化条例》</li>
<li>《城市建筑垃圾管理规定》</li>
<li>《城市管理执法办法》（住房和城乡建设部令第34号）</li>
</ul>
<h2>地方性法规</h2>
<ul>
<li>《河南省城市市容和环境卫生管理条例》</li>
<li>《平顶山市城市市容和环境卫生管理条例》</li>
</ul>"""

PROCEDURE = """<p>{name}实施行政处罚，依照以下程序办理：</p>
<ol>
<li><strong>立案</strong>：发现或者接到投诉举报的违法线索，经初步核实符合立案条件的，7日内立案。</li>
<li><strong>调查取证</strong>：执法人员不少于两人，出示执法证件，制作现场检查笔录、询问笔录，收集证据。</li>
<li><strong>法制审核</strong>：重大行政处罚决定作出前，由法制审核机构进行审核。</li>
<li><strong>告知</strong>：作出处罚决定前，告知当事人拟作出的处罚内容及事实、理由、依据，以及陈述、申辩、要求听证的权利。</li>
<li><strong>决定</strong>：经负责人审批作出处罚决定；情节复杂或者重大违法行为给予行政处罚的，集体讨论决定。</li>
<li><strong>送达</strong>：处罚决定书当场交付或者7日内送达当事人。</li>
<li><strong>执行与公示</strong>：当事人在规定期限内履行；处罚决定自作出之日起7个工作日内公示。</li>
</ol>
<p>咨询电话：{phone}</p>"""

DISCRETION = """<p>为规范行政处罚自由裁量权，{name}对常见违法行为的罚款幅度规定如下：</p>
<table>
<caption>常见违法行为罚款裁量基准</caption>
<thead><tr>
<th scope="col">违法行为</th>
<th scope="col">情节</th>
<th scope="col">裁量基准</th></tr></thead>
<tbody>
<tr>
<td rowspan="2">占道经营</td>
<td>首次、经劝导后立即改正</td>
<td>不予处罚，责令改正</td></tr>
<tr><td>经责令改正拒不改正</td><td>罚款50元以上500元以下</td></tr>
<tr>
<td rowspan="2">渣土车未密闭运输、撒漏</td>
<td>撒漏长度100米以下</td>
<td>罚款2000元以上5000元以下</td></tr>
<tr>
<td>撒漏长度100米以上或造成交通隐患</td>
<td>罚款5000元以上20000元以下</td></tr>
<tr>
<td>露天烧烤</td>
<td>在禁止区域内露天烧烤食品</td>
<td>没收烧烤工具和违法所得，罚款500元以上20000元以下</td></tr>
<tr>
<td>工地扬尘</td>
<td>未采取有效防尘降尘措施</td>
<td>罚款10000元以上100000元以下；拒不改正的，责令停工整治</td></tr>
</tbody>
</table>"""

RANDOM_INSPECTION = (
    (
        "<p>按照“双随机、一公开”的要求，{name}随机抽取检查对象、"
        "随机选派执法检查人员，抽查结果依法公开。</p>"
    )
    + """
<table>
<caption>随机抽查事项清单</caption>
<thead><tr>
<th scope="col">抽查事项</th>
<th scope="col">检查对象</th>
<th scope="col">抽查比例与频次</th></tr></thead>
<tbody>
<tr>
<td>建筑工地扬尘防治措施落实情况</td>
<td>在建工地</td>
<td>每季度不低于20%</td></tr>
<tr>
<td>建筑垃圾运输车辆密闭运输情况</td>
<td>渣土运输企业</td>
<td>每半年不低于30%</td></tr>
<tr>
<td>户外广告设施设置情况</td>
<td>户外广告设置单位</td>
<td>每年不低于10%</td></tr>
<tr>
<td>门前市容环境卫生责任落实情况</td>
<td>临街商户</td>
<td>每季度不低于5%</td></tr>
</tbody>
</table>"""
)

REMEDIES = """<p>公民、法人或者其他组织对{name}作出的行政处罚决定不服的，可以依法：</p>
<ul>
<li>自知道该行政行为之日起60日内向{government}申请行政复议；</li>
<li>自知道或者应当知道作出行政行为之日起6个月内向人民法院提起行政诉讼。</li>
</ul>
<p>对执法人员的执法行为有意见，可以投诉举报：</p>
<ul>
<li>投诉电话：{complaint_phone}；全市城管投诉举报电话：12319</li>
<li>投诉邮箱：<a href="mailto:{email}">{email}</a></li>
<li>来信来访：{address}</li>
</ul>"""

#: kind → (title pattern, body pattern)
STANDING_DOCUMENTS = {
    "responsibilities": ("{short}城市管理综合行政执法权责清单", RESPONSIBILITIES),
    "legal_basis": ("{short}城市管理综合行政执法依据", LEGAL_BASIS),
    "procedure": ("{short}行政处罚一般程序流程", PROCEDURE),
    "discretion": ("{short}城市管理行政处罚裁量基准", DISCRETION),
    "random_inspection": ("{short}随机抽查事项清单", RANDOM_INSPECTION),
    "remedies": ("{short}行政复议、行政诉讼和投诉渠道", REMEDIES),
}
#: (unit code, kind) → public reason of a second revision
DEMO_CORRECTIONS = {
    (
        "xinhua",
        "discretion",
    ): "根据《平顶山市城市管理行政处罚裁量基准（2025年修订）》更新了渣土撒漏的裁量档次。",
    ("weidong", "procedure"): "补充了重大行政处罚决定须经法制审核的环节。",
    ("ruzhou", "remedies"): "投诉邮箱变更，已更新联系方式。",
}


def _document_fields(unit: Unit, kind: str) -> tuple[str, str]:
    title, body = STANDING_DOCUMENTS[kind]
    values = {
        "name": unit.name,
        "short": unit.short_name,
        "jurisdiction": unit.jurisdiction,
        "phone": unit.phone,
        "complaint_phone": unit.complaint_phone,
        "email": unit.complaint_email,
        "address": unit.visit_address or unit.address,
        "government": f"{unit.short_name}人民政府" if unit.level != "city" else "平顶山市人民政府",
    }
    return title.format(**values), sanitize_staff_input(body.format(**values))


def load_demo_documents(session) -> tuple[int, int]:
    def total() -> int:
        return session.scalar(select(func.count()).select_from(DisclosureDocument))

    now = utcnow()
    existing = set(
        session.execute(
            select(DisclosureDocument.unit_id, DisclosureDocument.kind, DisclosureDocument.title)
        )
    )
    units = session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)).all()
    rows, contents = [], []
    for unit_number, unit in enumerate(units):
        options = document_masking_options(unit, current_app.config)
        for kind_number, kind in enumerate(STANDING_DOCUMENTS):
            title, body = _document_fields(unit, kind)
            if (unit.id, kind, title) in existing:
                continue
            published_at = now - timedelta(days=300 - 7 * unit_number - kind_number)
            reason = DEMO_CORRECTIONS.get((unit.code, kind))
            updated_at = now - timedelta(days=20 + unit_number) if reason else published_at
            rows.append(
                {
                    "unit_id": unit.id,
                    "kind": kind,
                    "title": title,
                    "body_html": body,
                    "status": PUBLISHED,
                    # well-known permalinks for the documentation and the browser tests
                    "public_id": f"d-{unit.code}-{kind_number + 1}",
                    "revision_count": 2 if reason else 1,
                    "first_published_at": published_at,
                    "public_updated_at": updated_at,
                    "withdrawal_reason": "",
                    "review_note": "",
                    "created_at": published_at,
                    "updated_at": updated_at,
                }
            )
            masked = {"kind": kind, "title": title, "body_html": mask_html(body, **options)}
            contents.append((published_at, reason, updated_at, masked))
    # one superseded plan, withdrawn, so the demo shows a withdrawal notice
    zhidui = next((unit for unit in units if unit.code == "zhidui"), None)
    old_title = "市执法支队随机抽查事项清单（上一年度）"
    if zhidui is not None and (zhidui.id, "random_inspection", old_title) not in existing:
        published_at = now - timedelta(days=400)
        withdrawn_at = now - timedelta(days=60)
        body = sanitize_staff_input(RANDOM_INSPECTION.format(name=zhidui.name))
        rows.append(
            {
                "unit_id": zhidui.id,
                "kind": "random_inspection",
                "title": old_title,
                "body_html": body,
                "status": WITHDRAWN,
                "public_id": "d-zhidui-old",
                "revision_count": 1,
                "first_published_at": published_at,
                "public_updated_at": withdrawn_at,
                "withdrawn_at": withdrawn_at,
                "withdrawal_reason": "已由本年度随机抽查事项清单替代。",
                "review_note": "",
                "created_at": published_at,
                "updated_at": withdrawn_at,
            }
        )
        masked = {"kind": "random_inspection", "title": old_title, "body_html": body}
        contents.append((published_at, None, published_at, masked))
    if not rows:
        return 0, total()
    for row in rows:
        row.setdefault("withdrawn_at", None)
    ids = session.scalars(
        insert(DisclosureDocument).returning(DisclosureDocument.id, sort_by_parameter_order=True),
        rows,
    ).all()
    revisions, outbox = [], []
    for document_id, (published_at, reason, updated_at, masked) in zip(ids, contents, strict=True):
        base = {"document_id": document_id, "published_by_label": "demo", "published_by_id": None}
        revisions.append(
            {**base, **masked, "revision_no": 1, "published_at": published_at, "reason": ""}
        )
        if reason:
            revisions.append(
                {**base, **masked, "revision_no": 2, "published_at": updated_at, "reason": reason}
            )
        outbox.append({"kind": "document", "object_id": str(document_id), "created_at": now})
    session.execute(insert(DocumentRevision), revisions)
    session.execute(insert(SearchOutboxEntry), outbox)
    session.flush()
    return len(rows), total()
