"""The document is a 法治政府建设年度报告: of this kind, and about building rule-of-law government.

First the kind: a 工作要点, 解读, 政府信息公开工作年度报告, 述法报告, 普法总结, half-year or five-year
review or 政府工作报告 is rejected by name, from its title, addressee, opening, headings or voice
(the ``kinds`` option; see validator/doc_kind.py). Then the subject: a document of no known kind
is accepted when its title names the subject, or its body keeps returning to it. With ``gate``,
the engine holds back every other rule on a document that fails here: one verdict, not fifteen
findings about parts a 工作要点 was never meant to have.
"""

from __future__ import annotations

from ..doc_kind import classify
from ..normalize import normalize
from .base import Context, Hit, Outcome, excerpt, pattern

# Messages this kind picks while the finding keeps the rule's own id, and when (for `rules explain`).
VARIANTS = {"kind": "文件属于其他类型时"}


def check(options: dict, ctx: Context) -> Outcome:
    found = classify(ctx.report, options.get("kinds") or [])
    if found:
        return Outcome(violations=[Hit(found.line, found.excerpt, {"kind": found.name, "cue": found.cue},
                                       variant="kind")])
    meta = ctx.report.meta
    title_rx, body_rx = pattern(options, "title"), pattern(options, "body")
    if meta.title and title_rx is not None and title_rx.search(normalize(meta.title).replace(" ", "")):
        return Outcome(evidence=Hit(meta.title_line or 0, meta.title))
    count, first = 0, None
    for block in ctx.report.body:
        for m in body_rx.finditer(block.norm):
            count += 1
            if first is None:
                first = Hit(block.line, excerpt(block, m.start(), m.end()))
    chars = sum(len(b.norm) for b in ctx.report.body) or 1
    per_10k = count * 10000 / chars
    if count >= options.get("min", 3) and per_10k >= options.get("per_10k", 5):
        return Outcome(evidence=first)
    return Outcome(violations=[Hit(0, "", {"found": count, "per_10k": round(per_10k, 1)})])
