"""A stated share or rate must follow from the counts stated beside it (statcheck, GRIM).

Three ways a report states a share: a count and its share of a total given before ("共收到申请1113件，
其中信息公开类58件，占比5.4%"; also 所占比例为, 占…总数的, （占5.4%）: 58÷1113＝5.2%); a list of counts
and their shares in order ("信息公开类58件、依申请公开类558件，分别占5.2%、50.1%"); and a rate after
the two counts it divides ("受理2418件，办结2331件，办结率96.4%"; only the rates in ``rates``, whose
denominator is the count stated: a 纠错率 leaves out terminated cases, a 出庭应诉率 cases never
heard). A share is accepted when any earlier count of the same unit in the paragraph (占) or
sentence (率) can give it within the rounding the text shows; only when none can is it reported,
with the nearest total's result. Approximate figures are skipped, and so are shares of another
base: 占全市的, or a base named that is not what the total counts (占预算数的).
"""

from __future__ import annotations

import re

from pydantic import Field

from ..arithmetic import Placed, sentences, show, same_kind, tolerance, decimals
from .base import Context, Hit, Outcome, Patterns, ScopedOptions, compile_any, per_options, scope_blocks

NAME = "percent-recompute"
DETAILS = ("numerator", "denominator", "computed", "found")  # placeholders its findings fill


class Options(ScopedOptions):
    share: Patterns = Field(("占比?(?:为|达到?|是)?", "约?占[^,。;0-9]{0,8}?的?(?:比例|比重)?(?:为|达到?|是)?", "所?占(?:比例|比重)(?:为|达到?|是)?",
                             "(?:比例|比重)(?:为|达到?|是)"),
                            description="份额前的用语（“占比”“占全部申请的”“所占比例为”），紧接在计数之后")
    total: Patterns = Field(("共", "总", "合计", "累计", "全年"), description="总数前的用语：有总数时才核对份额")
    outside: Patterns = Field(("全国", "全省", "全市", "全州", "上级", "上年", "去年", "同比"), description="份额的分母不在本句时出现的用语（“占全市的”），不核对")
    generic: Patterns = Field(("总数", "总量", "总额", "总计", "合计", "全部", "所有", "总", "各类"),
                              description="“占…的”中泛指总数的用语；去掉后仍有名词（“占预算数的”）时，须是所列总数说的东西（“占投诉总量的”↔“受理投诉”）才核对")
    rate_stem: int = Field(2, ge=1, le=4, description="“率”前取几个字，须出现在分子之前（办结率→办结）")
    rates: Patterns = Field(("办结", "审结", "结案", "答复", "整改", "化解"),
                            description="核对哪些“率”：分母就是前面所列总数的比率。纠错率、出庭应诉率的分母另有口径（除去终止、未开庭的案件），不核对")


def _fits(n: float, d: float, pct, written: float) -> bool:
    return d > 0 and abs(n / d * 100 - written) <= tolerance(pct)


@per_options
def _patterns(options: Options) -> tuple[re.Pattern, re.Pattern | None, re.Pattern | None, re.Pattern, re.Pattern | None]:
    """The options' patterns, compiled once per rule rather than once per figure:
    (share words, outside words, total words, rate words, rate stems)."""
    return (re.compile("^(?:" + "|".join(options.share) + ")$"), compile_any(options.outside),
            compile_any(options.total), re.compile(r"([^\d,.;:()]{%d})率(?:为|达到?|是)?$" % options.rate_stem),
            re.compile("(?:" + ")|(?:".join(options.rates) + ")") if options.rates else None)


_BASE = re.compile(r"^约?(?:所)?占(.*?)的?(?:比例|比重)?(?:为|达到?|是)?$")


def _same_base(options: Options, gap: str, total_lead: str) -> bool:
    """"占预算数的" names its base: a share of the budget, not of the total listed before. The
    base words, without generic ones (总数, 全部), must be what the total counts (two characters
    in common: "占投诉总量的" and "受理群众投诉")."""
    m = _BASE.match(gap)
    noun = m.group(1) if m else ""
    generic = compile_any(tuple(options.generic))
    if noun and generic is not None:
        noun = generic.sub("", noun)
    return len(noun) < 2 or any(noun[k:k + 2] in total_lead for k in range(len(noun) - 1))


def _share(options: Options, placed: list[Placed], i: int, earlier: list[Placed]) -> Hit | None:
    """占-form: the count just before the share, divided by a total stated before it."""
    pct, num = placed[i], placed[i - 1]
    gap = pct.lead.lstrip(",(、")
    share_rx, outside_rx, total_rx, _, _ = _patterns(options)
    if not share_rx.match(gap) or outside_rx and outside_rx.search(gap) or num.figure.is_percent or not num.exact:
        return None
    seq = earlier + [num]
    # A total is named as one ("共收到1113件") or opens a breakdown ("受理160件，其中…").
    named = {id(t) for t, after in zip(seq, seq[1:]) if total_rx.search(t.lead) or after.lead.lstrip(",:").startswith("其中")}
    larger = [p for p in earlier if same_kind(p.figure, num.figure) and p.figure.value >= num.figure.value]
    if larger and not larger[-1].exact:
        return None  # "有七亿多亩，改良了四亿五千万亩，占百分之六十": a share of the approximate count
    totals = [p for p in larger if p.exact]
    marked = [p for p in totals if id(p) in named]
    if not marked or not _same_base(options, gap, marked[-1].lead):
        return None
    if any(_fits(num.figure.value, t.figure.value, pct.figure, pct.figure.value) for t in totals):
        return None
    return _hit(num, marked[-1], pct)


