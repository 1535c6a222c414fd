"""The plan part plans the year after the report year.

The year is taken from the plan heading, else from a paragraph that opens with a year
("2024年，石桥镇将…"); a plan that names no year is not a year error.
"""

from __future__ import annotations

import re

from ..metadata import first_year
from ..normalize import normalize
from pydantic import Field

from .base import Context, Hit, Options as BaseOptions, Outcome, RuleId, excerpt

NAME = "plan-year"
DETAILS = ("found", "year", "expected")  # placeholders its findings fill


class Options(BaseOptions):
    part: RuleId = Field(description="找出计划部分的部分规则 id")
    offset: int = Field(1, description="计划年度比报告年度晚几年")

    def parts_used(self) -> set[str]:
        return {self.part}

_OPENING_YEAR = re.compile(r"(?:^|。)((?:19|20)\d{2})年(?:度)?(?:,|是|将|要|我|全|本|工作|重点)")


def check(options: Options, ctx: Context) -> Outcome:
    section = ctx.located.get(options.part)
    year = ctx.report.meta.year
    if section is None:
        return Outcome(not_applicable=f"未找到“{ctx.titles.get(options.part, options.part)}”部分")
    if year is None:
        return Outcome(not_applicable="未能确定报告年度")
    expected = year + options.offset
    found, line, snippet = first_year(normalize(section.label)), section.line, section.label
    if found is None:
        for block in ctx.report.blocks_in(section)[1:]:
            m = _OPENING_YEAR.search(block.norm)
            if m:
                found, line, snippet = int(m.group(1)), block.line, excerpt(block, m.start(1), m.end())
                break
    if found is None:
        return Outcome(not_applicable="计划部分未写明年度")
    hit = Hit(line, snippet, {"found": found, "year": year, "expected": expected})
    return Outcome(evidence=hit) if found == expected else Outcome(violations=[hit])
