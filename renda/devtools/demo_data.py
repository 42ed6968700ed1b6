"""Fixed data behind the demo city 清河市: names, places, units and the demo accounts.

Everything here is fictional. The shares in :data:`OCCUPATION_COUNTS` follow common
practice for a city congress (rules S20, S21, S28 and §8.15 in ``rules.md``) and stay
inside the thresholds the composition page checks.
"""

from __future__ import annotations

import datetime as dt

# fmt: off
CITY_NAME = "清河市"
CITY_NAME_EN = "Qinghe City (fictional)"
CITY_POPULATION = 3_200_000

TERM_NUMBER = 17
TERM_START = dt.date(2022, 1, 10)
TERM_END = dt.date(2027, 1, 9)
DEFAULT_SEED = 2022

#: Deputies of the congress by occupation category (450 in all).
#: Leading cadres 30% (S20 limit 1/3), workers 12%, farmers 10%, professionals 25%,
#: military 3%, other 20%.
OCCUPATION_COUNTS = {
    "leading_cadre": 135,
    "worker": 54,
    "farmer": 45,
    "professional": 112,
    "military": 14,
    "other": 90,
}
DEPUTY_COUNT = sum(OCCUPATION_COUNTS.values())
#: Re-elected deputies: 40% (S21 floor 1/3).
REELECTED_COUNT = 180
#: Share of women by category; about 27% overall.
WOMEN_SHARE = {
    "leading_cadre": 0.18,
    "worker": 0.30,
    "farmer": 0.30,
    "professional": 0.35,
    "military": 0.10,
    "other": 0.30,
}
MINORITY_SHARE = 0.08
MINORITIES = (("回族", 30), ("满族", 25), ("蒙古族", 15), ("壮族", 10), ("朝鲜族", 8), ("土家族", 7), ("苗族", 5))
MONGOLIAN_NAMES = (
    "巴特尔", "乌云", "其木格", "苏和", "那顺", "格日勒", "斯琴", "额尔敦", "宝音", "萨仁",
    "朝鲁", "阿拉坦", "敖登", "图雅", "巴雅尔",
)

#: Surnames weighted roughly by their frequency in the national population (per mille).
SURNAMES = (
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 45), ("杨", 31), ("赵", 20), ("黄", 19),
    ("周", 18), ("吴", 16), ("徐", 13), ("孙", 12), ("胡", 12), ("朱", 11), ("高", 10), ("林", 10),
    ("何", 9), ("郭", 9), ("马", 9), ("罗", 8), ("梁", 7), ("宋", 7), ("郑", 6), ("谢", 6), ("韩", 6),
    ("唐", 5), ("冯", 5), ("于", 5), ("董", 5), ("肖", 5), ("程", 5), ("曹", 4), ("袁", 4), ("邓", 4),
    ("许", 4), ("傅", 4), ("沈", 4), ("曾", 4), ("彭", 4), ("吕", 3), ("苏", 3), ("卢", 3), ("蒋", 3),
    ("蔡", 3), ("贾", 3), ("丁", 3), ("魏", 3), ("薛", 3), ("叶", 3), ("闫", 2), ("余", 2), ("潘", 2),
    ("杜", 2), ("戴", 2), ("夏", 2), ("钟", 2), ("汪", 2), ("田", 2), ("任", 2), ("姜", 2), ("范", 2),
    ("方", 2), ("石", 2), ("姚", 2), ("谭", 1), ("廖", 1), ("邹", 1), ("熊", 1), ("金", 1), ("陆", 1),
    ("郝", 1), ("孔", 1), ("白", 1), ("崔", 1), ("康", 1), ("毛", 1), ("邱", 1), ("秦", 1), ("江", 1),
    ("史", 1), ("顾", 1), ("侯", 1), ("邵", 1), ("孟", 1), ("龙", 1), ("万", 1), ("段", 1), ("雷", 1),
    ("钱", 1), ("汤", 1), ("尹", 1), ("黎", 1), ("易", 1), ("常", 1), ("武", 1), ("乔", 1), ("贺", 1),
)

