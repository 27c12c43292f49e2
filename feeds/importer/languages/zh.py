"""Chinese: the words and forms of programme-of-work documents in Chinese."""

from __future__ import annotations

import re

from ..language import NUMBERS_AND_LETTERS, Language, Period, SlotForm
from ..text import CJK

WEEKDAYS = (
    ("星期一",),
    ("星期二",),
    ("星期三",),
    ("星期四",),
    ("星期五",),
    ("星期六",),
    ("星期日", "星期天"),
)
_WEEKDAY = "|".join(name for names in WEEKDAYS for name in names)

NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

_MORNING = Period()
_AFTERNOON = Period(add=12, hours=range(12))
_MIDDAY = Period(add=12, hours=range(6))  # 中午 12 时 is noon, 中午 1 时 is 13:00
PERIODS = {
    "上午": _MORNING,
    "早上": _MORNING,
    "中午": _MIDDAY,
    "下午": _AFTERNOON,
    "晚上": _AFTERNOON,
    "晚间": _AFTERNOON,
}
_PERIOD = "|".join(PERIODS)


def _clock(end: int) -> str:
    """An hour of a slot, as in `下午 3 时`, `10 点 30 分` or `上午 9 时半`; `end` is 1 or 2."""
    return (
        rf"(?:(?P<p{end}>{_PERIOD})\s*)?(?P<h{end}>\d{{1,2}})\s*(?:时|点)"
        rf"(?:\s*(?P<m{end}>\d{{1,2}})\s*分|\s*(?P<half{end}>半))?"
    )


CITY_NAMES = {
    "纽约": "new york",
    "日内瓦": "geneva",
    "维也纳": "vienna",
    "内罗毕": "nairobi",
    "曼谷": "bangkok",
    "亚的斯亚贝巴": "addis ababa",
    "圣地亚哥": "santiago",
    "贝鲁特": "beirut",
    "海牙": "the hague",
    "波恩": "bonn",
    "罗马": "rome",
    "巴黎": "paris",
    "蒙特利尔": "montreal",
    "华盛顿": "washington",
    "北京": "beijing",
}

CHINESE = Language(
    code="zh",
    script=CJK,
    heading_dates=re.compile(
        r"^(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:至|到|-|–|—)\s*"
        r"(?:(?P<y2>\d{4})\s*年\s*)?(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日\s*[,，]\s*"
        r"(?P<city>.+)$"
    ),
    heading_example="2022 年 3 月 28 日至 4 月 1 日，纽约",
    months={},
    session_line=re.compile(r"第.{1,4}届.*(会议|会)$|届会$|会议$"),
    session_line_longest=29,
    session_ordinals={},
    session_number=re.compile(rf"第(?P<number>[{''.join(NUMERALS)}]+|\d+)届"),
    numerals=NUMERALS,
    body_separator="",
    title_separator=None,
    title=("(?:暂定|拟议)?工作方案",),
    provisional=("暂定", "拟议", "临时"),
    note_by=("秘书处的说明",),
    annex=("附件",),
    table_header=(r"日期\s*/\s*时间",),
    notes=("注", "附注"),
    boilerplate=("联合国", "大会", "安全理事会", "经济及社会理事会", "中文", "原文:.*", "请回收.*"),
    day_lines=(
        re.compile(
            r"^(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*"
            rf"[,，]?\s*(?:\(?(?:{_WEEKDAY})\)?)\s*(?:[:：]\s*(?P<rest>.*))?$"
        ),
    ),
    day_example="3 月 28 日，星期一",
    slot_forms=(
        SlotForm(
            re.compile(rf"^{_clock(1)}\s*(?:至|到|-|–|—)\s*{_clock(2)}\s*"),
            periods=PERIODS,
            shared="forward",
        ),
    ),
    slot_example="上午 10 时至下午 1 时",
    wraps_before=None,
    wraps_after=None,
    full_line_ends=re.compile(r"[。；！？)）]$"),
    numbering=NUMBERS_AND_LETTERS,
    item_line=None,
    item_reference=re.compile(r"[(（]\s*项目\s*(?P<number>\d{1,2})\s*[)）]", re.I),
    item_placeholder="项目 {number}",
    continued=("续",),
    minutes=("分钟",),
    city_names=CITY_NAMES,
    venues={
        "new york": "纽约联合国总部",
        "geneva": "日内瓦万国宫",
        "vienna": "维也纳国际中心",
        "nairobi": "联合国内罗毕办事处",
        "bangkok": "曼谷联合国会议中心",
        "addis ababa": "亚的斯亚贝巴联合国会议中心",
    },
    no_meetings="无会议",
    # Common words of UN body names, for a readable meeting id.
    id_terms=(
        ("不限成员名额工作组", "oewg"),
        ("政府专家组", "gge"),
        ("信息和通信技术", "ict"),
        ("裁军谈判会议", "cd"),
        ("缔约国会议", "msp"),
        ("委员会", "committee"),
        ("工作组", "wg"),
    ),
    initial_words=None,
    initials_skip=frozenset(),
    masthead_date=re.compile(
        r"^(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日$"
    ),
    headings=(
        "临时议程和说明",
        "附加说明的临时议程",
        "临时议程说明",
        "临时议程",
        "(?:拟议|暂定)工作安排",
    ),
    issued_under=(r"临时议程\s*\*?\s*项目\s*\d{1,2}(?:\s*\([a-z]\))?\s*\*?",),
)
