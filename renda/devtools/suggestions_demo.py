"""Pure generation of demo suggestions: no database, same seed → same texts.

:func:`build_suggestion_texts` returns plain rows (title, content, category, the
lead unit's organization code and the co-handlers' codes) for the demo city's
handling units. :mod:`renda.devtools.suggestions_seed` writes them through the
suggestion services; ``bench/assignment_accuracy.py`` trains and tests the
assignment help on them without a database.

Each policy area lists its usual lead unit and co-handlers, several title
patterns and sentences for the problem and the proposal; places come from the
demo city. Some areas share vocabulary on purpose (校园周边交通 is the police's,
校车 the education bureau's) and a small share of rows take a plausible
alternative lead, as staff's real choices do, so the assignment help is measured
on data that is not trivially separable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import demo_data as D

# fmt: off
#: Policy areas: (category, lead unit code, co-handler codes, alternative leads,
#: title patterns, problem sentences, proposal sentences). ``{place}`` is a town or
#: a district of the demo city, ``{road}`` a road name.
AREAS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("教育", "gov-education", ("gov-finance", "gov-hr"), ("gov-finance",),
     ("关于加强{place}义务教育阶段师资队伍建设的建议", "关于缓解{place}中小学教师结构性缺编的建议",
      "关于提高乡村教师待遇稳定农村教师队伍的建议"),
     ("{place}农村学校教师老龄化严重，音体美和信息技术等学科专任教师短缺。",
      "部分乡村学校教师流失明显，年轻教师留不住，教学质量与城区差距拉大。",
      "教师编制核定仍按多年前标准执行，小规模学校一人多科、超负荷工作现象普遍。"),
     ("建议按照城乡统一标准核定教职工编制，建立县域内教师编制动态调整机制。",
      "建议提高乡村教师生活补助标准，在职称评聘上向农村一线教师倾斜。",
      "建议推进县管校聘改革，促进城乡教师交流轮岗。")),
    ("教育", "gov-education", ("gov-housing", "gov-land"), ("gov-housing",),
     ("关于解决{place}学位紧张问题的建议", "关于加快{place}新建小学和幼儿园建设的建议",
      "关于新建小区配套教育设施同步交付的建议"),
     ("{place}近年新建住宅小区集中入住，适龄儿童快速增加，现有小学班额普遍超过五十人。",
      "部分小区配套幼儿园长期未移交教育部门，普惠性学位严重不足。",
      "学校建设进度滞后于人口增长，家长跨区择校、接送困难。"),
     ("建议科学预测学龄人口变化，提前规划布局中小学和幼儿园学位。",
      "建议严格落实住宅小区配套教育设施与住宅同步规划、同步建设、同步交付。",
      "建议采取新建、改扩建、集团化办学等方式扩大优质学位供给。")),
    ("教育", "gov-education", ("gov-police", "gov-transport"), ("gov-police",),
     ("关于规范{place}农村校车运营管理的建议", "关于保障农村学生上下学交通安全的建议"),
     ("{place}部分农村学校撤并后学生上学距离变远，仍有学生乘坐无资质车辆上下学。",
      "校车数量不足、车况老旧，运营补贴不到位，安全隐患较多。"),
     ("建议加大校车购置和运营补贴力度，实现农村寄宿制学校校车服务全覆盖。",
      "建议建立校车安全管理联席机制，加强驾驶人资质审核和车辆年检。")),
    ("教育", "gov-education", ("gov-health", "gov-sports"), ("gov-health",),
     ("关于加强中小学生心理健康教育的建议", "关于落实中小学生每天校内体育活动一小时的建议",
      "关于加强中小学生近视防控工作的建议"),
     ("近年来中小学生心理问题呈上升趋势，学校专职心理教师配备不足。",
      "学生课业负担较重，近视率和肥胖率居高不下，体育课时被挤占现象仍然存在。",
      "家校协同不够，对有心理危机的学生缺少早发现、早干预机制。"),
     ("建议每所中小学至少配备一名专职心理健康教师，建立学生心理健康档案。",
      "建议开足开齐体育课，保障学生每天校内外各一小时体育活动时间。",
      "建议建立医校协同机制，定期开展视力筛查和心理健康测评。")),
    ("交通", "gov-transport", ("gov-police", "gov-housing"), ("gov-police", "gov-urban"),
     ("关于优化{place}公交线路和站点设置的建议", "关于开通{place}至市区公交专线的建议",
      "关于推进城乡公交一体化的建议"),
     ("{place}居民出行主要依靠公交，但线路少、发车间隔长，早晚高峰候车时间超过半小时。",
      "部分公交站点设置不合理，换乘距离远，老年人和学生出行不便。",
      "城乡公交票价和服务标准不统一，乡镇末班车时间过早。"),
     ("建议根据客流变化优化线路，加密高峰时段班次，延长末班车运营时间。",
      "建议在大型居住区、学校和医院附近增设公交站点和港湾式停靠站。",
      "建议推进城乡公交一体化，统一票价和服务标准。")),
    ("交通", "gov-transport", ("gov-finance", "gov-agriculture"), ("gov-agriculture",),
     ("关于加快{place}农村公路提档升级的建议", "关于修缮{place}{road}破损路面的建议",
      "关于加强农村公路养护管理的建议"),
     ("{place}{road}建成年代较早，路面坑洼、路基沉陷，雨天积水严重，群众出行困难。",
      "部分农村公路路面窄、会车难，缺少安全防护设施，交通事故时有发生。",
      "农村公路养护资金不足，重建轻养问题突出。"),
     ("建议将{road}列入年度农村公路提档升级计划，尽快实施拓宽改造。",
      "建议落实农村公路管护资金，建立县乡村三级路长制。",
      "建议在急弯陡坡和临水临崖路段增设护栏和警示标志。")),
    ("交通", "gov-police", ("gov-transport", "gov-education"), ("gov-transport",),
     ("关于治理{place}学校周边交通拥堵的建议", "关于在{road}路口增设红绿灯的建议",
      "关于加强电动自行车交通安全管理的建议"),
     ("上下学高峰期{place}学校周边车辆乱停乱放，道路拥堵，学生安全存在隐患。",
      "{road}与主干道交叉口车流量大，没有信号灯，行人过街十分危险。",
      "电动自行车闯红灯、逆行、不戴头盔现象普遍，交通事故占比较高。"),
     ("建议在学校周边设置临时停车区和护学岗，高峰时段增派交警疏导。",
      "建议在{road}路口增设交通信号灯和人行横道，完善交通标线。",
      "建议加大电动自行车交通违法查处力度，开展安全头盔专项行动。")),
    ("交通", "gov-urban", ("gov-police", "gov-housing"), ("gov-police", "gov-transport"),
     ("关于缓解{place}老旧小区停车难的建议", "关于规范共享单车停放管理的建议",
      "关于增设{place}公共停车场的建议"),
     ("{place}老旧小区停车位严重不足，车辆占用消防通道和人行道停放。",
      "共享单车投放过量、乱停乱放，占用盲道和公交站台。",
      "医院、商圈周边停车泊位紧张，车辆排队进场造成道路拥堵。"),
     ("建议利用边角地、闲置地建设立体停车场，推行错时共享停车。",
      "建议实行共享单车总量控制和电子围栏管理，落实企业运维责任。",
      "建议科学施划路内停车泊位，推广智慧停车系统。")),
    ("医疗卫生", "gov-health", ("gov-medical-insurance", "gov-finance"), ("gov-medical-insurance",),
     ("关于加强{place}基层医疗卫生服务能力建设的建议", "关于推进紧密型县域医共体建设的建议",
      "关于解决乡村医生队伍后继乏人问题的建议"),
     ("{place}乡镇卫生院设备陈旧、专业人才缺乏，群众小病也要往城里大医院跑。",
      "村卫生室乡村医生年龄普遍偏大，收入偏低，年轻人不愿从事。",
      "基层首诊、双向转诊落实不到位，城市大医院人满为患。"),
     ("建议加大对乡镇卫生院和村卫生室的投入，推动优质医疗资源下沉。",
      "建议落实乡村医生补助和养老保障政策，定向培养基层医学人才。",
      "建议推进县域医共体建设，完善分级诊疗和双向转诊机制。")),
    ("医疗卫生", "gov-medical-insurance", ("gov-health", "gov-finance"), ("gov-health",),
     ("关于扩大门诊慢特病医保报销范围的建议", "关于推进异地就医直接结算的建议",
      "关于提高城乡居民医保报销比例的建议"),
     ("高血压、糖尿病等慢性病患者长期用药负担较重，门诊报销比例偏低。",
      "异地就医备案手续繁琐，部分定点医疗机构尚未开通直接结算。",
      "城乡居民医保个人缴费逐年上涨，部分困难群众参保意愿下降。"),
     ("建议将更多慢性病纳入门诊慢特病保障范围，提高报销比例。",
      "建议简化异地就医备案流程，扩大跨省直接结算定点医疗机构覆盖面。",
      "建议对困难群众参保给予分类资助，确保应保尽保。")),
    ("医疗卫生", "gov-health", ("gov-civil", "gov-medical-insurance"), ("gov-civil",),
     ("关于推进医养结合服务的建议", "关于加强{place}社区卫生服务中心建设的建议",
      "关于完善院前急救体系的建议"),
     ("{place}失能半失能老人增多，养老机构缺少医疗服务，医院又难以长期照护。",
      "社区卫生服务中心服务能力有限，家庭医生签约服务流于形式。",
      "急救站点布局不均衡，偏远乡镇急救车到达时间过长。"),
     ("建议鼓励医疗机构与养老机构签约合作，发展医养结合服务。",
      "建议提升家庭医生签约服务质量，为老年人和慢性病患者提供上门服务。",
      "建议优化急救站点布局，缩短急救反应时间。")),
    ("城乡建设", "gov-housing", ("gov-finance", "unit-gas", "unit-water"), ("gov-finance",),
     ("关于加快{place}老旧小区改造的建议", "关于老旧小区加装电梯的建议",
      "关于解决{place}老旧小区雨污管网混接问题的建议"),
     ("{place}部分老旧小区建于上世纪八九十年代，管网老化、墙体渗漏，居民改造意愿强烈。",
      "老旧小区多为六层以下住宅，没有电梯，老年居民上下楼十分困难。",
      "小区供水、燃气管道锈蚀，存在跑冒滴漏和安全隐患。"),
     ("建议将{place}老旧小区纳入年度改造计划，同步实施管网更新和外墙保温。",
      "建议简化加装电梯审批流程，加大财政补贴力度。",
      "建议统筹水电气暖等专营单位同步进场施工，避免反复开挖。")),
    ("城乡建设", "gov-housing", ("gov-land", "gov-market"), ("gov-land",),
     ("关于加强商品房交付质量监管的建议", "关于解决{place}住宅小区办证难问题的建议",
      "关于规范物业服务管理的建议"),
     ("部分新建商品房交付时存在墙体开裂、渗漏等质量问题，业主维权困难。",
      "{place}部分小区因开发商原因多年无法办理不动产权证书。",
      "物业服务收费与服务质量不匹配，业主委员会成立难、运转难。"),
     ("建议加强商品房质量监督，建立分户验收和质量保证金制度。",
      "建议对历史遗留办证难问题分类处置，尽快为群众办理产权证书。",
      "建议出台物业服务标准，加强对物业企业的信用考核。")),
    ("城乡建设", "gov-housing", ("gov-finance", "gov-civil"), ("gov-civil",),
     ("关于扩大保障性租赁住房供给的建议", "关于解决新市民和青年人住房困难的建议"),
     ("新市民、青年人租房成本高，保障性租赁住房房源少、位置偏。",
      "公租房申请条件和审核流程复杂，轮候时间过长。"),
     ("建议加大保障性租赁住房建设筹集力度，优先布局在产业园区和交通便利地段。",
      "建议简化公租房申请审核流程，实行动态管理。")),
    ("生态环保", "gov-ecology", ("gov-water", "gov-agriculture"), ("gov-water",),
     ("关于加强{place}河道水污染治理的建议", "关于加快{place}农村生活污水治理的建议",
      "关于保护饮用水水源地的建议"),
     ("{place}境内河道沿线存在生活污水直排和畜禽养殖废水污染，水体黑臭。",
      "农村生活污水处理设施建成后运行不正常，部分设施长期闲置。",
      "饮用水水源保护区内仍有违规养殖和建设项目。"),
     ("建议开展河道综合整治，截污纳管，落实河长制巡查责任。",
      "建议建立农村污水处理设施第三方运维机制，确保正常运行。",
      "建议依法清理水源保护区内违规项目，加强水质监测预警。")),
    ("生态环保", "gov-ecology", ("gov-industry", "gov-police"), ("gov-industry",),
     ("关于加强{place}工业园区大气污染防治的建议", "关于治理餐饮油烟和噪声扰民的建议",
      "关于加强秸秆禁烧和扬尘管控的建议"),
     ("{place}工业园区部分企业废气排放异味明显，周边居民反映强烈。",
      "城区部分餐饮店油烟直排、夜间噪声扰民，投诉多年未解决。",
      "建筑工地扬尘管控不到位，秋冬季节秸秆焚烧影响空气质量。"),
     ("建议对园区重点排污企业安装在线监测设备，加大执法检查力度。",
      "建议督促餐饮单位安装油烟净化设施，加强夜间噪声执法。",
      "建议落实工地扬尘防治六个百分之百要求，推进秸秆综合利用。")),
    ("生态环保", "gov-urban", ("gov-ecology", "gov-finance"), ("gov-housing",),
     ("关于推进生活垃圾分类工作的建议", "关于建设{place}垃圾中转站的建议",
      "关于提升农村人居环境整治水平的建议"),
     ("生活垃圾分类投放设施不足，居民分类意识不强，混收混运现象普遍。",
      "{place}垃圾中转站容量不足，垃圾清运不及时，夏季异味严重。",
      "农村垃圾收运体系不健全，河边沟渠垃圾堆积。"),
     ("建议完善垃圾分类投放、收集、运输、处理体系，加强宣传引导。",
      "建议在{place}新建一座垃圾中转站，增加清运频次。",
      "建议健全村收集、镇转运、县处理的农村垃圾收运体系。")),
    ("社会保障", "gov-hr", ("gov-finance", "gov-civil"), ("gov-civil",),
     ("关于提高城乡居民基础养老金标准的建议", "关于扩大灵活就业人员社会保险覆盖面的建议",
      "关于解决被征地农民养老保障问题的建议"),
     ("城乡居民基础养老金水平偏低，难以满足农村老年人基本生活需要。",
      "外卖骑手、网约车司机等灵活就业人员参加社会保险比例较低。",
      "部分被征地农民社会保障资金未落实到位，养老待遇偏低。"),
     ("建议建立城乡居民基础养老金正常调整机制，逐步提高待遇水平。",
      "建议放开灵活就业人员在就业地参保的户籍限制，推行职业伤害保障。",
      "建议足额落实被征地农民社会保障资金，妥善解决历史遗留问题。")),
    ("社会保障", "gov-hr", ("gov-education", "gov-commerce"), ("gov-education",),
     ("关于促进高校毕业生就业创业的建议", "关于加强职业技能培训的建议",
      "关于治理拖欠农民工工资问题的建议"),
     ("高校毕业生就业压力大，本地企业岗位与毕业生专业匹配度不高。",
      "技能人才短缺，企业招工难与劳动者就业难并存。",
      "部分建设工程项目拖欠农民工工资，农民工维权成本高。"),
     ("建议搭建校企对接平台，开发更多适合高校毕业生的就业岗位。",
      "建议推行企业新型学徒制，加大职业技能培训补贴力度。",
      "建议落实工资专户和工资保证金制度，加大欠薪查处力度。")),
    ("民政", "gov-civil", ("gov-health", "gov-finance"), ("gov-health",),
     ("关于加快{place}居家社区养老服务设施建设的建议", "关于发展老年助餐服务的建议",
      "关于加强农村留守老人关爱服务的建议"),
     ("{place}老龄化程度已超过百分之二十，社区养老服务设施覆盖率低。",
      "独居和高龄老人吃饭难问题突出，老年食堂数量少、运营难以持续。",
      "农村留守老人缺乏日常照料和精神慰藉，意外风险较高。"),
     ("建议在每个街道建设综合养老服务中心，社区建设日间照料中心。",
      "建议对老年助餐点给予建设和运营补贴，鼓励社会力量参与。",
      "建议建立农村留守老人定期探访制度，发展互助养老。")),
    ("民政", "gov-civil", ("gov-finance", "gov-hr"), ("gov-hr",),
     ("关于加强困难群众基本生活保障的建议", "关于完善残疾人帮扶政策的建议",
      "关于加强困境儿童关爱保护的建议"),
     ("低保认定标准和程序不够透明，部分困难家庭未能及时纳入保障。",
      "重度残疾人康复和托养服务机构少，家庭照护负担重。",
      "困境儿童和事实无人抚养儿童的发现报告机制不健全。"),
     ("建议健全低收入人口动态监测和常态化救助帮扶机制。",
      "建议提高残疾人两项补贴标准，发展残疾人托养服务。",
      "建议落实困境儿童分类保障政策，配齐村居儿童主任。")),
    ("公共安全", "gov-police", ("gov-justice", "gov-market"), ("gov-justice",),
     ("关于加强电信网络诈骗防范工作的建议", "关于加强{place}社会治安防控的建议",
      "关于推进公安政务服务便民化的建议"),
     ("电信网络诈骗案件高发，老年人和学生群体受骗比例较高。",
      "{place}城乡结合部流动人口多，夜间治安状况较差，监控覆盖不足。",
      "户籍、出入境等业务办理仍需多次跑腿，部分事项不能网上办。"),
     ("建议加强反诈宣传进社区、进校园，建立涉诈预警劝阻机制。",
      "建议在{place}重点区域增设视频监控和治安岗亭，加强夜间巡逻。",
      "建议推行公安政务服务一网通办，扩大跨省通办事项。")),
    ("公共安全", "gov-emergency", ("gov-police", "gov-housing"), ("gov-housing",),
     ("关于加强{place}高层建筑消防安全管理的建议", "关于加强安全生产监管的建议",
      "关于完善城市防汛排涝应急体系的建议"),
     ("{place}高层住宅消防设施老化失修，消防通道被占用现象普遍。",
      "部分小微企业安全生产主体责任落实不到位，隐患排查流于形式。",
      "汛期城区多处路段积水严重，应急抢险物资和队伍不足。"),
     ("建议开展高层建筑消防安全专项整治，落实物业消防管理责任。",
      "建议加强安全生产执法检查，推行企业安全风险分级管控。",
      "建议完善防汛应急预案，加强易涝点改造和应急物资储备。")),
    ("公共安全", "gov-market", ("gov-health", "gov-education"), ("gov-health",),
     ("关于加强校园食品安全监管的建议", "关于加强农贸市场食品安全监管的建议",
      "关于整治预付式消费乱象的建议"),
     ("部分学校食堂和校外配餐单位食品安全管理不规范，存在隐患。",
      "农贸市场农药残留快检能力不足，食品来源难以追溯。",
      "健身、美容、教培机构预付卡经营者跑路事件频发，消费者维权难。"),
     ("建议推行明厨亮灶，落实学校负责人陪餐制度。",
      "建议在农贸市场设立快检室，建立食用农产品追溯体系。",
      "建议建立预付资金监管制度，加强对预付式消费的执法检查。")),
    ("农业农村", "gov-agriculture", ("gov-finance", "gov-commerce"), ("gov-commerce",),
     ("关于发展{place}特色农业产业的建议", "关于促进农村电商发展的建议",
      "关于支持家庭农场和农民合作社发展的建议"),
     ("{place}特色农产品品牌知名度不高，产业链短，附加值低。",
      "农村物流配送体系不完善，农产品上行成本高。",
      "新型农业经营主体融资难、用地难，抗风险能力弱。"),
     ("建议扶持{place}特色农产品品牌建设，发展农产品精深加工。",
      "建议完善县乡村三级物流体系，支持农产品电商直播销售。",
      "建议加大对家庭农场和合作社的金融保险支持。")),
    ("农业农村", "gov-agriculture", ("gov-water", "gov-land"), ("gov-water", "gov-land"),
     ("关于加强{place}高标准农田建设的建议", "关于加强农田水利设施维护的建议",
      "关于遏制耕地撂荒的建议"),
     ("{place}部分农田灌溉渠道年久失修，旱涝保收能力差。",
      "高标准农田建成后管护责任不明确，设施损毁无人维修。",
      "农村青壮年劳动力外出务工，部分耕地撂荒。"),
     ("建议将{place}纳入高标准农田建设项目，配套完善灌排设施。",
      "建议明确农田水利设施管护主体，落实管护资金。",
      "建议推进土地流转和农业社会化服务，遏制耕地撂荒。")),
    ("城市管理", "gov-urban", ("gov-housing", "gov-market"), ("gov-housing",),
     ("关于规范{place}占道经营和流动摊贩管理的建议", "关于加强城市照明设施维护的建议",
      "关于整治城市违法建设的建议"),
     ("{place}主要街道占道经营、流动摊贩现象突出，影响通行和市容。",
      "部分道路路灯损坏长期未修，夜间出行存在安全隐患。",
      "部分小区违法搭建、私搭乱建屡禁不止。"),
     ("建议合理设置便民疏导点，实行占道经营疏堵结合。",
      "建议建立路灯巡查维修机制，及时修复损坏的照明设施。",
      "建议加大违法建设查处力度，建立发现、制止、拆除的快速机制。")),
    ("城市管理", "unit-water", ("gov-housing", "gov-water"), ("gov-water",),
     ("关于解决{place}供水水压不足问题的建议", "关于加快城乡供水一体化的建议"),
     ("{place}高峰时段自来水水压不足，高层住户经常停水。",
      "部分农村地区仍使用分散式小水厂供水，水质不稳定。"),
     ("建议改造{place}供水管网，增设二次供水加压设施。",
      "建议推进城乡供水一体化，实现城乡同网同质同价。")),
    ("城市管理", "unit-power", ("gov-development", "gov-housing"), ("gov-development",),
     ("关于改造{place}农村电网的建议", "关于增设新能源汽车充电桩的建议"),
     ("{place}农村电网线路老化，用电高峰时段电压不稳，经常停电。",
      "小区和公共停车场充电桩数量不足，新能源汽车车主充电难。"),
     ("建议加快{place}农村电网升级改造，提高供电可靠性。",
      "建议将充电设施纳入城市规划，推进居住区充电桩建设。")),
    ("城市管理", "unit-gas", ("gov-housing", "gov-emergency"), ("gov-emergency",),
     ("关于推进{place}管道天然气入户的建议", "关于加强燃气安全管理的建议"),
     ("{place}部分小区和城中村尚未通管道天然气，居民使用瓶装液化气存在隐患。",
      "燃气用户安全意识薄弱，燃气管道老化，入户安检覆盖不全。"),
     ("建议加快{place}燃气管网建设，推进管道天然气进村入户。",
      "建议开展燃气安全专项整治，推广安装燃气泄漏报警装置。")),
    ("经济发展", "gov-industry", ("gov-finance", "gov-science"), ("gov-science", "gov-development"),
     ("关于支持中小企业专精特新发展的建议", "关于推动{place}制造业数字化转型的建议",
      "关于优化工业园区配套服务的建议"),
     ("中小企业融资难、融资贵问题依然突出，研发投入不足。",
      "{place}传统制造企业数字化水平低，缺少技术和人才支撑。",
      "工业园区道路、污水处理、员工宿舍等配套设施不完善。"),
     ("建议设立中小企业发展专项资金，加大专精特新企业培育力度。",
      "建议对企业智能化改造给予补助，建设工业互联网服务平台。",
      "建议完善园区基础设施和生活配套，提升园区承载能力。")),
    ("经济发展", "gov-approval", ("gov-market", "gov-data"), ("gov-market", "gov-data"),
     ("关于持续优化营商环境的建议", "关于推进政务服务一网通办的建议",
      "关于压缩工程建设项目审批时间的建议"),
     ("企业开办和项目审批环节多、材料多，部门之间数据不共享。",
      "政务服务网上办理事项多但实际可办率不高，群众仍需线下跑。",
      "工程建设项目审批涉及部门多，审批时限长。"),
     ("建议推行一件事一次办，打通部门数据壁垒。",
      "建议提升政务服务平台好办易办水平，推广电子证照应用。",
      "建议推行区域评估和告知承诺制，压缩审批时间。")),
    ("经济发展", "gov-commerce", ("gov-market", "gov-culture"), ("gov-culture",),
     ("关于促进{place}夜间经济发展的建议", "关于提振消费的建议",
      "关于改造提升{place}传统商业街区的建议"),
     ("{place}商业街区业态单一，夜间消费场景少，人气不旺。",
      "居民消费意愿不强，消费券等促消费政策覆盖面窄。",
      "传统商业街区设施陈旧，停车难，缺乏特色。"),
     ("建议打造夜间经济集聚区，丰富夜间消费业态。",
      "建议持续开展促消费活动，扩大消费券发放范围。",
      "建议对传统商业街区实施改造提升，引入特色品牌。")),
    ("文化旅游", "gov-culture", ("gov-finance", "gov-housing"), ("gov-housing",),
     ("关于加强{place}历史文化遗产保护的建议", "关于发展{place}乡村旅游的建议",
      "关于完善基层公共文化服务设施的建议"),
     ("{place}部分文物保护单位和历史建筑年久失修，保护利用不足。",
      "乡村旅游产品同质化，基础设施和配套服务跟不上。",
      "乡镇综合文化站和农家书屋利用率低，活动内容单一。"),
     ("建议设立历史文化遗产保护专项资金，开展文物保护修缮。",
      "建议统筹规划乡村旅游线路，完善旅游厕所、停车场等配套设施。",
      "建议丰富基层公共文化活动，推进图书馆文化馆总分馆制建设。")),
    ("文化旅游", "gov-sports", ("gov-housing", "gov-education"), ("gov-education",),
     ("关于增加{place}全民健身场地设施的建议", "关于推动学校体育场馆向社会开放的建议"),
     ("{place}居民健身场地不足，健身路径器材老化损坏。",
      "学校体育场馆节假日闲置，社会开放程度低。"),
     ("建议利用城市边角地建设口袋公园和健身场地。",
      "建议制定学校体育场馆开放管理办法，给予开放学校补助。")),
    ("其他", "gov-veterans", ("gov-hr", "gov-civil"), ("gov-hr",),
     ("关于加强退役军人就业创业服务的建议", "关于完善退役军人服务保障体系的建议"),
     ("部分退役军人就业技能单一，就业渠道窄。",
      "基层退役军人服务站人员力量不足，服务保障不到位。"),
     ("建议开展退役军人适应性培训和职业技能培训，拓宽就业渠道。",
      "建议加强基层退役军人服务站建设，配齐专职工作人员。")),
    ("其他", "gov-justice", ("gov-police", "gov-civil"), ("gov-police",),
     ("关于加强基层公共法律服务的建议", "关于加强人民调解工作的建议"),
     ("基层群众获取法律服务渠道有限，村居法律顾问作用发挥不充分。",
      "邻里纠纷、婚姻家庭纠纷增多，基层人民调解员专业能力不足。"),
     ("建议完善公共法律服务体系，推动村居法律顾问常态化服务。",
      "建议加强人民调解员队伍建设，落实以案定补政策。")),
)
ROADS = ("人民路", "建设路", "解放路", "长江路", "黄河路", "中山路", "新华路", "和平路", "光明路",
         "迎宾大道", "滨河路", "工业大道", "文化路", "北环路", "南环路", "东风路", "胜利街", "青年路")
OPENINGS = (
    "群众反映强烈，", "本人在走访选民中了解到，", "经调研发现，", "据选民反映，", "在代表小组活动中了解到，",
    "近年来，", "当前，", "据了解，",
)
CLOSINGS = (
    "以上建议，请有关部门研究办理。", "恳请予以重视并尽快解决。", "希望相关部门统筹推进，切实解决群众急难愁盼问题。",
    "建议有关部门加强协调，形成工作合力。", "",
)
#: Share of rows whose lead is one of the area's alternative leads.
ALTERNATIVE_LEAD_SHARE = 0.08
# fmt: on


@dataclass(frozen=True)
class SuggestionText:
    """One generated suggestion: text, category and the units that handled it."""

    title: str
    content: str
    category: str
    lead: str
    co_handlers: tuple[str, ...]
    area: int


def _place(rng: random.Random) -> str:
    district = rng.choice(list(D.TOWNS))
    if rng.random() < 0.4:
        return district
    return district + rng.choice(D.TOWNS[district])


def _one(rng: random.Random, index: int) -> SuggestionText:
    area_no = index % len(AREAS) if index < len(AREAS) else rng.randrange(len(AREAS))
    category, lead, co, alternatives, titles, problems, proposals = AREAS[area_no]
    place, road = _place(rng), rng.choice(ROADS)
    fill = {"place": place, "road": road}
    title = rng.choice(titles).format(**fill)
    body = [rng.choice(OPENINGS) + rng.choice(problems).format(**fill)]
    extra = [p for p in problems if p.format(**fill) not in body[0]]
    if extra and rng.random() < 0.6:
        body.append(rng.choice(extra).format(**fill))
    picked = rng.sample(proposals, k=rng.randint(1, min(3, len(proposals))))
    body.extend(f"{n}.{p.format(**fill)}" for n, p in enumerate(picked, start=1))
    closing = rng.choice(CLOSINGS)
    if closing:
        body.append(closing)
    if alternatives and rng.random() < ALTERNATIVE_LEAD_SHARE:
        alt = rng.choice(alternatives)
        co_handlers = tuple(c for c in (lead, *co) if c != alt)
        lead = alt
    else:
        co_handlers = tuple(co)
    co_handlers = (
        co_handlers[: rng.randint(0, len(co_handlers))] if rng.random() < 0.3 else co_handlers
    )
    return SuggestionText(
        title=title,
        content="\n".join(body),
        category=category,
        lead=lead,
        co_handlers=co_handlers,
        area=area_no,
    )


def build_suggestion_texts(count: int, *, seed: int = D.DEFAULT_SEED) -> list[SuggestionText]:
    """Return ``count`` suggestions for ``seed``; every policy area appears at least once."""
    rng = random.Random(f"suggestions-{seed}")
    return [_one(rng, i) for i in range(count)]


def unit_codes() -> set[str]:
    """Return the organization codes of every unit the generated texts name."""
    codes: set[str] = set()
    for _category, lead, co, alternatives, *_rest in AREAS:
        codes.update((lead, *co, *alternatives))
    return codes
