"""Demo media responses (舆论回应): fourteen reports about urban-management enforcement across
the units — published, one corrected, one withdrawn, one waiting for review, one draft.

Seed data, not staff work: no audit entries; each public one gets its search-outbox row.
Idempotent by natural key (unit, headline). The first five have well-known back-office
ids 1-5 on a fresh database and three have well-known permalinks (tests/browser/pages.py).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from portal.core.models import local_today
from portal.core.publication import DRAFT, PUBLISHED, REVIEW, WITHDRAWN
from portal.org.models import Unit
from portal.results.media.models import MediaResponse, MediaResponseRevision
from portal.results.media.services import masked_content
from portal.search.models import SearchOutboxEntry

DEMO_LABEL = "demo"


@dataclass(frozen=True)
class DemoStory:
    unit: str
    outlet: str
    reported_on: date
    headline: str
    link: str
    report_summary: str
    response: str
    action_taken: str
    status: str = PUBLISHED
    public_id: str = ""
    named_persons: str = ""
    #: (what revision 1 said instead, keyed by field; the public reason of the correction)
    correction: tuple[dict, str] | None = None
    withdrawal_reason: str = ""


STORIES = [
    DemoStory(
        unit="zhidui",
        outlet="鹰城晚报",
        reported_on=date(2026, 9, 5),
        headline="执法队员与商户发生推搡 现场视频引发关注",
        link="https://www.yingcheng-wanbao.example/2026/09/05/chengguan-tuisang.html",
        report_summary=(
            "报道称，9月3日傍晚，在开源路一家水果店门前，执法人员劝导店主将外摆货架收回店内时"
            "发生争执并相互推搡，路人拍摄的视频在网上传播，引发市民对执法方式的讨论。"
        ),
        response=(
            "平顶山市城市管理执法支队高度重视，当晚成立调查组，调取了执法记录仪视频并走访目击"
            "群众。经查，当事执法人员在劝导过程中言行不当、未能控制情绪，存在过错；商户店外"
            "摆放货架占用人行道的行为亦属实。支队向当事商户当面致歉，并感谢媒体和市民的监督。"
        ),
        action_taken=(
            "对涉事1名执法队员暂停执法资格，调离执法岗位参加为期一个月的规范执法培训；对涉事"
            "1名协管员予以辞退；在全支队开展文明执法专项教育整顿，执法全过程佩戴执法记录仪。"
            "店外货架已由店主自行收回。"
        ),
        public_id="media-corrected",
        correction=(
            {
                "action_taken": (
                    "对涉事2名执法队员暂停执法资格，调离执法岗位参加为期一个月的规范执法培训；"
                    "在全支队开展文明执法专项教育整顿，执法全过程佩戴执法记录仪。"
                    "店外货架已由店主自行收回。"
                )
            },
            "原回应中“涉事2名执法队员”有误，经复核为1名执法队员和1名协管员，并补充了对协管员的处理结果。",
        ),
    ),
    DemoStory(
        unit="weidong",
        outlet="鹰城都市频道",
        reported_on=date(2025, 12, 10),
        headline="城管执法抢走摊主的秤？网传视频引质疑",
        link="https://tv.yingcheng-dushi.example/news/20251210-0412",
        report_summary=(
            "节目播出一段网传视频：东环路菜市场外，一名身穿制服的人员从摊主手中拿走电子秤，"
            "摊主情绪激动。节目质疑执法人员是否存在暴力执法、随意扣押物品的行为。"
        ),
        response=(
            "卫东区城市管理和综合执法局经初步核查，视频中人员为本局执法队员，当时依法对占道"
            "经营的电子秤等物品实施先行登记保存，并出具了物品清单。"
        ),
        action_taken="已将先行登记保存的物品清单和执法记录仪视频提交区纪委监委复核。",
        status=WITHDRAWN,
        public_id="media-withdrawn",
        withdrawal_reason=(
            "原回应依据的执法记录仪视频不完整，与后续调取的完整视频不一致；该回应撤下，"
            "待区纪委监委调查结论作出后重新发布。"
        ),
    ),
    DemoStory(
        unit="zhanhe",
        outlet="鹰城市民网",
        reported_on=date(2026, 10, 12),
        headline="小区楼下烧烤摊油烟噪声扰民到凌晨",
        link="https://www.yingcheng-shimin.example/thread-88213-1-1.html",
        report_summary=(
            "网友发帖称，湛河区光明路一小区临街商铺门前每晚摆出十余张烧烤桌，油烟直冲楼上住户，"
            "食客喧哗持续到凌晨两三点。受访居民刘桂芝（电话17000000315）说，多次拨打热线后"
            "问题仍然反复。"
        ),
        response=(
            "湛河区城市管理和综合执法局收到反映后，于10月13日晚组织执法、环保、市场监管联合"
            "检查。经查，该商户在店外露天烧烤、占道经营属实，油烟净化设施未正常运行。"
            "热线工单处理中存在“办结即结束”、未跟踪复查的问题，我局已督促整改。"
        ),
        action_taken=(
            "依法责令该商户立即停止店外露天烧烤，对其占道经营行为罚款500元；督促其更换油烟"
            "净化设备并于10月20日复查合格；此后连续两周每晚22时后安排执法队员巡查，未再发现"
            "反弹。已向反映问题的居民回访说明处理结果。"
        ),
        public_id="media-masked",
        named_persons="刘桂芝",
    ),
    DemoStory(
        unit="jiaxian",
        outlet="鹰城晚报",
        reported_on=date(2026, 11, 24),
        headline="郏县老城区广场舞音响扰民 居民盼管理",
        link="https://www.yingcheng-wanbao.example/2026/11/24/guangchangwu.html",
        report_summary=(
            "报道反映，郏县老城区文庙广场每晚有多支广场舞队伍使用大功率音响，"
            "周边居民反映噪声较大，影响老人和学生休息。"
        ),
        response=(
            "郏县城市管理局已会同属地街道、公安派出所与各广场舞队伍负责人沟通，"
            "倡导降低音量、控制时长。"
        ),
        action_taken="拟在广场设置噪声显示屏，划定活动区域和时段（19:00-21:00）。",
        status=REVIEW,
    ),
    DemoStory(
        unit="shilong",
        outlet="鹰城市民网",
        reported_on=date(2026, 11, 27),
        headline="石龙区一路段夜间渣土车超速行驶",
        link="",
        report_summary="网友反映石龙区龙兴街夜间渣土车车速较快、噪声大，存在安全隐患。",
        response="石龙区城市管理局正在会同交警部门核查。",
        action_taken="",
        status=DRAFT,
    ),
    DemoStory(
        unit="xinhua",
        outlet="鹰城晚报",
        reported_on=date(2026, 11, 18),
        headline="建设路夜市占道经营 行人只能走机动车道",
        link="https://www.yingcheng-wanbao.example/2026/11/18/yeshi-zhandao.html",
        report_summary=(
            "报道反映，每晚7点后，建设路与中兴路交叉口附近的夜市摊点将人行道全部占满，"
            "行人被迫走上机动车道，带孩子的家长尤其担心安全。"
        ),
        response=(
            "新华区城市管理和综合执法局于11月19日晚组织执法队员现场核查，情况属实。"
            "夜市是群众的“烟火气”，也要守住通行安全。我局将坚持疏堵结合，"
            "既保障摊贩生计，又还路于民。"
        ),
        action_taken=(
            "在中兴路东侧空地设置临时便民疏导点，已引导32户摊主入点经营；人行道划定1.5米"
            "通行区，安排执法队员每晚值守至23时；对经3次劝导仍拒不改正的2户依法立案调查。"
        ),
    ),
    DemoStory(
        unit="weidong",
        outlet="鹰城都市频道",
        reported_on=date(2026, 10, 30),
        headline="渣土车夜间撒漏 光明路清晨满地泥土",
        link="https://tv.yingcheng-dushi.example/news/20261030-0233",
        report_summary=(
            "节目记者清晨在光明路东段看到，路面有长约300米的泥土撒漏痕迹，"
            "环卫工人正在清扫。附近居民说，夜间常有渣土车经过，车厢未苫盖。"
        ),
        response=(
            "卫东区城市管理和综合执法局连夜调取沿线监控，锁定3辆未密闭运输的渣土车及其运输"
            "企业和来源工地。渣土车撒漏既污染路面，也危及行车安全，我局将持续从严查处。"
        ),
        action_taken=(
            "对3辆渣土车未密闭运输行为依法立案查处；约谈2家运输企业负责人；责令来源工地"
            "在出入口加装车辆冲洗设施，11月5日复查已整改到位；光明路沿线增设夜间卡点。"
        ),
    ),
    DemoStory(
        unit="gaoxinqu",
        outlet="鹰城市民网",
        reported_on=date(2026, 8, 20),
        headline="高新区工地夜间施工 附近居民难以入睡",
        link="https://www.yingcheng-shimin.example/thread-86540-1-1.html",
        report_summary=(
            "网友反映，高新区一在建商业综合体工地连续多日在晚10点后仍进行混凝土浇筑和切割作业，"
            "噪声很大，附近小区居民难以入睡。"
        ),
        response=(
            "高新区城市管理和综合执法局核查发现，该工地未办理夜间施工许可即在22时后施工，"
            "噪声超标属实。"
        ),
        action_taken=(
            "依法责令该工地立即停止夜间违规施工，并处罚款2万元；将该工地列为重点监管对象，"
            "夜间不定时巡查；督促施工单位在工地公示投诉电话。"
        ),
    ),
    DemoStory(
        unit="ruzhou",
        outlet="鹰城晚报",
        reported_on=date(2026, 7, 22),
        headline="汝州城区机动车违规停放占用盲道",
        link="https://www.yingcheng-wanbao.example/2026/07/22/mangdao.html",
        report_summary=(
            "报道称，汝州市广成路多个路段人行道上停满机动车，部分车辆直接压在盲道上，"
            "视障人士出行十分不便。"
        ),
        response=(
            "汝州市城市管理局会同交警部门对广成路进行了集中整治。人行道是行人的路，"
            "盲道更是视障群体的“生命线”，任何车辆不得占用。"
        ),
        action_taken=(
            "对人行道违规停放车辆张贴告知单187张，拖移长期占用盲道的车辆6辆；"
            "在广成路增设隔离桩420根、施划路内停车泊位90个；建立每周巡查机制。"
        ),
    ),
    DemoStory(
        unit="baofeng",
        outlet="鹰城都市频道",
        reported_on=date(2026, 7, 8),
        headline="居民楼顶加盖彩钢房 举报半年未见处理",
        link="https://tv.yingcheng-dushi.example/news/20260708-0127",
        report_summary=(
            "节目反映，宝丰县城关镇一居民楼楼顶被加盖约60平方米的彩钢房，楼下住户担心"
            "安全并多次举报，但半年来未见处理。"
        ),
        response=(
            "宝丰县城市管理局经调查，该彩钢房系未取得建设工程规划许可的违法建设。"
            "此前举报件在转办过程中出现延误，我局对此向举报群众致歉。"
        ),
        action_taken=(
            "7月15日依法立案，向当事人送达限期拆除决定书；当事人已于7月30日自行拆除，"
            "我局现场复核确认。对举报件转办延误问题，已对相关责任人进行批评教育。"
        ),
    ),
    DemoStory(
        unit="xinhua",
        outlet="鹰城广播FM98.6",
        reported_on=date(2026, 6, 2),
        headline="共享单车堆满公交站台 乘客上下车受阻",
        link="",
        report_summary=(
            "听众来电反映，矿工路与建设路交叉口公交站台周边每天早晚高峰堆放上百辆共享单车，"
            "乘客上下车都要绕行。"
        ),
        response=(
            "新华区城市管理和综合执法局已约谈3家共享单车运营企业，要求落实停放管理主体责任。"
        ),
        action_taken=(
            "在站台两侧施划共享单车停放区2处、设置电子围栏；运营企业增派调度人员，"
            "早晚高峰每小时清运一次；对超出停放区的车辆按规定收取调度费。"
        ),
    ),
    DemoStory(
        unit="wugang",
        outlet="鹰城市民网",
        reported_on=date(2026, 5, 15),
        headline="舞钢市一户外广告牌松动 路人担心被砸",
        link="https://www.yingcheng-shimin.example/thread-83002-1-1.html",
        report_summary=(
            "网友上传照片称，舞钢市朱兰大道一商铺楼顶的大型广告牌边框锈蚀、一角松动，"
            "大风天摇晃明显，下方就是人行道。"
        ),
        response="舞钢市城市管理局接报后两小时内到场，设置警戒区并通知设置单位。",
        action_taken=(
            "当晚拆除该广告牌；经查该广告牌未按规定办理设置手续，已依法立案处理；"
            "同步开展城区户外广告安全隐患排查，拆除存在隐患的广告牌14块。"
        ),
    ),
    DemoStory(
        unit="lushan",
        outlet="鹰城晚报",
        reported_on=date(2025, 9, 22),
        headline="小广告屡清屡贴 鲁山县城区电线杆成“牛皮癣”重灾区",
        link="https://www.yingcheng-wanbao.example/2025/09/22/xiaoguanggao.html",
        report_summary=(
            "报道反映，鲁山县城区多条道路的电线杆、变电箱上贴满开锁、办证、贷款等小广告，"
            "清理后没几天又被贴满。"
        ),
        response=(
            "鲁山县城市管理局将持续开展乱张贴乱涂画专项整治，对小广告上的电话号码依法进行追查。"
        ),
        action_taken=(
            "集中清理小广告1.2万余处；对查实的发布者依法处罚12人次；"
            "在主要路段设置便民信息张贴栏20处，引导规范发布。"
        ),
    ),
    DemoStory(
        unit="yexian",
        outlet="鹰城都市频道",
        reported_on=date(2025, 6, 18),
        headline="叶县一工地裸土未覆盖 风一吹漫天黄沙",
        link="https://tv.yingcheng-dushi.example/news/20250618-0309",
        report_summary=(
            "节目记者在叶县县城南部一处在建工地看到，大面积裸露土方没有覆盖，"
            "车辆进出未冲洗，周边道路积尘明显。"
        ),
        response="叶县城市管理局对该工地扬尘污染问题依法查处，并举一反三开展全县工地排查。",
        action_taken=(
            "责令该工地停工整改，依法罚款3万元；整改后裸土已全部覆盖，出入口安装冲洗设备；"
            "全县排查在建工地41个，督促整改问题23项。"
        ),
    ),
]


def _moment(day: date, hour: int) -> datetime:
    """A naive-UTC moment at ``hour`` o'clock Beijing time on ``day``."""
    return datetime.combine(day, time(hour)) - timedelta(hours=8)


