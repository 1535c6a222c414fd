"""What every rule kind shares: its input (options, report, what other rules located) and output.

A kind only says where a requirement is met or broken; the engine stamps the rule id, severity,
legal basis and fix onto what it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from ..document import Block
from ..outline import Section
from ..report import Report


Patterns = Annotated[tuple[Annotated[str, Field(min_length=1)], ...], Field(min_length=1)]
RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$")]
Scope = Annotated[str, Field(pattern=r"^(document|parts|[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+)$",
                             description="document（全文）、parts（各部分标题下的正文）或某条部分规则的 id")]


class Options(BaseModel):
    """A kind's options: every key a rule file may set, with its default and what it means.

    The rule-file JSON Schema's branch for the kind is checked against this model (tests), and a
    rule's options are parsed into it when the rule file loads, so a wrong type stops the load.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    def parts_used(self) -> set[str]:
        """Ids of the part rules these options refer to: they must exist and locate a part."""
        return set()

    def needs_every_part(self) -> bool:
        """True when the rule reads what every other part rule located, so it runs after them."""
        return False


class AppliesIf(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    patterns: Patterns = Field(description="报告中须出现的词语")
    min: int = Field(1, ge=1, description="至少出现的次数")
    reason: str = Field(min_length=1, description="未出现时“不适用”的理由")


class ScopedOptions(Options):
    """Options of the kinds that read a part of the report."""

    scope: Scope = "document"
    applies_if: AppliesIf | None = Field(None, description="报告涉及某项内容时才检查；否则为不适用")

    def parts_used(self) -> set[str]:
        return {self.scope} - {"document", "parts"}


@dataclass
class Hit:
    """A place where a rule found its evidence, or found it broken.

    ``detail`` fills the placeholders of the rule's message ("{found}", "{year}"); ``check`` names
    a sub-check (one of the kind's CHECKS), shown as ``<id>.<check>`` with the message of its own;
    ``variant`` picks one of the rule's messages while the finding keeps the rule's own id.
    """

    line: int = 0
    excerpt: str = ""
    detail: dict = field(default_factory=dict)
    check: str = ""
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


def per_options(build):
    """Cache what ``build`` derives from a rule's options, keyed by the options object itself:
    hashing a frozen pydantic model (and comparing it on a hit) costs more than the regex
    compile it would save, so the key is identity, checked against the object kept alive."""
    cache: dict[int, tuple[Options, object]] = {}

    @wraps(build)
    def derived(options):
        hit = cache.get(id(options))
        if hit is None or hit[0] is not options:
            if len(cache) >= 512:
                cache.clear()  # a long-running server loading many users' rule files
            hit = cache[id(options)] = (options, build(options))
        return hit[1]

    return derived


def pattern(options: Options, key: str) -> re.Pattern | None:
    return compile_any(tuple(getattr(options, key) or ()))


def excerpt(block: Block, start: int = 0, end: int | None = None, width: int = 40) -> str:
    """A short display snippet around a match (positions in the normalised line), shown as written."""
    text = block.norm
    if end is None:
        end = min(len(text), start + width)
    lo = max(0, start - (width - (end - start)) // 2)
    hi = min(len(text), max(end, lo + width))
    snippet = block.original(lo, hi)
    return ("…" if lo > 0 else "") + snippet + ("…" if hi < len(text) else "")


def scope_blocks(options: ScopedOptions, ctx: Context) -> tuple[list[Block] | None, str | None]:
    """The blocks a rule looks at, or (None, reason) when the rule does not apply here:
    its ``applies_if`` condition fails or its scope part is missing."""
    reason = applies(options, ctx)
    if reason:
        return None, reason
    scope = options.scope
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


def applies(options: ScopedOptions, ctx: Context) -> str | None:
    """None when the rule applies to this report; otherwise the reason it does not."""
    cond = options.applies_if
    if cond is None:
        return None
    rx = compile_any(cond.patterns)
    hits = sum(len(rx.findall(b.norm)) for b in ctx.report.body)
    return None if hits >= cond.min else cond.reason


def near(block: Block, start: int, end: int, rx: re.Pattern | None, within: int) -> bool:
    """True when ``rx`` matches within ``within`` characters of a span (same paragraph)."""
    if rx is None:
        return False
    lo, hi = max(0, start - within), min(len(block.norm), end + within)
    return rx.search(block.norm, lo, hi) is not None
