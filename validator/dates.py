"""Years and dates as reports write them: a line that is only a date, the first year a line names.

Read by every stage (the sign-off's date, the year candidates, part roles, the plan-year rule), so
kept apart from any one of them.
"""

from __future__ import annotations

import re
from datetime import date

from .figures import chinese_to_number

_YEAR = re.compile(r"(?<![\d\-~至到])((?:19|20)\d{2})\s*年(?!\s*[-~至到]\s*(?:19|20)?\d{2})")
_YEAR_CN = re.compile(r"(?<![〇零一二三四五六七八九])([〇零一二三四五六七八九]{4})\s*年")
_DATE_ARABIC = re.compile(r"^[(]?\s*((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*[)]?$")
_DATE_CN = re.compile(r"^[(]?\s*([〇零一二三四五六七八九Oo]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日\s*[)]?$")


def parse_date_line(norm: str) -> date | None:
    """A line that is only a date ("2023年12月12日", "二〇二四年三月十二日", "2024-03-12")."""
    m = _DATE_ARABIC.match(norm)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _DATE_CN.match(norm)
        if m:
            year, month, day = (chinese_to_number(g.replace("O", "〇").replace("o", "〇")) for g in m.groups())
            if None in (year, month, day):
                return None
            return date(int(year), int(month), int(day))
    except ValueError:
        return None
    return None


def first_year(norm: str) -> int | None:
    """The first report-year-like mention in a line ("2023年", "二〇二三年"), ignoring ranges
    such as 2021-2025年."""
    m = _YEAR.search(norm)
    if m:
        return int(m.group(1))
    m = _YEAR_CN.search(norm)
    if m:
        value = chinese_to_number(m.group(1).replace("零", "〇"))
        return int(value) if value and 1900 <= value <= 2099 else None
    return None
