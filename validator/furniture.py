"""Page furniture: what a web page wraps around a report and a scrape drags along.

A scraped report starts with "时间:2023-12-15来源:南山街道办事处" and ends with
"扫一扫在手机打开当前页"; a reviewer reads past them, so the outline must too. The header
line also carries the publication date and the publishing unit, which metadata wants.
"""

from __future__ import annotations

import re

_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})日?"
PUBLISHED = re.compile(rf"(?:发布|发表|更新|成文)?(?:时间|日期)\s*[:]?\s*{_DATE}")
SOURCE = re.compile(r"(?:信息)?来源\s*[:]\s*([^\s:|]{2,30}?)(?=\s|$|浏览|作者|发布|字号|字体|【|\||点击)")

_RESIDUE = re.compile(
    "|".join(
        [
            r"扫一扫在手机",
            r"手机扫一扫",
            r"在手机打开当前页",
            r"打印本页",
            r"关闭(本)?窗口",
            r"字号\s*[:]?\s*[【\[]?\s*大",
            r"字体\s*[:]?\s*[【\[]?\s*大",
            r"【\s*打印\s*】",
            r"浏览次数",
            r"访问(量|次数)",
            r"阅读(量|次数)",
            r"点击(数|量|次数)",
            r"^分享到",
            r"^当前位置",
            r"^您(现在)?的位置",
            r"^首页\s*[>›]",
            r"^上一篇",
            r"^下一篇",
            r"^今天是\s*[:]?\s*\d{4}年",
            r"\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]",
            r"农历\S{2,6}月",
            r"无障碍",
            r"简体\s*\|?\s*繁体",
            r"版权所有",
            r"ICP备",
            r"网站地图",
            r"网站标识码",
            r"主办单位\s*[:]",
            r"仅展示\d+字",
            r"全文共\d+字",
            r"部分已省略\d+字",
            r"www\.[a-z0-9-]+\.(com|cn|net|org)",
        ]
    )
)
_HEADER_ONLY = re.compile(rf"^(?:(?:发布|发表|更新)?(?:时间|日期)\s*[:]?\s*{_DATE}|(?:信息)?来源\s*[:]\S*|作者\s*[:]\S*|\s|\d{{1,2}}:\d{{2}}(:\d{{2}})?)+$")


_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_furniture(norm: str) -> bool:
    """True for a normalised line that is page residue rather than report text.

    A residue phrase inside a long paragraph (a watermark injected mid-sentence) does not make
    the paragraph residue: only lines that are little more than the residue itself are.
    """
    if not norm or len(norm) > 120:
        return False
    if _HEADER_ONLY.match(norm):
        return True
    if not _RESIDUE.search(norm):
        return False
    rest = _RESIDUE.sub("", norm)
    return len(norm) <= 40 or len(_CJK.findall(rest)) < 12


def header_date(norm: str) -> str | None:
    """The publication date in a page header line, as YYYY-MM-DD."""
    m = PUBLISHED.search(norm)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def header_source(norm: str) -> str | None:
    """The publishing unit in a page header line ("来源:南山街道办事处")."""
    m = SOURCE.search(norm + " ")
    return m.group(1) if m else None
