"""The plan part plans the year after the report year.

The year is taken from the plan heading, else from a sentence that opens with a year followed by
one of the ``opening`` words ("2024年，石桥镇将…"); a plan that names no year is not a year error.
"""

from __future__ import annotations

import re

from ..dates import first_year
from ..normalize import normalize
from pydantic import Field

from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, RuleId, compile_any, excerpt

NAME = "plan-year"
DETAILS = ("found", "year", "expected")  # placeholders its findings fill


class Options(BaseOptions):
    part: RuleId = Field(description="找出计划部分的部分规则 id")
    offset: int = Field(1, description="计划年度比报告年度晚几年")
    opening: Patterns | None = Field(
        None, description="计划标题没有年度时：句首“N年”之后接这些词（“，”“将”“要”），该句的年度即计划年度")

    def parts_used(self) -> set[str]:
        return {self.part}



def _opening_year(words: tuple[str, ...]) -> re.Pattern:
    return compile_any((r"(?:^|。)((?:19|20)\d{2})年(?:度)?(?:" + "|".join(f"(?:{w})" for w in words) + ")",))


def check(options: Options, ctx: Context) -> Outcome:
    section = ctx.located.get(options.part)
    year = ctx.report.meta.year
    if section is None:
        return Outcome(not_applicable=f"未找到“{ctx.titles.get(options.part, options.part)}”部分")
    if year is None:
        return Outcome(not_applicable="未能确定报告年度")
    expected = year + options.offset
    found, line, snippet = first_year(normalize(section.label)), section.line, section.label
    if found is None and options.opening:
        opening = _opening_year(options.opening)
        for block in ctx.report.blocks_in(section)[1:]:
            m = opening.search(block.norm)
            if m:
                found, line, snippet = int(m.group(1)), block.line, excerpt(block, m.start(1), m.end())
                break
    if found is None:
        return Outcome(not_applicable="计划部分未写明年度")
    hit = Hit(line, snippet, {"found": found, "year": year, "expected": expected})
    return Outcome(evidence=hit) if found == expected else Outcome(violations=[hit])
