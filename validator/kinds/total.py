"""Parts must add up to the total they are stated to make, and no part may exceed its whole.

Three forms, as XBRL's calculation checks read them, with no alarm on a list that may be partial:
- parts then total, "维持435件、驳回136件、纠错236件、调解170件，共审结977件": a list joined by 、
  (or by commas, with three or more categories) before 共/合计 is the whole breakdown, so its sum
  must equal the total (unless it ends in 等);
- total then parts, "共审结977件，其中维持435件、驳回136件" (also "其中：" or "其中，" before a comma
  list, and a sentence opening on 其中 after the one that ends on the total): the parts may be a
  selection, so only a sum above the total, or one part above it, is wrong. A count in a clause
  that compares ("比上年增加60万元，其中…") is a change, not a whole;
- a pair of whole and part words in one sentence (发现/整改, 受理/办结): the part cannot be larger,
  unless the sentence says it includes last year's carry-over (含上年结转).
Approximate figures (余, 近, 约) are skipped; so are stages of one flow in a comma list (受理…办结).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from ..arithmetic import Placed, sentence_excerpt, sentences, show, same_kind
from .base import Context, Hit, Outcome, Patterns, ScopedOptions, compile_any, per_options, scope_blocks

NAME = "sum"
CHECKS = {"part": "部分大于整体（整改多于发现、办结多于受理、其中一项多于总数）"}
DETAILS = ("parts", "sum", "total", "part", "whole")  # placeholders its findings fill


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    whole: str = Field(min_length=1, description="整体前的用语（受理、发现）")
    part: str = Field(min_length=1, description="部分前的用语（办结、整改）")


class Options(ScopedOptions):
    total: Patterns = Field(("共", "合计", "总计", "总共", "累计"), description="总数前的用语")
    skip: Patterns = Field(("同比", "上年", "去年", "较", "比", "增", "减", "下降", "提高"), description="计数前出现这些用语时不是本期的组成部分")
    pairs: tuple[Pair, ...] = Field((), description="整体和部分的用语对：同一句中部分不能多于整体")
    carried: Patterns = Field(("结转", "上年遗留", "历年积存"), description="句中写明含往年结转时，部分可以多于本年的整体（办结含上年结转）")


_CLAUSE_BREAK = re.compile(r"[;。]|,(?![0-9]{3})")  # not the comma of 29,821,828
_FROM_VALUE = re.compile(r"(?:由|从)$")  # "其中，农业总产值由2187亿元增加到…": a starting value, not a part
_BREAKDOWN = re.compile(r"[0-9十百千万][^0-9,。;]{0,4}[,:。]?其中")  # a count, then 其中


def _joined(gap: str, commas: bool = False) -> bool:
    """Two figures of one list: joined by 、 with no clause break between them; with ``commas``
    (a list announced by "其中：" or closed by 共计) also by a comma before a short label
    ("维持435件，驳回136件"), but never by a clause that compares (同比, 较上年)."""
    if "、" in gap and "," not in gap:
        return True
    return commas and gap.startswith(",") and "、" not in gap and len(gap) <= _LABEL + 1


_LABEL = 6  # characters of a comma list's label ("维持", "依法驳回")


def _run(placed: list[Placed], first: int, step: int, commas: bool = False) -> list[Placed]:
    """The figures of the list that starts at ``first`` and runs by ``step`` (±1)."""
    run = [placed[first]]
    k = first + step
    while 0 <= k < len(placed):
        gap = placed[k + 1].lead if step < 0 else placed[k].lead
        if not _joined(gap, commas) or not same_kind(placed[k].figure, run[0].figure):
            break
        run.append(placed[k])
        k += step
    return run[::-1] if step < 0 else run


def _detail(parts: list[Placed], total: Placed) -> dict:
    return {"parts": "+".join(show(p.figure.value) for p in parts),
            "sum": show(sum(p.figure.value for p in parts)), "total": show(total.figure.value)}


@per_options
def _patterns(options: Options) -> tuple[re.Pattern, re.Pattern | None, re.Pattern, re.Pattern | None, re.Pattern]:
    """The options' patterns, compiled once per rule rather than once per sentence:
    (total before a figure, skip words, total cue in a paragraph, part words of the pairs,
    total cue right after a comma: the close of a comma list)."""
    total = "|".join(options.total)
    return (re.compile("^[,:]?(?:" + total + ")"), compile_any(options.skip),
            re.compile("(?:" + total + ")[^,。;0-9]{0,10}[0-9一二三四五六七八九十]"),
            re.compile("|".join(re.escape(p.part) for p in options.pairs)) if options.pairs else None,
            re.compile(",(?:" + total + ")[^,。;0-9]{0,10}[0-9一二三四五六七八九十]"))


@per_options
def _carried(options: Options) -> re.Pattern | None:
    return compile_any(options.carried)


@per_options
def _wholes(options: Options) -> re.Pattern | None:
    """The whole words of the pairs (受理, 发现), compiled once per rule."""
    return re.compile("|".join(re.escape(p.whole) for p in options.pairs)) if options.pairs else None


def _categories(options: Options, listed: list[Placed]) -> bool:
    """A comma list is read as a breakdown only with three or more categories and no stage of a
    flow among them (受理…办结…: counts of one set, not parts of it)."""
    part_rx, whole_rx = _patterns(options)[3], _wholes(options)
    return len(listed) >= 3 and not (part_rx is not None and any(part_rx.search(q.lead) or whole_rx.search(q.lead) for q in listed))


def _breakdown(options: Options, placed: list[Placed], whole: Placed, lead: str, first: int, hits: list[Hit],
               norm: str) -> None:
    """"共审结977件，其中维持435件、驳回136件": the parts may be a selection, so only a part, or
    the parts' sum, above the whole is wrong. "其中：" announces a list, whose items may be
    separated by commas; so does "其中，" before three or more categories."""
    skip_rx = _patterns(options)[1]
    if whole.figure.is_percent or not whole.exact:
        return
    start = whole.figure.start
    lo = max(0, start - 60)
    clause = norm[max((m.end() for m in _CLAUSE_BREAK.finditer(norm, lo, start)), default=lo):start]
    if skip_rx and skip_rx.search(clause):
        return  # "比去年增加2000亿元，其中…": the count before 其中 is a change, not the whole
    after = lead.lstrip(",").removeprefix("其中")
    run = _run(placed, first, 1, after.startswith(":"))
    if len(run) < 2 and after.startswith(","):  # "其中，A类1086条，B类4345条，C类2533条"
        listed = _run(placed, first, 1, commas=True)
        run = listed if _categories(options, listed) else run
    parts = [q for q in run if same_kind(q.figure, whole.figure)]
    parts = [q for q in parts if q.exact and not skip_rx.search(q.lead) and not _FROM_VALUE.search(q.lead)]
    big = next((q for q in parts if q.figure.value > whole.figure.value), None)
    if big is not None:
        hits.append(Hit(0, big.figure.text, {"part": big.figure.text, "whole": whole.figure.text}, check="part"))
    elif len(parts) >= 2 and sum(q.figure.value for q in parts) > whole.figure.value + 1e-6:
        hits.append(Hit(0, whole.figure.text, _detail(parts, whole)))


def _sentence(options: Options, placed: list[Placed], norm: str, before: Placed | None = None) -> list[Hit]:
    """Findings of one sentence; ``before`` is the count that closes the previous sentence of
    the paragraph, the whole of a breakdown that opens this one ("共审结977件。其中，维持…")."""
    hits: list[Hit] = []
    total_rx, skip_rx = _patterns(options)[:2]
    if before is not None and placed[0].lead.lstrip(",:").startswith("其中"):
        _breakdown(options, placed, before, placed[0].lead, 0, hits, norm)
    if len(placed) < 2:
        return hits  # a whole and a part are two figures
    for i, p in enumerate(placed):
        if p.figure.is_percent or not p.exact:
            continue
        if i >= 2 and total_rx.match(p.lead) and "等" not in p.lead and same_kind(placed[i - 1].figure, p.figure):
            parts = _run(placed, i - 1, -1)
            if len(parts) < 2:
                parts = _run(placed, i - 1, -1, commas=True)
                parts = parts if _categories(options, parts) else []
            if len(parts) >= 2 and all(q.exact for q in parts) and not any(skip_rx.search(q.lead) for q in parts[1:]):
                if abs(sum(q.figure.value for q in parts) - p.figure.value) > 1e-6:
                    hits.append(Hit(0, p.figure.text, _detail(parts, p)))
        if i + 1 < len(placed) and placed[i + 1].lead.lstrip(",:").startswith("其中"):
            _breakdown(options, placed, p, placed[i + 1].lead, i + 1, hits, norm)
    words = "".join(p.lead for p in placed)
    carried = None
    for pair in options.pairs:
        if pair.whole not in words or pair.part not in words:
            continue
        wholes = [q for q in placed if pair.whole in q.lead and pair.part not in q.lead and q.exact]
        for w in wholes:
            later = [q for q in placed[w.index + 1:] if pair.part in q.lead and pair.whole not in q.lead
                     and q.exact and same_kind(q.figure, w.figure) and not skip_rx.search(q.lead)]
            if later and later[0].figure.value > w.figure.value:
                if carried is None:
                    carried_rx = _carried(options)
                    carried = bool(carried_rx and carried_rx.search(words))
                if carried:
                    return hits  # "办结210件（含上年结转15件）": this year's part may exceed this year's whole
                q = later[0]
                if not any(h.check == "part" and h.excerpt == q.figure.text for h in hits):
                    hits.append(Hit(0, q.figure.text, {"part": pair.part + q.figure.text,
                                                       "whole": pair.whole + w.figure.text}, check="part"))
    return hits


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    hits: list[Hit] = []
    # Cheap tests first: a total after a 、 list or a comma, 其中 after a count, or both words of a pair.
    _, _, total_cue, part_rx, comma_cue = _patterns(options)
    for block in blocks:
        norm = block.norm
        if not ("其中" in norm and _BREAKDOWN.search(norm) or "、" in norm and total_cue.search(norm) or comma_cue.search(norm)
                or part_rx is not None and part_rx.search(norm)
                and any(p.whole in norm and p.part in norm for p in options.pairs)):
            continue  # nothing here is stated as adding up
        before, closed = None, -1
        for start, end, placed in sentences(block, ctx.report):
            for hit in _sentence(options, placed, norm, before if start == closed else None):
                hit.line = block.line
                hit.excerpt = sentence_excerpt(block, start, end)
                hits.append(hit)
            last = placed[-1]
            # The sentence ends on its last count ("…共审结977件。"): it may be the whole of the next.
            before, closed = (last, end) if end - last.figure.end <= 1 else (None, -1)
    if hits:
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