#: Characters of given names; "classic" for people born before 1980, "modern" after.
GIVEN_MALE_CLASSIC = "国建军明华伟强平志勇刚东海林立新文红兵德永庆春祥荣成忠跃卫胜光辉振兴宏斌涛峰"
GIVEN_MALE_MODERN = "浩宇杰磊鹏超飞鑫俊凯晨阳博哲豪嘉诚旭睿轩昊然涛斌峰毅航文明宁"
GIVEN_FEMALE_CLASSIC = "秀英丽芳敏静红梅玲艳霞娟华萍兰凤琴桂珍云莉燕春玉翠红丽"
GIVEN_FEMALE_MODERN = "婷雪慧颖琳洁倩璐欣怡佳晶丹薇悦瑶雅楠蕾莹露妍晓敏静娜"

#: Delegations: (code, district, weight by population, rural?).
DELEGATIONS = (
    ("del-dongcheng", "东城区", 11, False),
    ("del-xicheng", "西城区", 10, False),
    ("del-nanhu", "南湖区", 9, False),
    ("del-beishan", "北山区", 8, True),
    ("del-hekou", "河口区", 7, True),
    ("del-linjiang", "临江县", 9, True),
    ("del-qingyuan", "清源县", 8, True),
    ("del-pingan", "平安县", 7, True),
    ("del-qingshi", "青石县", 6, True),
    ("del-baiyun", "白云县", 5, True),
    ("del-hudong", "湖东区", 4, False),
)
MILITARY_DELEGATION = ("del-pla", "解放军")
DISTRICT_EN = {
    "东城区": "Dongcheng District", "西城区": "Xicheng District", "南湖区": "Nanhu District",
    "北山区": "Beishan District", "河口区": "Hekou District", "临江县": "Linjiang County",
    "清源县": "Qingyuan County", "平安县": "Ping'an County", "青石县": "Qingshi County",
    "白云县": "Baiyun County", "湖东区": "Hudong District",
}

#: Towns and subdistricts of each district.
TOWNS = {
    "东城区": ("东华街道", "文昌街道", "安定街道", "朝阳街道"),
    "西城区": ("西关街道", "鼓楼街道", "新华街道", "长乐街道"),
    "南湖区": ("湖滨街道", "南苑街道", "莲塘镇", "望湖镇"),
    "北山区": ("北关街道", "山口镇", "柳林镇", "石门镇"),
    "河口区": ("河口街道", "渡口镇", "沙洲镇", "新河镇"),
    "临江县": ("城关镇", "江北镇", "大坝镇", "临泉镇"),
    "清源县": ("清源镇", "桃源镇", "马坊乡", "东岭乡"),
    "平安县": ("平安镇", "安乐镇", "黄土乡", "杨柳乡"),
    "青石县": ("青石镇", "白沙镇", "龙潭乡", "松岭乡"),
    "白云县": ("白云镇", "云台镇", "高家乡", "石桥乡"),
    "湖东区": ("创新街道", "科技城街道", "东湖街道", "智谷街道"),
}
VILLAGE_STEMS = ("前进", "红旗", "新华", "太平", "和平", "团结", "东风", "胜利", "光明", "永安",
                 "兴隆", "丰收", "幸福", "长青", "金星", "杏花", "桃园", "柳河", "石桥", "马家")

EMPLOYERS_INDUSTRY = (
    "清河钢铁集团有限公司", "清河重型机械股份有限公司", "国网清河供电公司", "清河纺织集团有限公司",
    "清河港务集团有限公司", "清河化工股份有限公司", "清河汽车制造有限公司", "清河公共交通集团",
    "清河水务集团有限公司", "中铁十局清河分公司", "清河煤业集团有限公司", "清河食品有限公司",
    "清河建工集团有限公司", "清河电子科技有限公司",
)
WORKER_JOBS = ("一线工人", "班组长", "高级技师", "车间主任", "焊工", "电工", "装配工", "驾驶员",
               "巡检工", "钳工", "质检员", "数控机床操作工")
