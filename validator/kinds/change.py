"""A stated change must follow from the two values given: 同比增长X%, 较上年增加N件, 下降X个百分点.

The forms that give both values: "由558件增加到1113件（增至、降至），增长99.5%（增幅为…）"; "收到申请
1113件，上年558件，同比增长99.5%", the earlier value named by 上年/去年 or by the year itself
("，2023年为558件"), before or after the change ("同比增长99.5%，上年同期为558件"); and lists,
"复议210件、诉讼64件，上年分别为180件、52件，同比分别增长16.7%、23.1%", each change against the same
place in both lists. The change after 增长/增加/下降/减少… is then recomputed: a percentage as
(本年−上年)÷上年, a count as the difference, 个百分点 as the difference of two rates; the direction
must match the verb. Rounding follows the text; approximate figures are skipped, and so are
average and real-terms changes (年均增长, 扣除价格因素实际增长), which are not the plain difference.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field

from ..arithmetic import Placed, sentence_excerpt, sentences, show, tolerance, decimals
from .base import Context, Hit, Outcome, Patterns, ScopedOptions, compile_any, scope_blocks

NAME = "yoy"
DETAILS = ("previous", "current", "computed", "found")  # placeholders its findings fill

_UP = "增长|增加|上升|提高|提升|增多|增幅|涨幅|增长幅度"
_DOWN = "下降|减少|降低|下滑|回落|降幅|减幅|下降幅度"
_VERB = re.compile(rf"({_UP}|{_DOWN})了?(?:为|达到?)?$")
_ANY_VERB = re.compile(rf"{_UP}|{_DOWN}")
_FROM = re.compile(r"(?:由|从)$")
_TO = re.compile(rf"^(?:(?:{_UP}|{_DOWN}|增|减|降|升|涨)?(?:至|到|为))$")


class Options(ScopedOptions):
    previous: Patterns = Field(("上年", "去年", "上一年度?", "上年度"), description="上一年数值前的用语（须紧接数值，可带“同期”“为”）；报告年度的上一年单独写在数值前（“，2023年为558件”）也算")
    unless: Patterns = Field(("平均", "年均", "可比价", "扣除", "实际"),
                             description="增减前出现这些用语时不是两数之差：年均增幅、按可比价格或扣除价格因素的实际增幅，不核对")


@lru_cache(maxsize=64)
def _previous_rx(previous: tuple[str, ...], year: int | None) -> re.Pattern:
    """Last year's value is named by a word of ``previous`` or by the year itself, just before it."""
    words = "(?:" + "|".join(previous) + r")(?:同期)?(?:为|是|的)?$"
    if year:  # the year alone, not "增加到2023年的" (the value reached) nor "由2023年的" (a start)
        words += rf"|(?:^|,|\()(?:较|比)?{year - 1}年度?(?:同期)?(?:为|是|的)?$"
    return re.compile(words)


def _comparable(a: Placed, b: Placed) -> bool:
    return a.figure.unit == b.figure.unit and a.exact and b.exact


def _pair(prev_rx: re.Pattern, placed: list[Placed], i: int) -> tuple[Placed, Placed] | None:
    """(previous, current) values that the change at ``i`` refers to: "由A到B" before it, or
    one value named as last year's anywhere in the sentence ("同比增长99.5%，上年同期为558件")
    and one comparable value before the change."""
    before = placed[:i]
    for k in range(len(before) - 1):
        a, b = before[k], before[k + 1]
        if _FROM.search(a.lead) and _TO.match(b.lead.strip(",")) and _comparable(a, b):
            return a, b
    prevs = [p for p in placed if p.index != i and prev_rx.search(p.lead.lstrip(",("))]
    if len(prevs) != 1:
        return None
    prev = prevs[0]
    currents = [p for p in before if p is not prev and _comparable(p, prev)]
    if len(currents) != 1:
        return None
    return prev, currents[0]


@lru_cache(maxsize=64)
def _respective_rx(previous: tuple[str, ...], year: int | None) -> re.Pattern:
    """"上年分别为180件、52件": last year's values of a list, in its order."""
    words = [*previous] + ([f"{year - 1}年度?"] if year else [])
    return re.compile("(?:" + "|".join(words) + r")(?:同期)?分别(?:为|是)?$")


