"""What every rule kind shares: its input (options, report, what other rules located) and output.

A kind only says where a requirement is met or broken; the engine stamps the rule id, severity,
legal basis and fix onto what it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..document import Block
from ..outline import Section
from ..report import Report


@dataclass
class Hit:
    """A place where a rule found its evidence, or found it broken.

    ``detail`` fills the placeholders of the rule's message ("{found}", "{year}"); ``suffix`` names
    a sub-check, so the finding's rule id becomes ``<id>.<suffix>`` and the message its own;
    ``variant`` picks one of the rule's messages while the finding keeps the rule's own id.
    """

    line: int = 0
    excerpt: str = ""
    detail: dict = field(default_factory=dict)
    suffix: str = ""
    variant: str = ""


@dataclass
class Outcome:
    violations: list[Hit] = field(default_factory=list)
    evidence: Hit | None = None
    not_applicable: str | None = None
    located: Section | None = None  # what a part rule found, for rules scoped to it


@dataclass
class Context:
    """What the engine knows while running one profile over one report."""

    report: Report
    located: dict[str, Section | None] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # rule id -> title, for messages
    roles: dict = field(default_factory=dict)  # the profile's role words; empty: the bundled ones


@lru_cache(maxsize=2048)
def compile_any(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One alternation for a list of patterns; None for an empty list."""
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def pattern(options: dict, key: str) -> re.Pattern | None:
    return compile_any(tuple(options.get(key) or ()))


def excerpt(block: Block, start: int = 0, end: int | None = None, width: int = 40) -> str:
    """A short display snippet around a match (positions in the normalised line), shown as written."""
    text = block.norm
    if end is None:
        end = min(len(text), start + width)
    lo = max(0, start - (width - (end - start)) // 2)
    hi = min(len(text), max(end, lo + width))
    snippet = block.original(lo, hi)
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def scope_blocks(options: dict, ctx: Context) -> tuple[list[Block] | None, str | None]:
    """The blocks a rule looks at, or (None, reason) when the rule does not apply here:
    its ``applies_if`` condition fails or its scope part is missing."""
    reason = applies(options, ctx)
    if reason:
        return None, reason
    scope = options.get("scope", "document")
    report = ctx.report
    if scope == "document":
        return report.body, None
    if scope == "parts":
        return [b for b in report.body if report.section_at(b.line) is not None], None
    section = ctx.located.get(scope)
    if section is None:
        title = ctx.titles.get(scope, scope)
        return None, f"未找到“{title}”部分，无法检查"
    blocks = report.blocks_in(section)
    if blocks and blocks[0].line == section.line and not section.run_in:
        blocks = blocks[1:]  # the part's own heading names the part; it is not its content
    return blocks, None


def applies(options: dict, ctx: Context) -> str | None:
    """None when the rule applies to this report; otherwise the reason it does not."""
    cond = options.get("applies_if")
    if not cond:
        return None
    rx = compile_any(tuple(cond["patterns"]))
    hits = sum(len(rx.findall(b.norm)) for b in ctx.report.body)
    if hits >= cond.get("min", 1):
        return None
    return cond.get("reason", "报告未涉及本项内容")


def near(block: Block, start: int, end: int, rx: re.Pattern | None, within: int) -> bool:
    """True when ``rx`` matches within ``within`` characters of a span (same paragraph)."""
    if rx is None:
        return False
    lo, hi = max(0, start - within), min(len(block.norm), end + within)
    return rx.search(block.norm, lo, hi) is not None