def load_demo_media(session) -> tuple[int, int]:
    def total() -> int:
        return session.scalar(select(func.count()).select_from(MediaResponse))

    units = {unit.code: unit for unit in session.scalars(select(Unit))}
    existing = set(session.execute(select(MediaResponse.unit_id, MediaResponse.headline)).all())
    today = local_today()
    added = 0
    for story in STORIES:
        unit = units.get(story.unit)
        if unit is None or (unit.id, story.headline) in existing or story.reported_on > today:
            continue
        item = MediaResponse(
            unit=unit,
            outlet=story.outlet,
            reported_on=story.reported_on,
            headline=story.headline,
            link=story.link,
            report_summary=story.report_summary,
            response=story.response,
            action_taken=story.action_taken,
            named_persons=story.named_persons,
            status=story.status,
            created_at=_moment(story.reported_on, 9),
        )
        if story.public_id:
            item.public_id = story.public_id
        session.add(item)
        session.flush()
        added += 1
        if story.status == REVIEW:
            item.review_requested_at = _moment(min(story.reported_on + timedelta(days=2), today), 9)
        if story.status in (PUBLISHED, WITHDRAWN):
            _publish(session, item, story, today)
    session.flush()
    return added, total()


def _publish(session, item: MediaResponse, story: DemoStory, today: date) -> None:
    published_at = _moment(min(story.reported_on + timedelta(days=3), today), 10)
    current = masked_content(item)
    revisions = [(current, "", published_at)]
    if story.correction:
        earlier, reason = story.correction
        for name, text in earlier.items():  # what revision 1 said
            setattr(item, name, text)
        first = masked_content(item)
        for name in earlier:
            setattr(item, name, getattr(story, name))
        corrected_at = _moment(min(story.reported_on + timedelta(days=12), today), 15)
        revisions = [(first, "", published_at), (current, reason, corrected_at)]
    for number, (content, reason, at) in enumerate(revisions, start=1):
        session.add(
            MediaResponseRevision(
                media_response_id=item.id,
                revision_no=number,
                published_at=at,
                reason=reason,
                published_by_label=DEMO_LABEL,
                **content,
            )
        )
    item.revision_count = len(revisions)
    item.first_published_at = published_at
    item.public_updated_at = revisions[-1][2]
    if story.status == WITHDRAWN:
        item.withdrawn_at = _moment(min(story.reported_on + timedelta(days=9), today), 16)
        item.withdrawal_reason = story.withdrawal_reason
        item.public_updated_at = item.withdrawn_at
    session.add(SearchOutboxEntry(kind="media", object_id=str(item.id)))