def _respective(rx: re.Pattern, placed: list[Placed], i: int) -> list[tuple[Placed, Placed, Placed]]:
    """"复议案件210件、诉讼案件64件，上年分别为180件、52件，同比分别增长16.7%、23.1%": the n changes
    after 分别, each with the previous and current value of the same place in the two lists."""
    changes = [placed[i]]
    while i + len(changes) < len(placed) and placed[i + len(changes)].lead == "、":
        changes.append(placed[i + len(changes)])
    n = len(changes)
    k = next((k for k in range(i - 1, -1, -1) if rx.search(placed[k].lead.lstrip(",("))), None)
    if n < 2 or k is None or k < n or k + n > i:
        return []
    prevs, currents = placed[k:k + n], placed[k - n:k]
    if any(p.lead != "、" for p in prevs[1:]) or any("、" not in c.lead or "," in c.lead for c in currents[1:]):
        return []
    if not all(_comparable(a, b) and c.exact for a, b, c in zip(prevs, currents, changes)):
        return []
    return list(zip(changes, prevs, currents))


def _check_one(change: Placed, prev: Placed, cur: Placed, verb: str | None = None) -> Hit | None:
    verb = verb or _VERB.search(change.lead).group(1)
    down = re.fullmatch(_DOWN, verb) is not None
    a, b = prev.figure.value, cur.figure.value
    fig = change.figure
    if fig.unit == "个百分点":
        if not (prev.figure.is_percent and cur.figure.is_percent):
            return None
        computed, places, tol = b - a, decimals(fig), 0.5 * 10 ** -decimals(fig) + 1e-9
        shown = show(abs(computed), max(places, 1)) + "个百分点"
    elif fig.is_percent:
        if prev.figure.is_percent or a <= 0:
            return None
        computed, places, tol = (b - a) / a * 100, decimals(fig), tolerance(fig)
        shown = show(abs(computed), max(places, 1)) + "%"
    elif fig.unit == cur.figure.unit and not cur.figure.is_percent:
        computed, tol = b - a, 1e-6 + 0.5 * 10 ** -decimals(fig) * 10 ** (4 if "万" in fig.text else 0)
        shown = show(abs(computed)) + fig.unit
    else:
        return None
    wrong_way = (computed < 0) != down and abs(computed) > tol
    if not wrong_way and abs(abs(computed) - fig.value) <= tol:
        return None
    direction = ("减少" if computed < 0 else "增加") if wrong_way else verb
    return Hit(0, fig.text, {"previous": prev.figure.text, "current": cur.figure.text,
                             "computed": direction + shown, "found": verb + fig.text})


@lru_cache(maxsize=64)
def _cue(previous: tuple[str, ...], year: int | None) -> re.Pattern:
    """A paragraph names an earlier value: last year's words or 由/从 just before a number."""
    words = [*previous, "由", "从"] + ([f"{year - 1}年"] if year else [])
    return re.compile("(?:" + "|".join(words) + ")[^,。;0-9]{0,4}[0-9一二三四五六七八九十]")


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    hits: list[Hit] = []
    year = ctx.report.meta.year
    prev_rx = _previous_rx(tuple(options.previous), year)
    cue = _cue(tuple(options.previous), year)
    unless_rx = compile_any(tuple(options.unless))
    respective_rx = _respective_rx(tuple(options.previous), year)
    for block in blocks:
        if not _ANY_VERB.search(block.norm) or not cue.search(block.norm):
            continue  # no change stated, or no earlier value named: nothing to recompute
        for start, end, placed in sentences(block, ctx.report):
            for i, p in enumerate(placed):
                if i < 1 or not p.exact or not _VERB.search(p.lead) or unless_rx and unless_rx.search(p.lead):
                    continue
                if "分别" in p.lead:
                    verb = _VERB.search(p.lead).group(1)
                    found = [_check_one(c, a, b, verb) for c, a, b in _respective(respective_rx, placed, i)]
                else:
                    pair = _pair(prev_rx, placed, i)
                    found = [_check_one(p, *pair)] if pair else []
                for hit in found:
                    if hit is None:
                        continue
                    hit.line = block.line
                    hit.excerpt = sentence_excerpt(block, start, end)
                    hits.append(hit)
    if hits:
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
