"""A required part of the report, found by the role the outline gives it (validator/roles.py).

With ``role`` the part is the top-level part(s) of that role, a part of its own before one that
shares two roles: several thematic measures parts together form the measures; in a two-role part
("二、存在问题及下一步打算") the child that names the role is taken when there is one. Below the top
level, a sub-section whose own heading names the role counts down to ``levels`` (the 第一责任人 duty
is often "（三）…" inside the measures). Where the law asks only for content, ``body`` patterns
accept a paragraph instead of a heading. The evidence says which signals decided; a missing part's
finding has no excerpt (nothing in the report is it), and its message (``{outline}``) lists what the
parts were taken to be. A part that is there but nearly empty is reported as ``.empty``.

``headings`` instead of ``role`` keeps the older matching for a user's own part rules: heading
patterns (with ``exclude``), and with ``fallback: leading`` the top-level parts before the first
part other rules found. ``headings`` next to ``role`` (an older options override) add words to
that role.

Paraphrased first responsibility: the national ``body`` patterns accept a leader of the unit
(主要负责同志, 党委书记, 局长, 镇长, 区长…, never a 副职) together with an action of theirs on rule-of-law
work (亲自部署, 主持召开…研究法治, 带头, 督办, 述法) in one sentence. A bare 述法 (开展述法评议) or a
领导小组 alone says nothing about what the principal leader did, so neither is enough. Nor is what
the plan part promises or the shortcomings part regrets: body evidence and sub-sections are taken
outside them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from pydantic import Field, model_validator

from ..normalize import normalize
from ..outline import Section
from ..roles import NAMES, merge_roles
from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, excerpt, pattern

NAME = "part"
CHECKS = {"empty": "部分已找到，但字数少于 min_chars"}
DETAILS = ("chars", "min", "outline")  # placeholders its findings fill
LOCATES = True  # what it finds is the scope of other rules ("causes inside the shortcomings part")


class Options(BaseOptions):
    role: Literal["measures", "shortcomings", "first-responsibility", "plan", "other", "annex"] | None = Field(
        None, description="部分的作用（validator/roles.py）：按作用找部分")
    headings: Patterns | None = Field(None, description="不用 role 时：标题须含的文字；与 role 同用时：为该作用增加的标题用语")
    exclude: Patterns | None = Field(None, description="不用 role 时：标题含这些文字则不算")
    levels: int = Field(1, ge=1, le=4, description="向下查找到第几级标题")
    body: Patterns | None = Field(None, description="没有这样的标题时，正文中可代替的表述")
    min_chars: int = Field(0, ge=0, description="部分少于多少字视为空（子项 empty）")
    fallback: Literal["leading"] | None = Field(
        None, description="leading：其他部分规则找到的第一个部分之前的各部分")

    @model_validator(mode="after")
    def _role_or_headings(self):
        if self.role is None and self.headings is None:
            raise ValueError("需要 role 或 headings")
        return self

    def needs_every_part(self) -> bool:
        return self.fallback is not None


def check(options: Options, ctx: Context) -> Outcome:
    found = _by_role(options, ctx) if options.role else _by_headings(options, ctx)
    if found is not None:
        section, why = found
        return _found(options, ctx, section, why)
    body = pattern(options, "body")
    if body:
        report = ctx.report
        role = options.role
        roles = report.roles_for(_words(options, ctx)) if role else None
        elsewhere = _REVIEWLESS - {role}
        for block in report.body:
            if roles is not None and roles.only_in(report.section_at(block.line), elsewhere):
                continue  # a plan's promise or a shortcoming is not evidence of what was done
            m = body.search(block.norm)
            if m:
                return Outcome(evidence=Hit(block.line, excerpt(block, m.start(), m.end())))
    # Nothing in the report is the part: no excerpt, and the message says what the parts were taken to be.
    return Outcome(violations=[Hit(0, "", {"outline": _outline_summary(options, ctx)})])


def _outline_summary(options: Options, ctx: Context) -> str:
    """What the parts were taken to be, so a reviewer sees why none of them is this part."""
    report = ctx.report
    if not report.sections:
        return "报告没有可识别的标题，未分出部分"
    roles = report.roles_for(_words(options, ctx))
    return "；".join(
        f"{p.label}（{'、'.join(NAMES[r] for r in roles.of(p).roles) or NAMES['none']}）" for p in report.sections
    )


# Parts that say what is to be done or what went wrong, not what was done.
_REVIEWLESS = {"plan", "shortcomings"}
_EXTENDED: dict[tuple, tuple[dict, dict]] = {}


def _words(options: Options, ctx: Context) -> dict:
    """The profile's role words, with the rule's own ``headings`` added to its role."""
    extra = tuple(options.headings or ())
    if not extra:
        return ctx.roles
    base = ctx.roles or ctx.report.role_words
    key = (id(base), options.role, extra)
    hit = _EXTENDED.get(key)
    if hit is None or hit[0] is not base:
        if len(_EXTENDED) >= 64:
            _EXTENDED.clear()
        hit = _EXTENDED[key] = (base, merge_roles(base, {options.role: {"headings": list(extra)}}))
    return hit[1]


def _by_role(options: Options, ctx: Context) -> tuple[Section, str] | None:
    role = options.role
    roles = ctx.report.roles_for(_words(options, ctx))
    parts = roles.parts_with(role)
    parts = [p for p in parts if roles.of(p).roles == (role,)] or parts  # a part of its own first
    if role != "measures":
        parts = parts[:1]
    if parts:
        sections = [s for p in parts for s in _narrow(roles, p, role)]
        # one part: all its reasons; several: the deciding (last) reason of each, once
        reasons = roles.of(parts[0]).reasons if len(parts) == 1 else [roles.of(p).reasons[-1] for p in parts]
        return _together(sections), "；".join(dict.fromkeys(reasons))
    subs = roles.sections_with(role, options.levels)
    if subs:
        return subs[0], "；".join(roles.of(subs[0]).reasons)
    return None


def _narrow(roles, part: Section, role: str) -> list[Section]:
    """In a two-role part, the children whose own heading names the role; else the whole part."""
    if len(roles.of(part).roles) < 2:
        return [part]
    own = [c for c in part.children if roles.of(c).own and role in roles.of(c).roles]
    return own or [part]


def _together(sections: list[Section]) -> Section:
    """Consecutive parts of one role read as one part: "一、…等3个部分"."""
    if len(sections) == 1:
        return sections[0]
    first, last = sections[0], sections[-1]
    return replace(first, label=f"{first.label}等{len(sections)}个部分", end=last.end,
                   children=[c for s in sections for c in s.children])


def _by_headings(options: Options, ctx: Context) -> tuple[Section, str] | None:
    report = ctx.report
    want, avoid = pattern(options, "headings"), pattern(options, "exclude")
    for level in range(1, options.levels + 1):
        for section in report.all_sections:
            if section.level != level:
                continue
            text = normalize(section.label)
            if want and want.search(text) and not (avoid and avoid.search(text)):
                return section, ""
    if options.fallback == "leading":
        leading = _leading_parts(ctx)
        if leading:
            return leading, ""
    return None


def _leading_parts(ctx: Context) -> Section | None:
    """The top-level parts before the first part other rules located, taken together."""
    report = ctx.report
    claimed = {id(report.part_of(s)) for s in ctx.located.values() if s is not None}
    if not claimed:
        return None
    first_claimed = min(p.line for p in report.sections if id(p) in claimed)
    leading = [p for p in report.sections if p.line < first_claimed]
    return _together(leading) if leading else None


def _found(options: Options, ctx: Context, section: Section, why: str) -> Outcome:
    blocks = ctx.report.blocks_in(section)
    chars = sum(len(b.norm) for b in blocks) - len(normalize(section.label))
    shown = f"{section.label}（{NAMES[options.role]}：{why}）" if why else section.label
    outcome = Outcome(evidence=Hit(section.line, shown), located=section)
    minimum = options.min_chars
    if chars < minimum:
        outcome.violations.append(
            Hit(section.line, section.label, {"chars": chars, "min": minimum}, check="empty")
        )
    return outcome
