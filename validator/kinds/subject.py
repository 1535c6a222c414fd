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
from pydantic import Field

from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, excerpt, pattern

NAME = "subject"
DETAILS = ("found", "per_10k", "kind", "cue")  # placeholders its findings fill

# Messages this kind picks while the finding keeps the rule's own id, and when (for `rules explain`).
VARIANTS = {"kind": "文件属于其他类型时"}


class Options(BaseOptions):
    title: Patterns | None = Field(None, description="标题写明主题的用语")
    body: Patterns = Field(description="正文中表明主题的用语")
    min: int = Field(3, ge=1, description="正文至少提到几次")
    per_10k: float = Field(5, ge=0, description="正文每万字至少提到几次")
    kinds: tuple[dict, ...] = Field((), description="其他类型的文件及其识别线索（见 validator/doc_kind.py；结构由 JSON Schema 校验）")


def explain(options: Options) -> list[str]:
    """What `rules explain` adds for this kind: the kinds of document it rejects by name."""
    if not options.kinds:
        return []
    return [f"识别的其他文件类型：{'、'.join(k['name'] for k in options.kinds)}"]


def check(options: Options, ctx: Context) -> Outcome:
    found = classify(ctx.report, list(options.kinds))
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
    if count >= options.min and per_10k >= options.per_10k:
        return Outcome(evidence=first)
    return Outcome(violations=[Hit(0, "", {"found": count, "per_10k": round(per_10k, 1)})])
