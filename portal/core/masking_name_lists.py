"""The word lists behind person-name detection (:mod:`portal.core.masking_names`).

Kept apart from the logic so that a reviewer can read and extend them: surnames, the cues that
announce a person, honorifics, and the words that end a place or an organisation name.
"""

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "皇甫", "令狐", "慕容", "东方", "尉迟", "长孙", "宇文",
    "司徒", "夏侯", "公孙", "轩辕", "端木", "独孤", "南宫", "西门", "澹台", "呼延", "申屠",
)  # fmt: skip

#: the ~300 most common single-character surnames (they cover well over 95 % of people)
COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝萧赖"
)

#: words right before a person's name: roles in a case, relations, jobs (longest first)
PERSON_CUES = tuple(
    sorted(
        {
            # roles in a case file
            "证人",
            "见证人",
            "当事人",
            "经营者",
            "经营户",
            "负责人",
            "法定代表人",
            "法人代表",
            "联系人",
            "委托代理人",
            "代理人",
            "监护人",
            "举报人",
            "投诉人",
            "反映人",
            "来电人",
            "来访人",
            "申请人",
            "被申请人",
            "第三人",
            "受害人",
            "被害人",
            "目击者",
            "知情人",
            "报警人",
            "报案人",
            "户主",
            "业主",
            "房东",
            "房主",
            "租户",
            "承租人",
            "出租人",
            "姓名",
            "名叫",
            "自称",
            "系",
            "名为",
            "出租给",
            "转租给",
            "租给",
            "卖给",
            "委托",
            "雇佣",
            "雇请",
            "聘请",
            "车主",
            "施工负责人",
            "现场负责人",
            "实际经营人",
            "个体工商户",
            # relations
            "其妻",
            "其夫",
            "其子",
            "其女",
            "其父",
            "其母",
            "其兄",
            "其弟",
            "其姐",
            "其妹",
            "其母亲",
            "其父亲",
            "其丈夫",
            "其妻子",
            "其儿子",
            "其女儿",
            "之妻",
            "之夫",
            "之子",
            "之女",
            "妻子",
            "丈夫",
            "儿子",
            "女儿",
            "父亲",
            "母亲",
            "家属",
            "亲属",
            "邻居",
            "同事",
            "朋友",
            "同学",
            "亲戚",
            "女婿",
            "儿媳",
            "侄子",
            "外甥",
            "孙子",
            # jobs and places of work
            "店主",
            "摊主",
            "老板",
            "老板娘",
            "店员",
            "员工",
            "雇员",
            "工人",
            "保安",
            "保洁员",
            "驾驶员",
            "司机",
            "驾驶人",
            "厨师",
            "收银员",
            "服务员",
            "合伙人",
            "股东",
            "会计",
            "出纳",
            "管理员",
            "物业经理",
            "项目经理",
            "工头",
            "包工头",
            "村民",
            "居民",
            "市民",
            "群众",
            "商户",
            "摊贩",
            "小贩",
            "网友",
            "记者",
            "受访者",
        },  # fmt: skip
        key=len,
        reverse=True,
    )
)
#: words that may stand between a cue and the name: 证人为李明, 邻居名叫王芳
CUE_LINKS = ("名叫", "叫做", "姓名为", "为", "是", "系", "叫")

#: after a surname (and maybe a given name): 王先生, 李秀英女士
HONORIFICS = (
    "先生", "女士", "师傅", "老板", "小姐", "阿姨", "大爷", "大妈", "大姐", "大哥", "老人",
    "老汉", "同学",
)  # fmt: skip

#: characters after which a name does not go on: 李明称…, 王芳在… (the given name stops)
NAME_STOP_CHARS = frozenset(
    "在称说于与和及的了是为向对被把将从等也都就已曾又还并因到未不没让叫给由跟系即均所"
    "某及或但而却则很更最再才仍共另该此其"
)

#: the last character of a place name: 新华区, 中兴路, 李村, 张庄, 王府井, 张家港
PLACE_SUFFIXES = frozenset("省市县区镇乡村庄屯寨集街路道巷弄港井桥河湖山岭坡沟湾塘岗营堡园苑里坊")
#: words that start a place or building name after a surname-led word: 张家口, 李家庄
PLACE_WORDS = (
    "小区", "社区", "花园", "广场", "大道", "大街", "公园", "家园", "新村", "市场", "大厦",
    "商场", "医院", "学校", "中学", "小学", "公寓", "家属院", "街道", "办事处", "村委会",
    "居委会",
)  # fmt: skip
#: words after a name that make it an organisation's: 王记烩面馆, 李氏商行, 张三丰五金店
ORGANISATION_WORDS = (
    "有限公司", "公司", "集团", "商行", "商店", "超市", "饭店", "酒店", "宾馆", "餐馆", "餐厅",
    "面馆", "烩面", "烧烤", "火锅", "小吃", "门市", "门店", "经营部", "批发部", "专卖店",
    "中心", "合作社", "工作室", "诊所", "药房", "药店", "百货", "五金", "建材", "装饰",
    "商贸", "物流", "汽修", "洗车", "烟酒", "粮油", "水果", "副食", "家具", "服装", "茶楼",
    "书店", "网吧", "旅馆", "浴池", "理发", "美容", "驾校", "幼儿园", "羊肉", "牛肉", "饺子",
    "包子", "早餐", "拉面", "饭庄", "酒楼", "鞋店", "水饺", "烟花",
)  # fmt: skip
#: single characters that, right after a word the tagger calls a name, make it a shop's
ORGANISATION_CHARS = ("店", "厂", "记", "氏", "馆", "行", "铺")

#: surname-led words the tagger calls names that are places, things or ordinary words
_NOT_NAMES_TEXT = """
    王府井 张家港 张家口 张家界 石家庄 李村 许昌 周口 常州 温州 江门 包头 安阳
    商丘 信阳 南阳 洛阳 开封 焦作 鹤壁 濮阳 漯河 鲁山 叶县 宝丰 郏县 汝州 舞钢
    卫东 石龙 湛河 高新 姚孟 马庄 宁波 黄山 华山 泰山 衡山 金华 吉林 长春 武汉
    何庄 韩庄 孙庄 柳州 贺州 梅州 常德 岳阳 邵阳 明港 张贴 许可 许可证 顾客
    凌云 文明 常规 万元 程序 方便 方向 于是 金额 高度 高层 高温 石材 白天 黄色
    黎明 安全 安装 关于 关闭 向阳 平安 和平 华夏 江山 龙头 毛坯 钱款 路面 宋体
    康复 车辆 车主 时间 时段 马路 牛奶 朱红 包装 施工 武装 贾鲁河 雷锋 易燃
    齐全 项目 邢台 焦点 曲阜 应急 宫殿 郝家 冯家 任务 任意 成本 成立 师傅 强调
    管理 陈述 陈列 陈旧 向东 向西 向南 向北 向前 向后 毛巾 秦岭 叶子 罗列
    袁大头 高速 高架 万一 严重 严格 温度 温馨 包括 杨柳 柳树 梅花 田野 石块
    钟表 明显 明确 常年 常见 牛羊 苗木 谷物 房屋 房间 车库 车位 商铺 商品 经营
    韩式 伍佰 白某 古城 古树 景区 党员 党委 单位 单价 时候 方式 方案 全部 全面
    应该 应当 和谐 齐心
"""
NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
