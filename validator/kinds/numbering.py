"""Heading numbers run in order: no number skipped or repeated, no rung of the ladder left out.

Reviewers catch "一、二、四、" (a part lost in editing), two "一、" in a row (two templates pasted
together) and a part that goes straight from "三、" to "1." while every other part uses "（一）"
(the missing rung is usually a lost heading). Siblings are compared within one parent and one
numbering style, so "1." lists restarting under each "（一）" are in order.
"""

from __future__ import annotations

from ..figures import chinese_to_number
from ..outline import Section
from .base import Context, Hit, Options as BaseOptions, Outcome

NAME = "numbering"
CHECKS = {
    "repeat": "同一层级出现两个相同序号",
    "level": "一个部分跳过了其他部分都使用的标题层级",
}
DETAILS = ("found", "expected", "previous")  # placeholders its findings fill

_STRIP = "()、.第部分"


class Options(BaseOptions):
    """No options: the outline gives the headings and their styles."""


def _value(number: str) -> int | None:
    core = number.strip(_STRIP)
    if not core:
        return None
    if core.isascii() and core.isdigit():  # "①".isdigit() is true too, and int() refuses it
        return int(core)
    if len(core) == 1 and "\u2460" <= core <= "\u2473":
        return ord(core) - 0x2460 + 1
    value = chinese_to_number(core)
    return int(value) if value is not None else None


def _siblings(children: list[Section], after: int, body, hits: list[Hit]) -> None:
    """Check one parent's sub-headings; ``after`` is the parent's line (0 for the top level)."""
    last: dict[str, tuple[int, Section]] = {}
    for section in children:
        value = _value(section.number)
        if value is None:
            continue
        previous = last.get(section.style)
        expected = previous[0] + 1 if previous else 1
        if previous and value == previous[0]:
            hits.append(Hit(section.line, section.label, {"found": _shown(section, section.number),
                                                          "previous": previous[1].line}, check="repeat"))
        elif value > expected:
            written = _written(section.number, expected)
            since = previous[1].line if previous else after
            # A numbered paragraph too long to be a heading still holds its number ("(2)全面落实…").
            if not any(since < b.line < section.line and b.norm.startswith(written) for b in body):
                hits.append(Hit(section.line, section.label, {"found": _shown(section, section.number),
                                                              "expected": _shown(section, written)}))
        last[section.style] = (value, section)


def _shown(section: Section, number: str) -> str:
    """A number in the brackets the report writes: the outline compares "(三)", the report has "（三）"."""
    if section.label.startswith("（"):
        return number.replace("(", "（").replace(")", "）")
    return number


_CN = "零一二三四五六七八九"
_LADDER = {"part": "第一部分", "cn": "一、", "pcn": "（一）", "num": "1.", "pnum": "（1）", "circ": "①"}


def _written(number: str, value: int) -> str:
    """The expected number in the style written ("（三）", "3.")."""
    core = number.strip(_STRIP)
    if core.isascii() and core.isdigit():
        text = str(value)
    elif value <= 10:
        text = "十" if value == 10 else _CN[value]
    else:
        text = ("" if value < 20 else _CN[value // 10]) + "十" + (_CN[value % 10] if value % 10 else "")
    return number.replace(core, text, 1)


def _level_gaps(roots: list[Section], hits: list[Hit]) -> None:
    """A top-level part whose first sub-heading skips the rung every other part uses below it."""
    firsts = {r.line: r.children[0].style for r in roots if r.children}
    if len(firsts) < 3:
        return
    styles = list(firsts.values())
    usual = max(set(styles), key=styles.count)
    if styles.count(usual) < len(styles) - 1:
        return  # no settled ladder to compare with
    from ..outline import _rank  # the ladder depth the outline uses

    for root in roots:
        if root.children and root.children[0].style != usual and _rank(root.children[0].style) > _rank(usual):
            child = root.children[0]
            hits.append(Hit(child.line, child.label, {"found": child.number, "expected": _LADDER.get(usual, usual)}, check="level"))


def check(options: Options, ctx: Context) -> Outcome:
    report = ctx.report
    hits: list[Hit] = []
    _siblings(report.sections, 0, report.body, hits)
    for section in report.all_sections:
        if section.children:
            _siblings(section.children, section.line, report.body, hits)
    _level_gaps(report.sections, hits)
    hits.sort(key=lambda h: h.line)
    if hits:
        return Outcome(violations=hits)
    first = report.sections[0] if report.sections else None
    return Outcome(evidence=Hit(first.line, first.label) if first else Hit(0, ""))
