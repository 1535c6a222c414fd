"""Page furniture: what a web page wraps around a report and a scrape drags along.

A scraped report starts with "今天是…星期…", a breadcrumb, the column's name and a "时间:… 来源:…"
line, repeats its title, and ends with "扫一扫在手机打开当前页" and the site's copyright; a
reviewer reads past them, so the outline must too. Most of it is recognised line by line
(``is_furniture``); a column name alone on a line, a news headline around a reposted report and
a repeated title are recognised by where they stand, around the title (``mark_page_head``).
The header line also carries the publication date and the publishing unit, which metadata wants.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .document import Block
from .numbering import HEADING_START
from .titles import names_report, news_headline, strip_title
from .units import is_unit

_DATE = r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})日?"
_DATE_RX = re.compile(_DATE)
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?")
# Labels of a page header line, in any order: "发布时间：… | 来源：… | 浏览次数：…".
_LABEL = (
    r"(?:发布|发文|成文|更新|发表|公开|印发|上传)?(?:时间|日期)|(?:文章|信息|稿件|新闻)?来源|来自|作者|"
    r"(?:责任)?编辑|发布(?:者|机构|单位)|(?:浏览|访问|点击|阅读)(?:次数|量|数|率)?|字体|字号|"
    r"索引号|(?:主题)?分类|发文字号|文号|发文机关|所属机构|有效性|供稿"
)
_FIELD = re.compile(rf"(?:{_LABEL})\s*(?:[:|]|(?=\d{{4}}))")
_SOURCE_LABEL = re.compile(r"^(?:(?:文章|信息|稿件|新闻)?来源|来自|发布(?:机构|单位))")
_TOOLBAR_WORD = r"(?:打印(?:本页|此页|文章)?|关闭(?:本页|窗口|本窗口)?|收藏|分享(?:到)?|返回顶部|返回|保存|纠错|我要纠错|大|中|小)"
_TOOLBAR = re.compile(rf"^(?:[【\[]?\s*{_TOOLBAR_WORD}\s*[】\]]?\s*[|]?\s*)+$")

# A breadcrumb without 首页: "政务公开 > 法治政府建设 > 年度报告" (two separators at least).
_CRUMB_SEP = re.compile(r"\s*(?:>>|>|›|»|→)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE = re.compile(r"[。;!?]")


def _header_fields(norm: str) -> list[tuple[str, str]] | None:
    """(label, value) pairs when the whole line is a page header line, else None.

    Linear: the line is cut at its labels, so no pattern backtracks over a long header.
    """
    if len(norm) > 120 or _SENTENCE.search(norm):
        return None
    marks = list(_FIELD.finditer(norm))
    if not marks:
        return None
    lead = norm[: marks[0].start()].strip(" |")
    if lead and not (_DATE_RX.fullmatch(lead.split(" ")[0]) or _TOOLBAR.match(lead)):
        return None
    fields = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(norm)
        label = m.group().rstrip(":| ")
        value = norm[m.end():end].strip(" |")
        if len(value) > 40:
            return None
        fields.append((label, value))
    return fields


def is_furniture(norm: str) -> bool:
    """True for a normalised line that is page residue rather than report text.

    A residue phrase inside a long paragraph (a watermark injected mid-sentence) does not make
    the paragraph residue: only lines that are little more than the residue itself are.
    """
    if not norm or len(norm) > 120:
        return False
    if _header_fields(norm) is not None or _TOOLBAR.match(norm):
        return True
    if len(_CRUMB_SEP.findall(norm)) >= 2 and not _SENTENCE.search(norm) and all(
        0 < len(p) <= 16 for p in _CRUMB_SEP.split(norm)
    ):
        return True
    if not _residue().search(norm):
        return False
    rest = _residue().sub("", norm)
    return len(norm) <= 40 or len(_CJK.findall(rest)) < 12


def _valid(y: str, mo: str, d: str) -> str | None:
    y_, mo_, d_ = int(y), int(mo), int(d)
    if not (1 <= mo_ <= 12 and 1 <= d_ <= 31):
        return None
    return f"{y_:04d}-{mo_:02d}-{d_:02d}"


def header_date(norm: str) -> str | None:
    """The publication date in a page header line, as YYYY-MM-DD.

    A labelled date (发布时间/发布日期/更新时间/日期/时间) wins; a header line that only starts
    with a date ("2024-03-28 09:18 来源：…") gives that date. 成文日期 is the signing, not the
    publication, so it is used only when nothing else is there.
    """
    fields = _header_fields(norm)
    if fields is None:
        return None
    fallback = None
    for label, value in fields:
        m = _DATE_RX.match(value)
        if m and label.endswith(("时间", "日期")):
            if label.startswith(("成文", "发文", "印发")):
                fallback = fallback or _valid(*m.groups())
                continue
            return _valid(*m.groups())
    m = _DATE_RX.match(norm)
    if m:
        return _valid(*m.groups())
    return fallback


def header_source(norm: str) -> str | None:
    """The publishing unit in a page header line ("来源:南山街道办事处")."""
    for label, value in _header_fields(norm) or []:
        if _SOURCE_LABEL.match(label) and value:
            value = re.split(r"[\s|【\[]", value)[0]
            return value if len(value) >= 2 and _CJK.search(value) else None
    return None


@lru_cache(maxsize=1)
def _words() -> dict:
    """rules/page-furniture.yaml: the site columns and the residue phrases a province extends."""
    from . import yaml_fast

    from .ruleset import rules_dir

    return yaml_fast.safe_load((rules_dir() / "page-furniture.yaml").read_text(encoding="utf-8")) or {}


def column_names() -> frozenset[str]:
    """Names of site columns that stand alone above a report."""
    return frozenset(_words().get("columns", []))


@lru_cache(maxsize=1)
def _residue() -> re.Pattern:
    """Web page residue in a line of the report: toolbars, counters, footers, navigation."""
    return re.compile("|".join(f"(?:{p})" for p in _words().get("residue", [])) or r"(?!)")


_HEAD = 16  # a page head is never longer than this many blocks
_LEAD_END = re.compile(r"(如下|全文如下|报告如下)\s*[:。]?$")


def _is_body(block: Block) -> bool:
    """Running text or a numbered heading: the page head ends before it."""
    norm = block.norm
    return len(norm) > 80 or bool(_SENTENCE.search(norm)) or bool(HEADING_START.match(norm))


def _fragment(block: Block) -> bool:
    """A line that can be one line of a title set over several."""
    norm = block.norm
    return not block.furniture and len(norm) <= 80 and not _SENTENCE.search(norm) and not HEADING_START.match(norm)


def _title_window(head: list[Block], start: int) -> tuple[int, int] | None:
    """The first run of 1–3 lines from ``start`` that together name the report, widened to a
    unit line (or two, for a joint 党委 + 政府 title) standing above it."""
    for end in range(start, len(head)):
        if not _fragment(head[end]):
            if _is_body(head[end]):
                return None
            continue
        for first in range(end, max(start, end - 2) - 1, -1):
            if not all(_fragment(b) for b in head[first:end + 1]):
                break
            text = "".join(b.norm for b in head[first:end + 1])
            if names_report(text):
                while first > start and first > end - 3 and _fragment(head[first - 1]) \
                        and is_unit(head[first - 1].norm) and head[first - 1].norm not in column_names():
                    first -= 1
                return first, end
    return None


def _maybe_column(norm: str) -> bool:
    """A short line above the title that can be a column name: not a unit, not a document
    number, not the 附件 label or red header (…文件) of an official document."""
    return len(norm) <= 20 and not is_unit(norm) and not re.search(r"[〔\[(]|^附件|^附表|文件$", norm)


def mark_page_head(blocks: list[Block], web: bool = True) -> list[Block]:
    """Settle the page head: the title (one block, even when set over several lines), and the
    column name, news headline, lead-in and repeated title around it as furniture.

    The title is the run of lines that names the report, wherever it stands in the head. A
    headline that reports a publication ("X部发布2023年法治政府建设年度报告") followed by a lead
    ending "具体报告如下" is the news around a report: the report's own title follows it, or,
    when none does, the headline is all the title there is. Lines above the title are marked
    only in ``web`` copies (text scrapes, pages): above a Word or PDF title stand the
    document's own 版头 and 文号.
    """
    content = [i for i, b in enumerate(blocks) if not b.furniture][:_HEAD]
    head = [blocks[i] for i in content]
    if not head:
        return blocks
    furniture: set[int] = set()  # positions in head
    start = 0
    window = _title_window(head, start)
    headline = None
    if window and window[0] == window[1] and news_headline(head[window[0]].norm):
        headline = window[0]
        lead = next((j for j in range(headline + 1, min(headline + 4, len(head)))
                     if _LEAD_END.search(head[j].norm)), None)
        if lead is not None:
            furniture.update(range(headline + 1, lead + 1))
            start = lead + 1
            window = _title_window(head, start)
            if window:
                furniture.add(headline)
            else:
                window = (headline, headline)
        else:
            window = (headline, headline)
    if window is None:
        for j, block in enumerate(head):
            if _is_body(block):
                break
            if web and block.norm in column_names():
                furniture.add(j)
        return _apply(blocks, content, furniture, None)
    first, end = window
    for j in range(0, first):
        block = head[j]
        if j in furniture or _is_body(block):
            continue
        if web and (block.norm in column_names() or _maybe_column(block.norm)):
            furniture.add(j)
    title_norm = strip_title("".join(b.norm for b in head[first:end + 1]))
    for j in range(end + 1, min(end + 6, len(head))):
        if _is_body(head[j]):
            break
        if strip_title(head[j].norm) == title_norm:
            furniture.add(j)
    return _apply(blocks, content, furniture, (first, end))


def _apply(blocks: list[Block], content: list[int], furniture: set[int],
           window: tuple[int, int] | None) -> list[Block]:
    out = list(blocks)
    for j in furniture:
        out[content[j]] = replace(out[content[j]], furniture=True)
    if window is not None:
        first, end = window
        parts = [out[content[j]] for j in range(first, end + 1)]
        text = "".join(p.text.strip() for p in parts)
        out[content[first]] = replace(parts[0], text=text, norm="".join(p.norm for p in parts), is_title=True)
        for j in range(end, first, -1):
            del out[content[j]]
    return out
