"""Quantitative figures in a normalised line: "120余次", "4.27万元", "百分之九十五", "两万余人次".

A reviewer counts a figure only when a number is tied to a measure word or is a rate; bare
numbers are years, dates, document numbers or hotlines ("2023年", "〔2019〕28号", "12345热线").
So a figure is number + unit, a percentage, or 个百分点, and everything else is left out.

Choices a caller should know:
- ``text``/``start``/``end`` cover the quantity itself: number, inner 余/多, scale, unit and a
  trailing 以上/左右. A leading 约/近/超(过)/逾/达(到) is reported in ``qualifier`` but kept
  outside the span, so rules can still read "满意率达到" just before ``start``.
- When a figure carries two qualifiers, the most telling one wins: inner 余/多, then trailing
  以上/左右, then the leading word.
- A range ("3-5个", "3至5个", "三四个") is one figure valued at its lower bound, qualifier None.
- 年 is not a unit (years), nor is 月 ("12月"); 个月 is. A number right after "<digit>月" is a day.
- Chinese numerals need a unit and a leading digit or 十 ("万家", "千家万户" are not numbers).
  A lone 一 counts only before a few plain measure words (一次, 一台, 一家), never in slogans
  ("最多跑一次", "一村一法律顾问", "一次性") or after 统/同/唯/逐….
- Figures inside 《》 titles or “” quotes are slogans or names ("“综合查一次”", "“八五”"), not data.
- A routine is not a result: a count of times after 每 + a period ("每季度召开一次", "每月1次")
  and a number right after 每 ("每两个月") are left out; so is a small count of abstractions
  ("三个方面", "两项机制", "一套").
- The word lists (measure words, slogans, the nouns and periods above) are data, in
  ``validator/data/figure_words.yaml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources

__all__ = ["Figure", "extract", "chinese_to_number"]


@dataclass(frozen=True)
class Figure:
    """One quantity as a reviewer reads it; value is in the base unit (万元 -> 元)."""

    text: str
    value: float
    unit: str
    qualifier: str | None
    start: int
    end: int
    is_percent: bool


# --- Chinese numerals -------------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_ALL = "零〇一二两三四五六七八九十百千万亿"
_MULTIPLIERS = frozenset("十百千万亿")
# No figure in a report is written with more characters than this ("九千九百九十九亿九千九百九十九万"
# is 16); longer runs are garbage, and converting them costs time and overflows a float.
_MAX_NUMERAL = 24


def _integer(s: str) -> int | None:
    """Positional Chinese integer ("一百零五", "一万二千", "两万五"); None when malformed."""
    if not s:
        return None
    if not any(c in _MULTIPLIERS for c in s):  # digit by digit: 二〇二三
        out = 0
        for c in s:
            d = _DIGITS.get(c)
            if d is None:
                return None
            out = out * 10 + d
        return out
    high = 0  # groups already multiplied by 亿
    wan = 0  # group already multiplied by 万
    section = 0  # current group below 万
    pending: int | None = None  # digit waiting for its multiplier
    last_small = 0  # last 十/百/千 in this group: they must descend
    last_big = 0  # 万/亿 just passed, for the shorthand "两万五"
    zero = False  # a 零 breaks the shorthand: "一百零五" is 105, "一百五" is 150
    for c in s:
        d = _DIGITS.get(c)
        if d is not None:
            if d == 0:
                zero = True
            elif pending is not None:
                return None  # two digits in a row: "十四五"
            else:
                pending = d
        elif c in _SMALL:
            m = _SMALL[c]
            if last_small and m >= last_small:
                return None
            if pending is None:
                if section and c != "十":
                    return None
                pending = 1  # "十" = 10; "百" alone (百分之百) = 100
            section += pending * m
            pending, last_small, last_big, zero = None, m, 0, False
        elif c in _BIG:
            if c == "万":
                group = section + (pending or 0)
                if not group or wan:
                    return None
                wan = group * 10_000
            else:
                group = wan + section + (pending or 0)
                if not group:
                    return None
                high = (high + group) * 100_000_000
                wan = 0
            section, pending, last_small, last_big, zero = 0, None, 0, _BIG[c], False
        else:
            return None
    if pending is not None:
        if not zero and last_small >= 100:
            pending *= last_small // 10  # "一百二" = 120, "三千五" = 3500
        elif not zero and last_big:
            pending *= last_big // 10  # "两万五" = 25000
        section += pending
    return high + wan + section


def chinese_to_number(s: str) -> float | None:
    """Value of a Chinese numeral: 一百二十 -> 120, 两 -> 2, 一万二千 -> 12000, 二〇二三 -> 2023.

    A trailing 余/多 is ignored (the caller reports it as the qualifier); 点 gives decimals
    ("九十九点五"). Returns None when the text is not a well-formed numeral ("十四五", "数十").
    """
    s = s.strip()
    while s and s[-1] in "余多":
        s = s[:-1]
    if not s or len(s) > _MAX_NUMERAL:
        return None
    if "点" in s:
        head, _, tail = s.partition("点")
        scale = 1
        if tail and tail[-1] in _BIG:
            scale, tail = _BIG[tail[-1]], tail[:-1]
        whole = _integer(head)
        if whole is None or not tail or any(c not in _DIGITS for c in tail):
            return None
        frac = "".join(str(_DIGITS[c]) for c in tail)
        return float(f"{whole}.{frac}") * scale
    value = _integer(s)
    return None if value is None else float(value)


# --- the combined pattern ---------------------------------------------------------------------

def _words(value) -> list[str]:
    """A word list from the data file: a YAML list, or one string of space-separated words."""
    return value.split() if isinstance(value, str) else list(value)


def _load_words() -> dict:
    from . import yaml_fast

    text = resources.files("validator.data").joinpath("figure_words.yaml").read_text(encoding="utf-8")
    return yaml_fast.safe_load(text)


_WORDS = _load_words()
_UNITS = _words(_WORDS["units"])


def _trie(words: list[str]) -> str:
    """Alternation as a prefix tree, 个(?:工作日|百分点|月)?: few branches to try, and the greedy
    optional tail makes the longest unit win (个工作日 over 个, 人次 over 人)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(k) + emit(v) for k, v in node.items() if k]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and len(alts[0]) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


