"""Markdown for a merge-request comment or the GitHub job summary: the checklist as tables.

Per report a heading with the verdict, what was checked, the checklist (every requirement with
its status and where it was found) and the problems with position, basis and fix; then inputs not
checked. Cells are escaped so a ``|`` or a line break in a report cannot break the table.
"""

from __future__ import annotations

import re

from ..results import SEVERITY_LABELS, SEVERITY_RANK, Result, Run
from . import STDIN, repo_path

STATUS = {"ok": "✅", "violated": "❌", "not-applicable": "➖"}


# Markdown and HTML syntax in document text is shown, never rendered: a report quoting
# "[点此](https://…)" or "<img onerror=…>" must not become a link or markup in a job summary.
_INLINE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "`": "\\`", "*": "\\*",
                         "_": "\\_", "[": "\\[", "]": "\\]", "~": "\\~", "|": "\\|", "!": "\\!"})


def cell(text: object) -> str:
    """One table cell: syntax escaped, line breaks as <br>, no leading or trailing space."""
    return " ".join(str(text).translate(_INLINE).replace("\r", "").replace("\n", "<br>").split())


def code(text: str) -> str:
    """``text`` as inline code that no backtick, pipe or line break in it can end (a pipe would
    end a table cell even inside code, so it is shown as ∣)."""
    text = " ".join(text.replace("|", "\u2223").split())
    fence = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _name(path: str) -> str:
    return "标准输入" if path == STDIN else repo_path(path)


def _report(r: Result) -> list[str]:
    verdict = "❌ 不通过" if r.failed else "✅ 通过"
    counts = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in r.counts.items())
    lines = [f"### {verdict}：{code(_name(r.path))}", "",
             f"标题：{cell(r.title or '未识别')}；单位：{cell(r.unit or '未识别')}；"
             f"年度：{r.year if r.year is not None else '未识别'}；规则集：{cell(r.profile)}"
             + (f"（{cell(r.profile_reason)}）" if r.profile_reason else ""), "",
             f"{counts}（达到 {r.fail_on} 即不通过）" if r.fail_on != "never" else counts, "",
             "| 状态 | 规则 | 要求 | 位置与原文 |", "| --- | --- | --- | --- |"]
    for item in r.checklist:
        if item.status == "ok" and item.evidence is not None:
            ev = item.evidence
            where = ev.source or (f"第{ev.line}行" if ev.line > 0 else "")
            detail = f"{where} “{ev.excerpt[:40]}”".strip()
        elif item.status == "violated":
            detail = SEVERITY_LABELS.get(item.severity, item.severity)
        elif item.status == "not-applicable":
            detail = f"不适用：{item.reason}" if item.reason else "不适用"
        else:
            detail = ""
        lines.append(f"| {STATUS.get(item.status, '')} | `{item.rule}` | {cell(item.title)} | {cell(detail)} |")
    if r.findings:
        lines += ["", f"**问题（{len(r.findings)}）**", "",
                  "| 位置 | 严重程度 | 规则 | 问题 | 修改建议 |", "| --- | --- | --- | --- | --- |"]
        ordered = sorted(r.findings, key=lambda f: (f.line, -SEVERITY_RANK.get(f.severity, 0), f.code))
        for f in ordered:
            problem = f.message + (f"（原文：“{f.excerpt}”）" if f.excerpt else "")
            lines.append(f"| {cell(f.where)} | {SEVERITY_LABELS.get(f.severity, f.severity)} | `{f.code}` | "
                         f"{cell(problem)} | {cell(f.fix)} |")
    if r.baselined:
        lines += ["", f"**已列入基线（{len(r.baselined)}），不计入结果**", "",
                  "| 位置 | 规则 | 问题 | 理由 |", "| --- | --- | --- | --- |"]
        lines += [f"| {cell(f.where)} | `{f.code}` | {cell(f.message)} | {cell(why)} |" for f, why in r.baselined]
    return lines


def render(run: Run, *, color: bool = False) -> str:
    failed = sum(1 for r in run.results if r.failed)
    lines = ["## report-check", "",
             f"{len(run.results)} 份报告：通过 {len(run.results) - failed}，不通过 {failed}"
             + (f"；未检查 {len(run.unreadable)}" if run.unreadable else "")]
    for r in run.results:
        lines += [""] + _report(r)
    if run.unreadable:
        lines += ["", "### 未检查的文件", "", "| 文件 | 原因 |", "| --- | --- |"]
        lines += [f"| {code(_name(b.path))} | {'跳过' if b.skipped else '无法读取'}：{cell(b.problem)} |"
                  for b in run.unreadable]
    if run.stale:
        lines += ["", "### 基线中已不再出现的条目（可以删除）", ""]
        lines += [f"- {code(e.path)} {code(e.rule)} {cell(e.excerpt or e.message)}" for e in run.stale]
    return "\n".join(lines) + "\n"