_RESPECTIVELY = re.compile(r"分别(?:占比?[^,。;0-9]{0,8}?的?(?:比例|比重)?)(?:为|达到?|是)?$")


def _respective(options: Options, placed: list[Placed], i: int, earlier: list[Placed]) -> list[Hit]:
    """"其中A类58件、B类558件，分别占5.2%、50.1%": the n shares after 分别占, in order, of the n
    counts joined by 、 just before them, each over the total named before the counts."""
    shares = [placed[i]]
    while i + len(shares) < len(placed) and placed[i + len(shares)].lead == "、" and placed[i + len(shares)].figure.is_percent:
        shares.append(placed[i + len(shares)])
    n = len(shares)
    counts = placed[max(0, i - n):i]
    if n < 2 or len(counts) < n or any(c.figure.is_percent or not c.exact for c in counts) \
            or any("、" not in c.lead or "," in c.lead for c in counts[1:]) or not all(p.exact for p in shares):
        return []
    _, outside_rx, total_rx, _, _ = _patterns(options)
    if outside_rx and outside_rx.search(placed[i].lead):
        return []
    seq = earlier + placed[:i - n + 1]
    named = [t for t, after in zip(seq, seq[1:]) if not t.figure.is_percent and t.exact
             and (total_rx.search(t.lead) or after.lead.lstrip(",:").startswith("其中"))]
    totals = [t for t in named if all(same_kind(t.figure, c.figure) and t.figure.value >= c.figure.value for c in counts)]
    if not totals:
        return []
    total = totals[-1]
    return [_hit(c, total, p) for c, p in zip(counts, shares)
            if not _fits(c.figure.value, total.figure.value, p.figure, p.figure.value)]


def _rate(options: Options, placed: list[Placed], i: int) -> Hit | None:
    """率-form: "办结2331件，办结率96.4%": the count whose words hold the rate's stem, over a count before it."""
    pct = placed[i]
    _, outside_rx, _, rate_rx, stems_rx = _patterns(options)
    m = rate_rx.search(pct.lead) if "率" in pct.lead else None
    if not m or outside_rx and outside_rx.search(pct.lead):
        return None
    stem = m.group(1)
    if stems_rx is None or not stems_rx.fullmatch(stem):
        return None
    nums = [p for p in placed[:i] if not p.figure.is_percent]
    hit = next((k for k in range(len(nums) - 1, -1, -1) if stem in nums[k].lead), None)
    if hit is None or hit == 0:
        return None
    num = nums[hit]
    totals = [p for p in nums[:hit] if same_kind(p.figure, num.figure) and p.figure.value >= num.figure.value]
    if not totals or not num.exact or not all(t.exact for t in totals):
        return None
    if any(_fits(num.figure.value, t.figure.value, pct.figure, pct.figure.value) for t in totals):
        return None
    return _hit(num, totals[-1], pct)


def _hit(num: Placed, total: Placed, pct: Placed) -> Hit:
    places = decimals(pct.figure)
    computed = num.figure.value / total.figure.value * 100
    return Hit(0, pct.figure.text, {
        "numerator": show(num.figure.value), "denominator": show(total.figure.value),
        "computed": show(computed, max(places, 1)) + "%", "found": pct.figure.text,
    })


def check(options: Options, ctx: Context) -> Outcome:
    blocks, missing = scope_blocks(options, ctx)
    if blocks is None:
        return Outcome(not_applicable=missing)
    hits: list[Hit] = []
    for block in blocks:
        if "%" not in block.norm and "百分之" not in block.norm:
            continue  # no share to recompute; the sentences are not even split
        earlier: list[Placed] = []
        for start, end, placed in sentences(block, ctx.report):
            for i, p in enumerate(placed):
                if not p.figure.is_percent or not p.exact or i == 0 or p.figure.unit != "%":
                    continue
                if "分别" in p.lead and _RESPECTIVELY.search(p.lead):
                    found = _respective(options, placed, i, earlier)
                else:
                    hit = _share(options, placed, i, earlier + placed[:i - 1]) or _rate(options, placed, i)
                    found = [hit] if hit is not None else []
                for hit in found:
                    hit.line = block.line
                    hit.excerpt = block.original(max(start, placed[0].figure.start - 12), min(end, p.figure.end + 2))
                    hits.append(hit)
            earlier.extend(placed)
    if hits:
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