_CN_DIGITS = "一二两三四五六七八九"
# One shared leading character class lets the regex engine skip ahead in C to the next digit
# or numeral; the boundary checks then look back from that character.
_LEAD = f"[0-9{_CN_DIGITS}十百]"
_NOT_MID_TOKEN = rf"(?<![0-9.A-Za-z第{_CN_ALL}数几].)"  # not inside 2023, 1.5, 第四, 数十, 二十
_NOT_DAY = rf"(?<![0-9]月.)(?<![{_CN_DIGITS}十]月.)"  # 12月12日: the 12 after 月 is a day
_ARABIC_REST = r"(?>[0-9]{0,2}(?:,[0-9]{3})+(?![0-9])|[0-9]*+)(?:\.[0-9]++)?"
_ARABIC = r"(?>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]++)(?:\.[0-9]++)?"
_CN_REST = f"[{_CN_ALL}]*+"
_CN = f"[{_CN_DIGITS}十]{_CN_REST}"

_FIGURE = re.compile(
    rf"""
    {_LEAD}{_NOT_MID_TOKEN}{_NOT_DAY}
    (?:
        (?<=百)分之(?P<p>{_ARABIC}|[{_CN_ALL}]++(?:点[零〇{_CN_DIGITS}]++)?)
      |
        (?:
            (?<=[0-9])(?P<a>{_ARABIC_REST})(?:[-~至](?P<a2>{_ARABIC}))?
          | (?<=[{_CN_DIGITS}十])(?P<c>{_CN_REST}(?:点[零〇{_CN_DIGITS}]++)?)(?:[-~至](?P<c2>{_CN}))?
        )
        (?P<q1>[余多])?(?P<s>[万亿千])?(?P<q2>[余多])?
        (?P<u>{_trie(_UNITS)})
    )
    (?P<post>以上|左右)?
    """,
    re.VERBOSE,
)
_SCALE_EXP = {"万": 4, "亿": 8, "千": 3}
_UNIT_ALIAS = {"百分点": "个百分点"}

_FIXED = re.compile("|".join(f"(?:{p})" for p in _WORDS["slogans"]))
_LONE_ONE_UNITS = frozenset(_words(_WORDS["lone_one_units"]))
_LONE_ONE_BLOCKERS = frozenset("".join(_words(_WORDS["lone_one_blockers"])))
_RHETORICAL_MAX = _WORDS["rhetorical_max"]
_RHETORICAL_UNITS = frozenset(_words(_WORDS["rhetorical_units"]))
_RHETORICAL_NOUNS = frozenset(_words(_WORDS["rhetorical_nouns"]))
_RHETORICAL_NOUN = re.compile(
    "[^0-9,.;:、。“”《》()]{0,4}?(?:" + "|".join(map(re.escape, sorted(_RHETORICAL_NOUNS))) + ")"
)
_FREQUENCY_UNITS = frozenset(_words(_WORDS["frequency_units"]))
_FREQUENCY = re.compile(
    "每(?:[0-9一二两三四五六七八九十半]{1,3}个?)?(?:" + "|".join(map(re.escape, _words(_WORDS["frequency_periods"]))) + ")"
)
_CLAUSE_END = re.compile("[,;:。、!?]")
_QUOTED = re.compile(r"《[^《》]*》|“[^“”]*”")  # a stray 《 stops at the next: linear
_ARTICLE_LIST = re.compile(rf"第[0-9{_CN_ALL}]+(?:[、,和及至-][0-9{_CN_ALL}]+)*[、,和及至-]$")
_LIST_SEPARATORS = frozenset("、,和及至-")
_PRE_QUALIFIERS = {"约": "约", "近": "近", "超": "超", "逾": "逾", "达": "达"}
_PRE_QUALIFIERS_2 = {"超过": "超", "达到": "达"}


