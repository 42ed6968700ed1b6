#!/usr/bin/env python
"""Fill the English catalogue (renda/locale/en/LC_MESSAGES/django.po).

Usage (from the project root):

    .venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=var \
        --ignore=tests --ignore=bench --no-obsolete
    .venv/bin/python tools/i18n_fill.py            # fill msgstrs from TRANSLATIONS
    .venv/bin/python tools/i18n_fill.py --missing  # list msgids without a translation
    .venv/bin/python manage.py compilemessages --ignore=.venv

Chinese is the source language: msgids are Chinese, msgstrs English.  The
translations live in the ``TRANSLATIONS`` dict at the end of this file,
``msgid -> msgstr`` (plural entries map to a tuple ``(singular, plural)``;
context-bound entries use the key ``(msgctxt, msgid)``).  Existing non-empty
msgstrs in the .po are kept unless ``--force`` is given (fuzzy guesses made
by makemessages are replaced from the table, or cleared and reported as
missing); the header is normalised.

The parser/serialiser here is deliberately dependency-free (no polib).
"""

from __future__ import annotations

import argparse
from datetime import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO_PATH = ROOT / "renda" / "locale" / "en" / "LC_MESSAGES" / "django.po"

HEADER = {
    "Project-Id-Version": "renda",
    "Report-Msgid-Bugs-To": "",
    "Language-Team": "English",
    "Language": "en",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def unescape(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append(_ESCAPES.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_CONT = re.compile(r'^"(.*)"\s*$')


def parse_po(text: str) -> list[dict]:
    """Parse a .po file into a list of entries.

    Each entry: {comments: [raw lines], flags: set, msgctxt: str|None,
    msgid: str, msgid_plural: str|None, msgstr: str|None,
    msgstr_plural: {int: str}, obsolete: bool}.
    Obsolete (#~) entries are kept as raw comments and flagged.
    """
    entries: list[dict] = []
    cur: dict | None = None
    field = None  # ("msgid",) or ("msgstr", n)

    def new():
        return {"comments": [], "flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None,
                "msgstr": None, "msgstr_plural": {}, "obsolete": False, "refs": []}

    def flush():
        nonlocal cur, field
        if cur is not None and (cur["msgid"] is not None or cur["comments"]):
            if cur["msgid"] is None:
                cur["obsolete"] = True  # a block of only comments (e.g. #~ entries)
            entries.append(cur)
        cur, field = None, None

    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if cur is not None and cur["msgid"] is not None and field is not None and not line.startswith("#~"):
                flush()  # a comment after a complete entry starts a new one
            if cur is None:
                cur = new()
            cur["comments"].append(raw)
            if line.startswith("#,"):
                cur["flags"].update(f.strip() for f in line[2:].split(",") if f.strip())
            elif line.startswith("#:"):
                cur["refs"].extend(line[2:].split())
            continue
        m = _KEYWORD.match(line)
        if m:
            kw, idx, val = m.group(1), m.group(2), unescape(m.group(3))
            if cur is None:
                cur = new()
            if kw in ("msgctxt", "msgid") and cur["msgid"] is not None and field is not None and field[0] in ("msgstr",):
                flush()
                cur = new()
            if kw == "msgctxt":
                cur["msgctxt"] = val
                field = ("msgctxt",)
            elif kw == "msgid":
                cur["msgid"] = val
                field = ("msgid",)
            elif kw == "msgid_plural":
                cur["msgid_plural"] = val
                field = ("msgid_plural",)
            elif idx is not None:
                cur["msgstr_plural"][int(idx)] = val
                field = ("msgstr", int(idx))
            else:
                cur["msgstr"] = val
                field = ("msgstr", None)
            continue
        m = _CONT.match(line)
        if m and cur is not None and field is not None:
            val = unescape(m.group(1))
            if field[0] == "msgstr":
                if field[1] is None:
                    cur["msgstr"] += val
                else:
                    cur["msgstr_plural"][field[1]] += val
            else:
                cur[field[0]] += val
            continue
        raise ValueError(f"line {lineno}: cannot parse {raw!r}")
    flush()
    return entries


def _fmt(keyword: str, value: str, width: int = 79) -> list[str]:
    """Serialise one keyword the way GNU gettext does (wrapping long/multi-line strings)."""
    single = f'{keyword} "{escape(value)}"'
    if len(single) <= width and "\n" not in value.rstrip("\n"):
        return [single]
    # split after each \n, then wrap pieces at spaces to <= width-2 chars
    lines = [f'{keyword} ""']
    for part in re.split(r"(?<=\n)", value):
        if not part:
            continue
        esc = escape(part)
        while len(esc) > width - 2:
            cut = esc.rfind(" ", 0, width - 2)
            if cut <= 0:
                cut = width - 2
                # never cut inside an escape sequence
                while cut > 0 and esc[cut - 1] == "\\":
                    cut -= 1
            else:
                cut += 1
            lines.append(f'"{esc[:cut]}"')
            esc = esc[cut:]
        if esc:
            lines.append(f'"{esc}"')
    return lines


def serialise(entries: list[dict]) -> str:
    blocks = []
    for e in entries:
        out = []
        for c in e["comments"]:
            if c.lstrip().startswith("#,"):
                continue  # flags are re-emitted below
            out.append(c)
        if e["flags"]:
            # keep the flag line just before the msgid, after references
            out.append("#, " + ", ".join(sorted(e["flags"])))
        if not e["obsolete"]:
            if e["msgctxt"] is not None:
                out += _fmt("msgctxt", e["msgctxt"])
            out += _fmt("msgid", e["msgid"])
            if e["msgid_plural"] is not None:
                out += _fmt("msgid_plural", e["msgid_plural"])
                for i in sorted(e["msgstr_plural"]):
                    out += _fmt(f"msgstr[{i}]", e["msgstr_plural"][i])
            else:
                out += _fmt("msgstr", e["msgstr"] or "")
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) + "\n"


def fix_header(entry: dict, changed: bool = False) -> None:
    lines = [ln for ln in (entry["msgstr"] or "").split("\n") if ln]
    fields: dict[str, str] = {}
    for ln in lines:
        k, _, v = ln.partition(":")
        fields[k.strip()] = v.strip()
    if "YEAR" in fields.get("PO-Revision-Date", "YEAR") or changed:
        fields["PO-Revision-Date"] = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
    if "FULL NAME" in fields.get("Last-Translator", "FULL NAME"):
        fields["Last-Translator"] = "Renda project"
    fields.update({k: v for k, v in HEADER.items() if k != "POT-Creation-Date"})
    order = ["Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
             "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
             "Content-Transfer-Encoding", "Plural-Forms"]
    keys = [k for k in order if k in fields] + [k for k in fields if k not in order]
    entry["msgstr"] = "".join(f"{k}: {fields[k]}\n" for k in keys)
    entry["flags"].discard("fuzzy")
    entry["comments"] = [
        "# English translation of Renda (人大).",
        "# Chinese is the source language; msgids are the Chinese strings.",
        "# Filled by tools/i18n_fill.py.",
    ] + [c for c in entry["comments"] if c.lstrip().startswith("#,")]


def load_translations() -> dict:
    return TRANSLATIONS


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("po", nargs="?", default=str(PO_PATH))
    ap.add_argument("--force", action="store_true", help="overwrite existing translations")
    ap.add_argument("--missing", action="store_true", help="only list entries lacking a translation")
    args = ap.parse_args(argv)

    path = Path(args.po)
    entries = parse_po(path.read_text(encoding="utf-8"))
    table = load_translations()
    missing = []
    filled = 0
    header = None
    for e in entries:
        if e["obsolete"]:
            continue
        if e["msgid"] == "" and e["msgctxt"] is None:
            header = e
            continue
        key = (e["msgctxt"], e["msgid"]) if e["msgctxt"] is not None else e["msgid"]
        tr = table.get(key)
        if "fuzzy" in e["flags"]:
            # makemessages' fuzzy guess: never trust it
            e["flags"].discard("fuzzy")
            e["comments"] = [c for c in e["comments"] if not c.lstrip().startswith("#|")]
            if e["msgid_plural"] is not None:
                e["msgstr_plural"] = {0: "", 1: ""}
            else:
                e["msgstr"] = ""
        if e["msgid_plural"] is not None:
            have = all(e["msgstr_plural"].get(i) for i in (0, 1))
            if tr is not None and (args.force or not have):
                one, other = (tr, tr) if isinstance(tr, str) else tr
                e["msgstr_plural"] = {0: one, 1: other}
                filled += 1
            elif not have:
                missing.append(e)
        else:
            if tr is not None and (args.force or not e["msgstr"]):
                e["msgstr"] = tr
                filled += 1
            elif not e["msgstr"]:
                missing.append(e)
        if e["msgstr"] or all(e["msgstr_plural"].get(i) for i in (0, 1)) and e["msgstr_plural"]:
            e["flags"].discard("fuzzy")
            e["comments"] = [c for c in e["comments"] if not c.lstrip().startswith("#|")]
    if header is not None:
        fix_header(header, changed=filled > 0)
    if args.missing:
        for e in missing:
            print(repr((e["msgctxt"], e["msgid"], e["msgid_plural"])), " ".join(e["refs"][:2]))
        print(f"{len(missing)} missing", file=sys.stderr)
        return 1 if missing else 0
    path.write_text(serialise(entries), encoding="utf-8")
    print(f"filled {filled}; missing {len(missing)}", file=sys.stderr)
    for e in missing:
        print("  MISSING:", repr((e["msgctxt"], e["msgid"])), " ".join(e["refs"][:2]), file=sys.stderr)
    return 1 if missing else 0


# ---------------------------------------------------------------------------
# Chinese msgid -> English msgstr.  Terms follow the glossary in
# docs/rules.md (§10).  Plural entries: (singular, plural).
# ---------------------------------------------------------------------------
TRANSLATIONS: dict = {
    # accounts
    "人大角色": "Congress role",
    "用户与权限": "Users and permissions",
    "用户名或密码不正确。连续失败多次后账户将被临时锁定。":
        "Incorrect username or password. After repeated failures the account is temporarily locked.",
    "该账户已停用。": "This account has been deactivated.",
    "登录失败次数过多，账户已临时锁定，请稍后再试。":
        "Too many failed sign-in attempts. The account is temporarily locked; please try again later.",
    "用途": "Purpose",
    "系统管理员": "System administrator",
    "机关工作人员": "Office staff",
    "主任会议成员": "Council of Chairpersons member",
    "常委会组成人员": "Standing Committee members",
    "人大代表": "Deputy",
    "承办单位工作人员": "Handling unit staff",
    "角色": "Role",
    "对应人员": "Linked person",
    "所属机构": "Organization",
    "机关工作人员所在的工作机构，或承办单位工作人员所在的单位。":
        "The working body of office staff, or the unit of handling-unit staff.",
    "显示名称": "Display name",
    "连续登录失败次数": "Consecutive failed sign-ins",
    "锁定至": "Locked until",
    "用户": "User",
    "前缀": "Prefix",
    "创建时间": "Created",
    "最近使用": "Last used",
    "吊销时间": "Revoked at",
    "接口令牌": "API token",
    "请填写令牌用途。": "Please enter the token's purpose.",
    "令牌用途不能超过60个字。": "The token's purpose cannot exceed 60 characters.",
    "只能吊销自己的令牌。": "You can only revoke your own tokens.",
    "令牌已吊销。": "Token revoked.",
    # core
    "基础": "Core",
    "设置": "Settings",
    "审计日志": "Audit log",
    "工作日历": "Working calendar",
    "规则参数": "Rule parameters",
    "未找到该记录。": "Record not found.",
    "您没有执行此操作的权限。": "You do not have permission to perform this action.",
    "提交的内容有误，请检查后重试。": "The submission contains errors. Please check and try again.",
    "更新时间": "Updated",
    "序号": "No.",
    "时间": "Time",
    "操作人": "Actor",
    "操作人名称": "Actor name",
    "操作代码": "Action code",
    "对象类型": "Object type",
    "对象编号": "Object ID",
    "对象": "Object",
    "变更摘要": "Change summary",
    "前一哈希": "Previous hash",
    "哈希": "Hash",
    "审计事件": "Audit event",
    "审计链头": "Audit chain head",
    "法定节假日": "Public holiday",
    "调休上班": "Make-up working day",
    "日历数据包": "Calendar data package",
    "人工校正": "Manual correction",
    "日期": "Date",
    "类型": "Type",
    "名称": "Name",
    "来源": "Source",
    "工作日历调整": "Working calendar adjustment",
    "参数": "Parameter",
    "取值": "Value",
    "依据或说明": "Basis or note",
    "类型“{value}”无效。": "Invalid type “{value}”.",
    "{label}不能超过{max}个字符。": "{label} cannot exceed {max} characters.",
    "{date}没有日历调整记录。": "There is no calendar adjustment for {date}.",
    "参数 {key} 的比例必须在 0 与 1 之间。": "The ratio for parameter {key} must be between 0 and 1.",
    "党政领导干部代表比例上限": "Maximum share of Party and government leading cadres among deputies",
    "连任代表比例下限": "Minimum share of re-elected deputies",
    "常委会专职组成人员比例下限": "Minimum share of full-time Standing Committee members",
    "设区的市常委会组成人员人数范围": "Standing Committee size range (city with districts)",
    "人口超过八百万的设区的市常委会组成人员人数上限":
        "Standing Committee size limit for a city with districts of over 8 million people",
    "设区的市人口超过此数可增至上限": "Population above which a city with districts may use the higher limit",
    "县级常委会组成人员人数范围": "Standing Committee size range (county level)",
    "人口超过一百万的县常委会组成人员人数上限":
        "Standing Committee size limit for a county of over 1 million people",
    "县人口超过此数可增至上限": "Population above which a county may use the higher limit",
    "未经批准不出席人代会会议终止代表资格的次数":
        "Unapproved absences from congress sessions that terminate deputy status",
    "每届任期内每名代表至少轮训次数": "Minimum rotation trainings per deputy per term",
    "期限是否计入起算当日": "Whether time limits count the starting day",
    "未知的规则参数：{key}。": "Unknown rule parameter: {key}.",
    "参数 {key} 由法律规定，不能在本地修改。": "Parameter {key} is set by law and cannot be changed locally.",
    "参数 {key} 的取值“{raw}”格式不正确。": "The value “{raw}” for parameter {key} is not in a valid format.",
    "请填写{label}。": "Please enter {label}.",
    "{label}的格式不正确。": "{label} is not in a valid format.",
    "{label}的取值无效。": "{label} has an invalid value.",
    "{label}过长。": "{label} is too long.",
    "{label}过小。": "{label} is too small.",
    "{label}过大。": "{label} is too large.",
    "起始日期": "Start date",
    "截止日期": "End date",
    "审计链完整：已校验 {n} 条记录。": "Audit chain intact: {n} records verified.",
    "审计链在第 {seq} 条记录处断开：{reason}": "Audit chain broken at record {seq}: {reason}",
    "个工作日": "working days",
    "个月": "months",
    "起算日期": "Start date",
    "期限": "Time limit",
    "单位": "Unit",
    "已保存 {date} 的日历调整。": "Calendar adjustment for {date} saved.",
    "日期格式不正确。": "Invalid date format.",
    "已删除 {date} 的日历调整。": "Calendar adjustment for {date} deleted.",
    "本地取值": "Local value",
    "留空则恢复默认值。": "Leave blank to restore the default.",
    "参数 {key} 已保存。": "Parameter {key} saved.",
    # devtools
    "数据库中已有行政区域，不能再载入演示数据。":
        "The database already has an administrative area; demo data cannot be loaded.",
    "演示账户的用户名已被占用：{names}。": "Demo account usernames already taken: {names}.",
    # people
    "人员与机构": "People and bodies",
    "代表名册": "Deputy roster",
    "新增代表": "Add deputy",
    "人员": "People",
    "机构": "Bodies",
    "代表构成": "Deputy composition",
    "党政领导干部代表比例": "Share of Party and government leading cadres",
    "连任代表比例": "Share of re-elected deputies",
    "一线工人代表比例": "Share of front-line workers",
    "农民代表比例": "Share of farmers",
    "专业技术人员代表比例": "Share of professionals and technicians",
    "女性代表比例": "Share of women",
    "少数民族代表比例": "Share of ethnic minorities",
    "年龄结构": "Age structure",
    "常委会组成人员人数": "Number of Standing Committee members",
    "常委会专职组成人员比例": "Share of full-time Standing Committee members",
    "出生年份": "Year of birth",
    "{label}不能早于{min}年。": "{label} cannot be earlier than {min}.",
    "{label}不能晚于{max}年。": "{label} cannot be later than {max}.",
    "搜索": "Search",
    "姓名、单位职务": "Name, work unit or post",
    "性别": "Gender",
    "全部": "All",
    "党派": "Party affiliation",
    "身份": "Status",
    "本届代表": "Current deputies",
    "非本届代表": "Not current deputies",
    "代表团": "Delegation",
    "代表姓名": "Deputy name",
    "届": "Term",
    "本届": "Current term",
    "状态": "Status",
    "代表构成类别": "Composition category",
    "机构名称": "Body name",
    "类别": "Category",
    "姓名": "Name",
    "英文姓名或拼音": "English name or pinyin",
    "民族": "Ethnicity",
    "学历": "Education",
    "工作单位及职务": "Work unit and post",
    "简历": "Biography",
    "联系电话": "Phone",
    "电子邮箱": "Email",
    "请填写有效的电子邮箱地址。": "Please enter a valid email address.",
    "通讯地址": "Postal address",
    "已有人员": "Existing person",
    "— 新建人员 —": "— New person —",
    "选区": "Constituency",
    "原选举单位": "Electing unit",
    "连任代表": "Re-elected deputy",
    "当选日期": "Date elected",
    "请填写姓名，或选择已有人员。": "Please enter a name or choose an existing person.",
    "请填写性别。": "Please enter the gender.",
    "新状态": "New status",
    "变更日期": "Date of change",
    "原因": "Reason",
    "请填写原因。": "Please enter a reason.",
    "英文名称": "English name",
    "简称": "Short name",
    "上级机构": "Parent body",
    "代码": "Code",
    "英文字母、数字、连字符，全平台唯一。": "Latin letters, digits and hyphens; unique across the platform.",
    "代码只能包含英文字母、数字、连字符和下划线。":
        "The code may contain only Latin letters, digits, hyphens and underscores.",
    "简介": "Description",
    "成立日期": "Date established",
    "撤销日期": "Date dissolved",
    "在公众网站显示": "Show on public website",
    "排序": "Sort order",
    "撤销日期不能早于成立日期。": "The date dissolved cannot be earlier than the date established.",
    "职务": "Post",
    "开始日期": "Start date",
    "结束日期": "End date",
    "专职": "Full-time",
    "结束日期不能早于开始日期。": "The end date cannot be earlier than the start date.",
    "设区的市": "City with districts",
    "县（区）": "County (district)",
    "行政区域名称": "Administrative area name",
    "层级": "Level",
    "人口": "Population",
    "行政区域": "Administrative area",
    "人民代表大会": "People's Congress",
    "常务委员会": "Standing Committee",
    "主任会议": "Council of Chairpersons",
    "主席团": "Presidium",
    "专门委员会": "Special Committee",
    "工作委员会": "Working Committee",
    "办事机构": "General Office",
    "代表小组": "Deputy group",
    "党委": "Party committee",
    "人民政府": "People's government",
    "政府工作部门": "Government department",
    "监察委员会": "Supervisory commission",
    "人民法院": "People's court",
    "人民检察院": "People's procuratorate",
    "其他单位": "Other unit",
    "届次": "Term",
    "届满日期": "Term end date",
    "第{n}届": "Term {n}",
    "男": "Male",
    "女": "Female",
    "中国共产党": "Communist Party of China",
    "中国国民党革命委员会": "Revolutionary Committee of the Chinese Kuomintang",
    "中国民主同盟": "China Democratic League",
    "中国民主建国会": "China National Democratic Construction Association",
    "中国民主促进会": "China Association for Promoting Democracy",
    "中国农工民主党": "Chinese Peasants' and Workers' Democratic Party",
    "中国致公党": "China Zhi Gong Party",
    "九三学社": "Jiusan Society",
    "台湾民主自治同盟": "Taiwan Democratic Self-Government League",
    "无党派": "No party affiliation",
    "电话号码只能包含数字、空格、+ 和 -。": "A phone number may contain only digits, spaces, + and -.",
    "主任/主任委员": "Chairperson",
    "副主任/副主任委员": "Vice-chairperson",
    "秘书长": "Secretary-general",
    "委员/成员": "Member",
    "主要负责人": "Head",
    "副职负责人": "Deputy head",
    "工作人员": "Staff",
    "代表": "Deputy",
    "职务名称": "Post title",
    "职务类别": "Post category",
    "由人大或常委会选举任命": "Elected or appointed by the congress or its Standing Committee",
    "结束原因": "Reason for ending",
    "任职": "Membership",
    "一线工人": "Front-line worker",
    "农民": "Farmer",
    "专业技术人员/知识分子": "Professional / intellectual",
    "党政领导干部": "Party or government leading cadre",
    "解放军和武警": "PLA and armed police",
    "其他": "Other",
    "在任": "Serving",
    "暂停执行代表职务": "Suspended",
    "辞职": "Resigned",
    "代表资格终止": "Terminated",
    "被罢免": "Recalled",
    "去世": "Deceased",
    "状态变更日期": "Status change date",
    "状态变更原因": "Status change reason",
    "“{label}”：{problem}": "“{label}”: {problem}",
    "未知字段：{names}。": "Unknown fields: {names}.",
    "机构代码“{value}”已被使用。": "The body code “{value}” is already in use.",
    "上级机构不能是本机构或其下级机构。": "The parent body cannot be the body itself or one of its sub-bodies.",
    "机构层级过深。": "The body hierarchy is too deep.",
    "届只能属于人民代表大会。": "A term can only belong to a People's Congress.",
    "届满日期必须晚于起始日期。": "The term end date must be after the start date.",
    "第{n}届已存在。": "Term {n} already exists.",
    "职务类别“{value}”无效。": "Invalid post category “{value}”.",
    "该机构已有职务“{label}”。": "This body already has the post “{label}”.",
    "角色“{value}”无效。": "Invalid role “{value}”.",
    "所选职务不属于该机构。": "The selected post does not belong to this body.",
    "{person}在{org}已有时间重叠的同一任职。":
        "{person} already holds the same membership in {org} for an overlapping period.",
    "该任职已于{date}结束。": "This membership already ended on {date}.",
    "代表构成类别“{value}”无效。": "Invalid composition category “{value}”.",
    "“{name}”不是代表团。": "“{name}” is not a delegation.",
    "{person}已是{term}代表。": "{person} is already a deputy for {term}.",
    "代表状态不能从“{old}”变为“{new}”。": "Deputy status cannot change from “{old}” to “{new}”.",
    "层级“{value}”无效。": "Invalid level “{value}”.",
    "行政区域已设置，不能重复创建。": "The administrative area is already set up and cannot be created again.",
    "新增人员": "Add person",
    "修改人员信息": "Edit person",
    "新增机构": "Add body",
    "修改机构信息": "Edit body",
    "新增职务": "Add post",
    "新增任职": "Add membership",
    "任职结束": "End membership",
    "登记代表资格": "Register as deputy",
    "代表状态变更": "Change deputy status",
    "新增届次": "Add term",
    "已新增代表：{name}。": "Deputy added: {name}.",
    "选择已有人员，或填写姓名、性别等信息新建人员；保存时同时登记代表资格和所属代表团。":
        "Choose an existing person, or enter a name, gender and other details to create one; "
        "saving also registers the deputy status and delegation.",
    "代表状态已更新。": "Deputy status updated.",
    "已新增机构：{name}。": "Body added: {name}.",
    "已保存机构：{name}。": "Body saved: {name}.",
    "编辑机构：{name}": "Edit body: {name}",
    "已添加任职：{m}。": "Membership added: {m}.",
    "添加成员：{name}": "Add member: {name}",
    "已新增人员：{name}。": "Person added: {name}.",
    "已保存人员：{name}。": "Person saved: {name}.",
    "编辑人员：{name}": "Edit person: {name}",
    # portal (seeded from the former renda/portal/locale catalogue)
    "公众网站": "Public website",
    "人大概况": "About the Congress",
    "代表风采": "Deputies",
    "公开数据": "Open data",
    "姓名、单位或职务": "Name, work unit or post",
    "全部代表团": "All delegations",
    "全部选区": "All constituencies",
    "本级人民代表大会及其常务委员会、专门委员会和工作机构。":
        "The people's congress, its standing committee, special committees and working bodies.",
    "本届人民代表大会代表名录，可按姓名、代表团和选区查找。":
        "The directory of deputies of the current congress, searchable by name, delegation and constituency.",
    "以开放格式提供的代表、机构和任职数据接口。": "Deputies, bodies and memberships as open data through an API.",
    "接口说明（OpenAPI 3.1），列出全部接口、参数和返回格式。":
        "API description (OpenAPI 3.1): every endpoint, its parameters and response formats.",
    "人员：代表和常委会组成人员的公开信息（Popolo Person）。":
        "Persons: public information on deputies and standing-committee members (Popolo Person).",
    "机构：人民代表大会、常务委员会、专门委员会、代表团等（Popolo Organization）。":
        "Organizations: the congress, the standing committee, special committees, delegations and more "
        "(Popolo Organization).",
    "任职：人员在机构中的职务和起止日期（Popolo Membership）。":
        "Memberships: who holds which position in which body, with start and end dates (Popolo Membership).",
    "职务：各机构设置的职务（Popolo Post）。": "Posts: the positions each body has (Popolo Post).",
    # templates: errors, accounts, base
    "无权访问": "Access denied",
    "您没有访问此页面的权限。如需开通，请联系系统管理员。":
        "You do not have permission to view this page. To request access, contact the system administrator.",
    "错误代码": "Error code",
    "返回我的待办": "Back to My work",
    "登录": "Sign in",
    "页面不存在": "Page not found",
    "您要访问的页面不存在，或已被移除。": "The page you requested does not exist or has been removed.",
    "返回首页": "Back to home",
    "人大工作平台登录": "Sign in to the Congress work platform",
    "返回公众网站": "Back to the public website",
    "修改密码": "Change password",
    "保存新密码": "Save new password",
    "密码已修改": "Password changed",
    "您的密码已更新。": "Your password has been updated.",
    "供其他系统通过 API 访问本平台。令牌只显示一次，请妥善保存。":
        "Lets other systems access this platform through the API. A token is shown only once; keep it safe.",
    "新令牌": "New token",
    "生成令牌": "Generate token",
    "已吊销": "Revoked",
    "有效": "Active",
    "吊销": "Revoke",
    "尚未生成令牌。": "No tokens generated yet.",
    "跳到正文": "Skip to main content",
    # templates: core
    "校验审计链": "Verify audit chain",
    "筛选": "Filter",
    "重置": "Reset",
    "共 %(n)s 条记录": ("%(n)s record", "%(n)s records"),
    "没有符合条件的记录。": "No matching records.",
    "工作日历 · %(year)s年": "Working calendar · %(year)s",
    "年份": "Year",
    "周一至周五为工作日；下表列出法定节假日和调休上班日。人工校正的记录不会被日历数据包覆盖。":
        "Monday to Friday are working days; the table lists public holidays and make-up working days. "
        "Manual corrections are not overwritten by the calendar data package.",
    "新增或校正": "Add or correct",
    "保存": "Save",
    "计算期限": "Calculate time limit",
    "计算": "Calculate",
    "期限届满日": "Expiry date",
    "起算当日不计入（民法典 第201条）。": "The starting day is not counted (Civil Code, Art. 201).",
    "共 %(n)s 天": ("%(n)s day", "%(n)s days"),
    "星期": "Weekday",
    "操作": "Actions",
    "编辑": "Edit",
    "删除": "Delete",
    "本年度没有日历调整。": "No calendar adjustments this year.",
    "操作未完成": "Action not completed",
    "首页": "Home",
    "我的待办": "My work",
    "待办事项": "To-do items",
    "7日内到期": "Due within 7 days",
    "已逾期": "Overdue",
    "事项": "Item",
    "依据": "Basis",
    "逾期 %(n)s 天": "%(n)s days overdue",
    "剩 %(n)s 天": "%(n)s days left",
    "目前没有等待您处理的事项。": "Nothing is waiting for you right now.",
    "平台执行的法定和惯例数值，每项注明规则编号和依据。标为可配置的参数可按本地实践设置取值。":
        "Statutory and customary values the platform enforces, each with its rule code and basis. "
        "Parameters marked as configurable can be set to match local practice.",
    "规则": "Rules",
    "默认值": "Default",
    "法定，不可修改": "Statutory, cannot be changed",
    "采用默认值": "Using default",
    "分页": "Pagination",
    "上一页": "Previous",
    "第 %(n)s / %(total)s 页": "Page %(n)s of %(total)s",
    "下一页": "Next",
    "人大工作平台": "Congress work platform",
    "退出": "Sign out",
    "主导航": "Main navigation",
    "访问公众网站": "Visit the public website",
    # templates: people
    "流程记录": "History",
    "系统": "System",
    "暂无记录。": "No records yet.",
    "尚未设置届次，无法计算代表构成。": "No term has been set up, so deputy composition cannot be calculated.",
    "在任代表 %(total)s 名（含暂停执行代表职务者）。":
        "%(total)s serving deputies (including those with suspended status).",
    "结构比例": "Composition ratios",
    "指标": "Indicator",
    "人数": "Count",
    "比例": "Share",
    "要求": "Requirement",
    "结果": "Result",
    "仅统计": "For information",
    "符合": "Meets",
    "不符合": "Fails",
    "结构比例图": "Composition ratio chart",
    "结构比例图，数据见左表": "Composition ratio chart; data in the table on the left",
    "代表构成图，数据见上表": "Deputy composition chart; data in the table above",
    "年龄段": "Age group",
    "年龄结构图，数据见上表": "Age structure chart; data in the table above",
    "常委会组成": "Standing Committee composition",
    "无数据": "No data",
    "尚未设置常委会。": "No Standing Committee has been set up yet.",
    "人员信息": "Personal details",
    "代表资格": "Deputy status",
    "至": "until ",
    "是,否": "Yes,No",
    "变更代表状态": "Change deputy status",
    "保存状态": "Save status",
    "导出 xlsx": "Export xlsx",
    "共 %(n)s 名代表": ("%(n)s deputy", "%(n)s deputies"),
    "没有符合条件的代表。": "No matching deputies.",
    "取消": "Cancel",
    "添加成员": "Add member",
    "基本信息": "Basic information",
    "下级机构": "Sub-bodies",
    "无": "None",
    "现有成员": "Current members",
    "暂无成员。": "No members yet.",
    "共 %(n)s 个机构": ("%(n)s body", "%(n)s bodies"),
    "已撤销": "Dissolved",
    "没有符合条件的机构。": "No matching bodies.",
    "登记为代表": "Register as deputy",
    "不是代表。": "Not a deputy.",
    "没有任职记录。": "No memberships.",
    "共 %(n)s 人": ("%(n)s person", "%(n)s people"),
    "本届：%(term)s": "Current term: %(term)s",
    "是": "Yes",
    "没有符合条件的人员。": "No matching people.",
    # templates: portal
    "人民代表大会是地方国家权力机关，常务委员会是它的常设机关。本页列出本级人民代表大会及其常务委员会的组织机构。":
        "The People's Congress is the local organ of state power, and the Standing Committee is its "
        "permanent body. This page lists the bodies of the People's Congress and its Standing Committee.",
    "常委会领导": "Standing Committee leadership",
    "暂无公开信息。": "No public information yet.",
    "组织机构": "Organizational structure",
    "工作机构和办事机构": "Working bodies and General Office",
    "更新日期：": "Updated: ",
    "大字版": "Large text",
    "工作平台": "Work platform",
    "网站导航": "Site navigation",
    "本网站内容依法公开。": "The content of this website is published in accordance with the law.",
    "当前位置": "You are here",
    "隶属": "Part of",
    "查看本届代表名录": "View the current directory of deputies",
    "负责人": "Leadership",
    "组成人员": "Members",
    "下设机构": "Sub-bodies",
    "发布日期：": "Published: ",
    "第%(n)s届人民代表大会代表名录。": "Directory of deputies to the People's Congress, term %(n)s.",
    "尚未设置本届人民代表大会。": "The current People's Congress has not been set up yet.",
    "查找代表": "Find a deputy",
    "查找": "Find",
    "清除条件": "Clear filters",
    "没有找到符合条件的代表。": "No deputies match your search.",
    "第%(n)s届人民代表大会代表": "Deputy to the People's Congress, term %(n)s",
    "%(y)s年": "%(y)s",
    "返回代表名录": "Back to the directory of deputies",
    "依法履职，接受人民监督。这里公开本级人民代表大会及其常务委员会的组织、代表和工作信息。":
        "Performing duties in accordance with the law, under the supervision of the people. This site "
        "publishes information on the bodies, deputies and work of the People's Congress and its "
        "Standing Committee.",
    "第%(n)s届人民代表大会": "People's Congress, term %(n)s",
    "基本数据": "Key figures",
    '<span class="num">%(n)s</span> 名': '<span class="num">%(n)s</span>',
    '<span class="num">%(n)s</span> 个': '<span class="num">%(n)s</span>',
    "数据更新日期：": "Data updated: ",
    "栏目": "Sections",
    "本网站公开的代表、机构和任职信息，也以机器可读的格式通过应用程序接口（API）提供，供研究者、媒体和开发者免费使用。":
        "The information on deputies, bodies and memberships published on this website is also available "
        "free of charge in machine-readable form through an application programming interface (API), "
        "for researchers, journalists and developers.",
    "接口": "API",
    "接口的根地址是 <code>%(base)s</code>，返回 JSON 格式的数据。人员、机构、任职和职务按照 Popolo 开放数据标准组织。":
        "The API root is <code>%(base)s</code> and it returns JSON. Persons, organizations, memberships "
        "and posts follow the Popolo open-data standard.",
    "使用说明": "Notes on use",
    "接口只提供依法公开的信息，不含联系电话、电子邮箱和通讯地址。":
        "The API provides only information that is public by law; it does not include phone numbers, "
        "email addresses or postal addresses.",
    "各接口的参数、分页方式和返回格式以接口说明（OpenAPI）为准。":
        "The API description (OpenAPI) is authoritative for each endpoint's parameters, pagination and "
        "response format.",
    "引用数据时请注明来源和读取日期。": "When citing the data, please give the source and the date retrieved.",
}


if __name__ == "__main__":
    sys.exit(main())
