"""Web page residue copied into the report ("扫一扫在手机打开当前页", "时间:…来源:…")."""

from __future__ import annotations

from .base import Context, Hit, Options as BaseOptions, Outcome

NAME = "furniture"
DETAILS = ("found",)  # placeholders its findings fill


class Options(BaseOptions):
    """No options: the residue phrases are rules/page-furniture.yaml."""


def check(options: Options, ctx: Context) -> Outcome:
    residue = ctx.report.furniture
    if ctx.report.document.format == "html":
        return Outcome(not_applicable="网页的页面元素已由读取器剔除")
    if not residue:
        return Outcome(evidence=Hit(0, ""))
    return Outcome(violations=[Hit(b.line, b.original(0, 40), {"found": b.original(0, 40)}) for b in residue])
