"""How much of this year's report is last year's, with ``check --previous LAST_YEAR_REPORT``.

A report rewritten from last year's keeps whole sentences, and with them last year's figures
(defect D2/D4: stale templates, identical passages). Sentences are compared after normalisation,
punctuation and spaces removed (the key of reuse.duplicate-passage); the share of this year's
sentences found in last year's report is reported above ``warn_share``, with the longest runs
of copied sentences and their lines. Separately, a count that should change from year to year
("全年办理行政处罚案件326件") stated with the same words and the same value in both reports is
flagged as ``figure``: either the year's figure was not updated or the sentence was carried over,
unless the sentence says so ("与上年持平").
Without --previous the rule does not apply.
"""

from __future__ import annotations

from pydantic import Field

from ..arithmetic import sentences as figure_sentences
from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, compile_any
from .duplicate import key, sentence_keys

NAME = "previous-year"
CHECKS = {"figure": "与上一年度报告数字相同、应当逐年变化的统计数"}
DETAILS = ("share", "carried", "total", "passages", "found", "previous_line")  # placeholders

class Options(BaseOptions):
    warn_share: float = Field(0.3, ge=0, le=1, description="与上一年度相同的句子超过这一比例时报告")
    min_chars: int = Field(15, ge=5, description="句子去掉标点后至少多少个字才比较")
    passages: int = Field(3, ge=1, description="列出最长的几段照搬文字")
    counts: Patterns = Field(("全年", "办理", "受理", "查处", "收到", "审结", "审核", "审查", "培训", "开展", "公开", "公示", "化解", "调解"),
                             description="逐年变化的统计数之前的用语")
    min_value: float = Field(10, ge=0, description="小于此数的计数（召开会议4次）逐年相同并不奇怪，不比较")
    lead_chars: int = Field(10, ge=2, description="比较数字之前多少个字的用语")
    unless: Patterns = Field(("持平", "与上年相同", "与去年相同", "连续[0-9两三四五]+年"),
                             description="句中写明与上年相同（“与上年持平”）时，相同的数字不报告")


def _counted(report, options: Options) -> dict[tuple[str, str, float], int]:
    """Counts keyed by the words before them, unit and value: where each first appears."""
    rx = compile_any(options.counts)
    unless = compile_any(tuple(options.unless))
    out: dict[tuple[str, str, float], int] = {}
    for block in report.body:
        for start, end, placed in figure_sentences(block, report):
            if unless is not None and unless.search(block.norm, start, end):
                continue  # "与上年持平": the same count, said to be the same
            for p in placed:
                fig = p.figure
                if fig.is_percent or not p.exact or fig.value < options.min_value:
                    continue
                lead = key(p.lead)[-options.lead_chars:]
                if len(lead) >= 2 and rx.search(lead):
                    out.setdefault((lead, fig.unit, fig.value), block.line)
    return out


def check(options: Options, ctx: Context) -> Outcome:
    previous = ctx.report.previous
    if previous is None:
        return Outcome(not_applicable="未提供上一年度报告（check --previous 文件），无法比较")
    before = {k for _, k in sentence_keys(previous, options.min_chars)}
    mine = sentence_keys(ctx.report, options.min_chars)
    hits: list[Hit] = []
    if mine:
        carried = [(line, k) for line, k in mine if k in before]
        share = len(carried) / len(mine)
        if carried and share > options.warn_share:
            runs: list[list[tuple[int, str]]] = []
            for i, (line, k) in enumerate(mine):
                if k not in before:
                    continue
                if runs and i > 0 and runs[-1][-1] == mine[i - 1]:
                    runs[-1].append((line, k))
                else:
                    runs.append([(line, k)])
            runs.sort(key=lambda r: (-sum(len(k) for _, k in r), r[0][0]))
            top = runs[: options.passages]
            listed = "、".join(
                f"第{r[0][0]}行" + (f"至第{r[-1][0]}行" if r[-1][0] != r[0][0] else "") + f"（{sum(len(k) for _, k in r)}字）"
                for r in top)
            first = top[0]
            hits.append(Hit(first[0][0], first[0][1][:40], {
                "share": f"{share:.0%}", "carried": len(carried), "total": len(mine), "passages": listed}))
    last = _counted(previous, options)
    for (lead, unit, value), line in sorted(_counted(ctx.report, options).items(), key=lambda kv: kv[1]):
        if (lead, unit, value) in last:
            text = f"{lead}{value:g}{unit}"
            hits.append(Hit(line, text, {"found": text, "previous_line": last[(lead, unit, value)]}, check="figure"))
    if hits:
        hits.sort(key=lambda h: h.line)
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