def _pre_qualifier(line: str, start: int) -> str | None:
    if start >= 2 and line[start - 2:start] in _PRE_QUALIFIERS_2:
        return _PRE_QUALIFIERS_2[line[start - 2:start]]
    if start >= 1:
        q = _PRE_QUALIFIERS.get(line[start - 1])
        if q == "近" and start >= 2 and line[start - 2] == "最":
            return None  # 最近 = "most recent", not "nearly"
        return q
    return None


def _cn_value(token: str) -> float | None:
    """Chinese token as a count; two adjacent digits ("三四") are a range, so the lower one;
    "一点二" (before 万) is a decimal."""
    if "点" in token:
        return chinese_to_number(token)
    if len(token) >= 2 and not any(c in _MULTIPLIERS for c in token):
        if len(token) == 2:
            a, b = _DIGITS.get(token[0]), _DIGITS.get(token[1])
            if a and b and b == a + 1:
                return float(a)
        return None  # digit-by-digit strings are years or codes, not counts
    return chinese_to_number(token)


def _not_data(line: str, start: int, unit_end: int, value: float, unit: str, prev: str) -> bool:
    """A routine ("每季度召开一次") or a way of organising a sentence ("从三个方面") counts nothing."""
    if prev == "每":
        return True  # 每两个月, 每3年: an interval
    if unit in _FREQUENCY_UNITS:
        lo = max(0, start - 20)
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(line, lo, start)), default=lo)
        if _FREQUENCY.search(line, clause_start, start):
            return True
    if unit in _RHETORICAL_UNITS and value <= _RHETORICAL_MAX:
        return unit in _RHETORICAL_NOUNS or _RHETORICAL_NOUN.match(line, unit_end) is not None
    return False


def extract(line: str) -> list[Figure]:
    """All figures in one normalised line, in order of position."""
    out: list[Figure] = []
    quoted: list[tuple[int, int]] | None = None
    for m in _FIGURE.finditer(line):
        start, end = m.start(), m.end()
        if quoted is None:  # 《》 titles and “” slogans, found once per line and only if needed
            quoted = [q.span() for q in _QUOTED.finditer(line)] if ("《" in line or "“" in line) else []
        if quoted and any(a < start < b for a, b in quoted):
            continue
        pct, arabic, cn, q1, scale, q2, unit, post = m.group("p", "a", "c", "q1", "s", "q2", "u", "post")
        if pct is not None:
            value = float(pct.replace(",", "")) if pct[0] <= "9" else chinese_to_number(pct)
            if value is None or not math.isfinite(value):
                continue
            out.append(Figure(line[start:end], value, "%", post or _pre_qualifier(line, start), start, end, True))
            continue
        prev = line[start - 1] if start else ""
        if prev in _LIST_SEPARATORS and "第" in line[max(0, start - 40):start]:
            if _ARTICLE_LIST.search(line, max(0, start - 40), start):
                continue  # 第32、33条: the second article number
        if arabic is not None:
            digits = line[start:m.end("a")].replace(",", "")
            value = float(f"{digits}e{_SCALE_EXP[scale]}") if scale else float(digits)
        else:
            token = line[start:m.end("c")]
            if token == "一" and not scale:
                unit_end = m.end("u")
                if (
                    unit not in _LONE_ONE_UNITS
                    or prev in _LONE_ONE_BLOCKERS
                    or line.startswith("一", unit_end)  # 一案一评
                    or line.startswith("(", unit_end) and "一" in line[unit_end:unit_end + 8]  # 一村(社区)一
                ):
                    continue
            if _FIXED.match(line, start):
                continue
            base = _cn_value(token)
            if base is None:
                continue
            value = base * 10 ** _SCALE_EXP[scale] if scale else base
        if not math.isfinite(value) or _not_data(line, start, m.end("u"), value, unit, prev):
            continue  # a 400-digit "figure" is noise, and JSON has no Infinity
        unit = _UNIT_ALIAS.get(unit, unit)
        qualifier = q1 or q2 or post or _pre_qualifier(line, start)
        out.append(Figure(line[start:end], value, unit, qualifier, start, end, unit == "%"))
    return out