PROFESSIONAL_PLACES = (
    ("清河大学机械工程学院", ("教授", "副教授")),
    ("清河大学经济管理学院", ("教授", "副教授")),
    ("清河大学法学院", ("教授", "副教授")),
    ("清河大学信息工程学院", ("教授", "讲师")),
    ("清河医学院附属医院", ("主任医师", "副主任医师", "护士长")),
    ("清河市第一人民医院", ("主任医师", "副主任医师", "护士长")),
    ("清河市中医院", ("主任医师", "副主任医师")),
    ("清河市妇幼保健院", ("主任医师", "护士长")),
    ("清河市第一中学", ("高级教师", "教师")),
    ("清河市实验中学", ("高级教师", "教师")),
    ("清河市实验小学", ("高级教师", "教师")),
    ("清河职业技术学院", ("副教授", "高级讲师")),
    ("清河市农业科学研究院", ("研究员", "副研究员")),
    ("清河市规划设计研究院", ("高级工程师", "高级规划师")),
    ("清河正信律师事务所", ("主任律师", "律师")),
    ("清河明德会计师事务所", ("注册会计师",)),
    ("清河电子科技有限公司研发中心", ("高级工程师",)),
)
OTHER_JOBS = (
    "{company}董事长", "{company}总经理", "{district}{town}社区居委会主任", "{district}{town}社区党委书记",
    "{district}个体工商户", "{district}工商业联合会副会长", "{district}{town}便民服务中心工作人员",
    "清河快递物流有限公司快递员", "{company}党委书记", "{district}志愿者协会会长",
)
PRIVATE_COMPANIES = ("宏达", "鑫源", "恒通", "金桥", "远航", "华盛", "永昌", "瑞丰", "天成", "绿源",
                     "嘉禾", "中兴", "祥瑞", "博远")
PRIVATE_INDUSTRIES = ("实业有限公司", "建材有限公司", "农业科技有限公司", "物流有限公司",
                      "食品有限公司", "新材料股份有限公司", "置业有限公司", "电子有限公司")
MILITARY_JOBS = (
    "清河军分区司令员", "清河军分区政治委员", "武警清河支队支队长", "武警清河支队政治委员",
    "陆军某旅旅长", "陆军某旅政治委员", "陆军某旅某营营长", "陆军某旅某连连长", "陆军某旅四级军士长",
    "陆军某旅军医", "清河军分区保障处处长", "武警清河支队某中队中队长", "陆军某旅一级上士", "陆军某旅参谋长",
)
#: Posts of a district or county leadership that its cadre deputies hold.
CADRE_DISTRICT_JOBS = (
    "中共{district}委员会书记", "{district}人民政府{head}", "{district}人大常委会主任",
    "政协{district}委员会主席", "中共{district}委员会副书记", "{district}人民政府副{head}",
    "中共{district}委员会组织部部长",
)
CADRE_TOWN_JOBS = ("{district}{town}党{body}书记", "{district}{town}{town_head}")

