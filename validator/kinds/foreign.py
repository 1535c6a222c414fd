"""Text that belongs to another kind of unit or of report.

A report assembled from other texts keeps their voice: a city government's report saying
"局党委会""全局干部" (the 司法局's draft), a street office promoting "全局各项工作" or writing
"我镇", a 政府信息公开工作年度报告's closing formula ("本报告中所列数据的统计期限…"). Each entry of
``foreign`` names the units it applies to, by profile (validator/units.py: county-government,
township, department) and/or by a pattern on the unit's name (街道), and the words foreign there;
an entry without units applies to every report.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..textindex import joined
from ..units import kind_of
from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, compile_any, excerpt

NAME = "foreign-subject"
DETAILS = ("found", "what")  # placeholders its findings fill


class Foreign(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    what: str = Field(min_length=1, description="这些用语属于什么（“部门的自称”）")
    patterns: Patterns = Field(description="不属于本报告的用语")
    profiles: tuple[str, ...] = Field((), description="适用于哪些报告主体（规则配置名）；都不写则适用于所有报告")
    units: tuple[str, ...] = Field((), description="适用于名称符合这些模式的报告主体（“街道”）")


class Options(BaseOptions):
    foreign: tuple[Foreign, ...] = Field(min_length=1, description="各类报告主体不应出现的他人用语")


def _applies(entry: Foreign, unit: str | None, profile: str | None) -> bool:
    if not entry.profiles and not entry.units:
        return True
    if profile and profile in entry.profiles:
        return True
    return bool(unit) and any(re.search(p, unit) for p in entry.units)


def check(options: Options, ctx: Context) -> Outcome:
    meta = ctx.report.meta
    kind = kind_of(meta.unit)
    profile = kind.profile if kind else (meta.cue.kind.profile if meta.cue else None)
    entries = [e for e in options.foreign if _applies(e, meta.unit, profile)]
    hits: list[Hit] = []
    for entry in entries:
        # One scan per pattern (each opens with a literal, fast); overlapping matches are one finding.
        found = sorted(((b.line, start, end, b) for p in entry.patterns
                        for b, start, end in joined(ctx.report).find(compile_any((p,)))), key=lambda t: t[:3])
        last = (0, -1)
        for line, start, end, block in found:
            if line == last[0] and start < last[1]:
                continue
            last = (line, end)
            hits.append(Hit(line, excerpt(block, start, end), {"found": block.original(start, end), "what": entry.what}))
    if hits:
        hits.sort(key=lambda h: h.line)
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