#: Government departments: (code, name, English name, head's title).
DEPARTMENTS = (
    ("gov-office", "人民政府办公室", "General Office of the Government", "主任"),
    ("gov-development", "发展和改革委员会", "Development and Reform Commission", "主任"),
    ("gov-education", "教育局", "Education Bureau", "局长"),
    ("gov-science", "科学技术局", "Science and Technology Bureau", "局长"),
    ("gov-industry", "工业和信息化局", "Industry and Information Technology Bureau", "局长"),
    ("gov-ethnic", "民族宗教事务局", "Ethnic and Religious Affairs Bureau", "局长"),
    ("gov-police", "公安局", "Public Security Bureau", "局长"),
    ("gov-civil", "民政局", "Civil Affairs Bureau", "局长"),
    ("gov-justice", "司法局", "Justice Bureau", "局长"),
    ("gov-finance", "财政局", "Finance Bureau", "局长"),
    ("gov-hr", "人力资源和社会保障局", "Human Resources and Social Security Bureau", "局长"),
    ("gov-land", "自然资源和规划局", "Natural Resources and Planning Bureau", "局长"),
    ("gov-ecology", "生态环境局", "Ecology and Environment Bureau", "局长"),
    ("gov-housing", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", "局长"),
    ("gov-transport", "交通运输局", "Transport Bureau", "局长"),
    ("gov-water", "水利局", "Water Resources Bureau", "局长"),
    ("gov-agriculture", "农业农村局", "Agriculture and Rural Affairs Bureau", "局长"),
    ("gov-commerce", "商务局", "Commerce Bureau", "局长"),
    ("gov-culture", "文化广电旅游局", "Culture, Radio, Television and Tourism Bureau", "局长"),
    ("gov-health", "卫生健康委员会", "Health Commission", "主任"),
    ("gov-veterans", "退役军人事务局", "Veterans Affairs Bureau", "局长"),
    ("gov-emergency", "应急管理局", "Emergency Management Bureau", "局长"),
    ("gov-audit", "审计局", "Audit Bureau", "局长"),
    ("gov-assets", "国有资产监督管理委员会", "State-owned Assets Supervision Commission", "主任"),
    ("gov-market", "市场监督管理局", "Market Regulation Bureau", "局长"),
    ("gov-statistics", "统计局", "Statistics Bureau", "局长"),
    ("gov-medical-insurance", "医疗保障局", "Healthcare Security Bureau", "局长"),
    ("gov-urban", "城市管理局", "Urban Management Bureau", "局长"),
    ("gov-forestry", "林业局", "Forestry Bureau", "局长"),
    ("gov-sports", "体育局", "Sports Bureau", "局长"),
    ("gov-petitions", "信访局", "Letters and Visits Bureau", "局长"),
    ("gov-data", "数据局", "Data Bureau", "局长"),
    ("gov-approval", "行政审批服务局", "Administrative Approval Service Bureau", "局长"),
)
#: Other handling units (utilities, vertically managed agencies): (code, name, English, head).
OTHER_UNITS = (
    ("unit-power", "国网清河供电公司", "State Grid Qinghe Power Supply Company", "总经理"),
    ("unit-water", "清河水务集团有限公司", "Qinghe Water Group", "总经理"),
    ("unit-gas", "清河燃气有限公司", "Qinghe Gas Company", "总经理"),
    ("unit-tax", "国家税务总局清河市税务局", "Qinghe Taxation Bureau", "局长"),
    ("unit-telecom", "中国电信清河分公司", "China Telecom Qinghe Branch", "总经理"),
)
UNIT_OFFICER_DEPARTMENT = "gov-education"

#: Full-time posts of standing-committee members below the chairpersons' council:
#: (organization code, post label, post role, text of the deputy's occupation).
SC_FULL_TIME_POSTS = (
    ("sp-legal", "主任委员", "chair", "法制委员会主任委员"),
    ("sp-finance", "主任委员", "chair", "财政经济委员会主任委员"),
    ("sp-education", "主任委员", "chair", "教育科学文化卫生委员会主任委员"),
    ("wc-legal", "主任", "chair", "常委会法制司法民侨内务工作委员会主任"),
    ("wc-finance", "主任", "chair", "常委会财政经济工作委员会主任"),
    ("wc-agriculture", "主任", "chair", "常委会农业农村工作委员会主任"),
    ("wc-environment", "主任", "chair", "常委会环保城建工作委员会主任"),
    ("wc-education", "主任", "chair", "常委会教育科学文化卫生工作委员会主任"),
    ("wc-deputy-affairs", "主任", "chair", "常委会代表人事工作委员会主任"),
    ("office", "主任", "head", "常委会办公室主任"),
    ("research", "主任", "head", "常委会研究室主任"),
    ("wc-legal-filing", "主任", "head", "常委会规范性文件备案审查室主任"),
    ("sp-legal", "副主任委员", "vice_chair", "法制委员会副主任委员"),
    ("sp-finance", "副主任委员", "vice_chair", "财政经济委员会副主任委员"),
    ("sp-education", "副主任委员", "vice_chair", "教育科学文化卫生委员会副主任委员"),
    ("wc-legal", "副主任", "vice_chair", "常委会法制司法民侨内务工作委员会副主任"),
    ("wc-finance", "副主任", "vice_chair", "常委会财政经济工作委员会副主任"),
    ("wc-environment", "副主任", "vice_chair", "常委会环保城建工作委员会副主任"),
    ("wc-deputy-affairs", "副主任", "vice_chair", "常委会代表人事工作委员会副主任"),
    ("office", "副主任", "deputy_head", "常委会办公室副主任"),
    ("office-petitions", "主任", "head", "常委会信访室主任"),
)
SC_VICE_CHAIRS = 6
SC_PART_TIME = 16
#: Occupations of part-time SC members: (category, text).
SC_PART_TIME_JOBS = (
    ("professional", "清河大学法学院教授"),
    ("professional", "清河大学经济管理学院教授"),
    ("professional", "清河医学院附属医院院长、主任医师"),
    ("professional", "清河正信律师事务所主任律师"),
    ("professional", "清河市农业科学研究院研究员"),
    ("professional", "清河市第一中学校长、高级教师"),
    ("professional", "清河市规划设计研究院院长、高级工程师"),
    ("professional", "清河职业技术学院院长、教授"),
    ("professional", "清河明德会计师事务所主任会计师"),
    ("professional", "清河市中医院主任医师"),
    ("other", "清河市总工会副主席"),
    ("other", "清河市妇女联合会副主席"),
    ("other", "共青团清河市委员会书记"),
    ("other", "清河市工商业联合会副主席"),
    ("other", "宏达实业有限公司董事长"),
    ("other", "清河市残疾人联合会副理事长"),
)
DEMOCRATIC_PARTIES = ("revcom", "demleague", "demnatcon", "demprom", "peasants", "zhigong", "jiusan")
DEMOCRATIC_PARTY_NAMES = {
    "revcom": "民革", "demleague": "民盟", "demnatcon": "民建", "demprom": "民进",
    "peasants": "农工党", "zhigong": "致公党", "jiusan": "九三学社",
}

#: One account per role with its demo password:
#: (username, role, role in Chinese, role in English, password, can see (zh), can see (en)).
DEMO_ACCOUNTS = (
    ("admin", "admin", "系统管理员", "Administrator", "Renda-admin-2026",
     "全部功能：用户与角色（/office/users/）、规则参数、审计日志、管理后台 /admin/",
     "everything: users and roles (/office/users/), rule settings, audit log, /admin/"),
    ("staff", "staff", "机关工作人员（办公室）", "Office staff (General Office)", "Renda-staff-2026",
     "人员与机构名录（含联系方式）、代表构成、工作日历、审计日志；维护人员与机构",
     "directory with contact data, composition, calendar, audit log; edits people and bodies"),
    ("leader", "leader", "主任会议成员（常委会主任）", "Chairpersons' council (SC chair)",
     "Renda-leader-2026", "名录（含联系方式）、代表构成、审计日志、规则参数（只读）",
     "directory with contact data, composition, audit log, rule settings (read only)"),
    ("member", "member", "常委会组成人员", "Standing-committee member", "Renda-member-2026",
     "人员与机构名录（不含联系方式）、代表构成、我的待办",
     "directory without contact data, composition, my work"),
    ("deputy", "deputy", "人大代表", "Deputy", "Renda-deputy-2026",
     "我的待办、接口令牌；公众网站上的本人代表页面",
     "my work, API tokens; own deputy page on the public site"),
    ("unit", "unit_officer", "承办单位工作人员（教育局）", "Handling-unit officer (Education Bureau)",
     "Renda-unit-2026", "我的待办、接口令牌（本单位：教育局）", "my work, API tokens (unit: Education Bureau)"),
    ("gov", "unit_officer", "市政府办公室工作人员", "City government office officer", "Renda-gov-2026",
     "本级政府的规范性文件备案、重大事项清单、审议意见办理",
     "the government's filings, major-matter lists, deliberation opinions"),
    ("court", "unit_officer", "市中级人民法院工作人员", "Intermediate court officer", "Renda-court-2026",
     "法院的专项报告、审议意见办理、规范性文件备案",
     "the court's special reports, deliberation opinions, filings"),
    ("procuratorate", "unit_officer", "市人民检察院工作人员", "Procuratorate officer",
     "Renda-jcy-2026", "检察院的专项报告、审议意见办理、规范性文件备案",
     "the procuratorate's special reports, deliberation opinions, filings"),
)
#: Officers of the supervised bodies behind the extra demo accounts: (username, body code, post).
BODY_OFFICERS = (
    ("gov", "government", "市政府办公室秘书科科长"),
    ("court", "court", "市中级人民法院研究室副主任"),
    ("procuratorate", "procuratorate", "市人民检察院办公室副主任"),
)
# fmt: on
