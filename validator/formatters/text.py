"""Terminal output, the default: the checklist a reviewer reads, then the problems, then a verdict.

Each report gets one block: what was checked (title, unit, year, and which profile and why), every
requirement as ✓ found / ✗ violated / – not applicable grouped by checklist part, the findings in
document order with their basis and fix, and a one-line result. Colour only when asked for, so
piped or redirected output stays plain.
"""

from __future__ import annotations

import re

from ..results import SEVERITIES, SEVERITY_LABELS, SEVERITY_RANK, ChecklistItem, Finding, Result, Run

_RESET = "\033[0m"
_STYLES = {
    "bold": "\033[1m",
    "dim": "\033[2m",
    "green": "\033[32m",
    "red": "\033[31m",
    "yellow": "\033[33m",
    "cyan": "\033[36m",
}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}
_MARKS = {"ok": "✓", "violated": "✗", "not-applicable": "–"}

EVIDENCE_WIDTH = 30
EXCERPT_WIDTH = 60


def render(run: Run, *, color: bool = False) -> str:
    """One block per report and a total line when there is more than one input. Inputs not
    checked are said on stderr, one line each; here they are only counted in the total."""
    paint = _painter(color)
    results = run.results
    blocks = [_document(r, paint) for r in results]
    if run.stale:
        blocks.append("\n".join([paint("基线中已不再出现的条目（可以删除）", "bold")]
                                + [f"  {e.describe()}" for e in run.stale]))
    if results and len(results) + len(run.unreadable) > 1:
        from ..summary import tally_of

        blocks.append(totals(tally_of(run), color=color))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def render_one(result: Result, *, color: bool = False) -> str:
    """One report's block, for a batch written report by report (no trailing newline)."""
    return _document(result, _painter(color))


def totals(tally, *, color: bool = False) -> str:
    """The end of a batch: the 合计 line, then the most-missed items and the unreadable files
    (summary.Tally), so a streamed batch and a collected one end the same way."""
    return _total(tally, _painter(color)) + tally.details_text()


def _painter(color: bool):
    def paint(text: str, *styles: str) -> str:
        if not color or not styles:
            return text
        return "".join(_STYLES[s] for s in styles) + text + _RESET
    return paint


def shorten(text: str, width: int) -> str:
    """Collapse whitespace and cut to ``width`` characters with … so a line stays a line."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _hang(text: str, indent: str) -> str:
    """Indent continuation lines of a multi-line message so the layout survives it."""
    return "\n".join(line.strip() for line in text.strip().splitlines()).replace("\n", "\n" + indent)


def _document(result: Result, paint) -> str:
    lines = [paint(result.path, "bold")]
    profile = result.profile
    if result.profile_reason:
        profile += f"（{result.profile_reason}）"
    lines.append(
        f"  标题：{result.title or '未识别'}  单位：{result.unit or '未识别'}  "
        f"年度：{result.year if result.year is not None else '未识别'}  规则集：{profile}"
    )
    lines.append("")
    lines.extend(_checklist(result, paint))
    lines.append("")
    lines.extend(_findings(result.findings, paint))
    if result.baselined:
        lines.append("")
        lines.append(f"{paint(f'已列入基线（{len(result.baselined)}）', 'bold')}  不计入结果")
        for f, why in result.baselined:
            lines.append(f"  {_position(f)}  {f.code}  {shorten(f.message, EXCERPT_WIDTH)}  理由：{why}")
    lines.append("")
    lines.append(_summary(result, paint))
    return "\n".join(lines)


def _checklist(result: Result, paint) -> list[str]:
    if not result.checklist:
        return [paint("检查清单", "bold"), "  （无检查项）"]
    per_rule: dict[str, int] = {}
    for f in result.findings:
        per_rule[f.rule] = per_rule.get(f.rule, 0) + 1
    accepted: dict[str, int] = {}
    for f, _ in result.baselined:
        accepted[f.rule] = accepted.get(f.rule, 0) + 1
    width = max(len(item.rule) for item in result.checklist)
    held = _held_back(result.checklist)
    parts: dict[str, list[ChecklistItem]] = {}
    for item in result.checklist:  # dicts keep first-seen order of parts
        if held and item.status == "not-applicable":
            continue
        parts.setdefault(item.part or "其他", []).append(item)
    lines = [paint("检查清单", "bold")]
    for part, items in parts.items():
        lines.append(f"  {paint(part, 'bold')}")
        for item in items:
            if item.status == "violated" and not per_rule.get(item.rule) and accepted.get(item.rule):
                item = ChecklistItem(item.rule, item.title, "baselined", item.severity, part=item.part)
            lines.append("    " + _item(item, width, per_rule.get(item.rule, 0), paint))
    if held:
        lines.append(f"  {paint(_MARKS['not-applicable'], 'dim')} 其余{held[0]}项  {paint('不适用：' + held[1], 'dim')}")
    return lines


def _held_back(checklist: list[ChecklistItem]) -> tuple[int, str] | None:
    """(count, reason) when nothing was found and every other item was held back for one reason,
    as for a document of another kind: one line says so instead of thirty."""
    skipped = [item for item in checklist if item.status == "not-applicable"]
    if len(skipped) <= 3 or any(item.status == "ok" for item in checklist):
        return None
    reasons = {item.reason for item in skipped}
    return (len(skipped), reasons.pop()) if len(reasons) == 1 and None not in reasons else None


def _item(item: ChecklistItem, width: int, found: int, paint) -> str:
    head = f"{item.rule.ljust(width)}  {item.title}"
    if item.status == "ok":
        line = f"{paint(_MARKS['ok'], 'green')} {head}"
        ev = item.evidence
        if ev is not None:
            if ev.source:
                line += f"  {ev.source}"
            elif ev.line > 0:
                line += f"  第{ev.line}行"
            if ev.excerpt:
                line += f"  “{shorten(ev.excerpt, EVIDENCE_WIDTH)}”"
        return line
    if item.status == "violated":
        style = _SEVERITY_STYLE.get(item.severity, "red")
        label = SEVERITY_LABELS.get(item.severity, item.severity)
        if found > 1:
            label += f"（{found}处）"
        return f"{paint(_MARKS['violated'], style)} {head}  {paint(label, style)}"
    if item.status == "baselined":
        return f"{paint(_MARKS['not-applicable'], 'dim')} {head}  {paint('已列入基线', 'dim')}"
    reason = f"不适用：{item.reason}" if item.reason else "不适用"
    return f"{paint(_MARKS['not-applicable'], 'dim')} {head}  {paint(reason, 'dim')}"


def _position(f: Finding) -> str:
    return f.where


def _findings(findings: list[Finding], paint) -> list[str]:
    if not findings:
        return [paint("问题", "bold"), "  未发现问题"]
    # Stable sort on position only: Finding's own ordering would compare None with str sections.
    ordered = sorted(findings, key=lambda f: (f.line, -SEVERITY_RANK.get(f.severity, 0), f.code))
    lines = [paint(f"问题（{len(findings)}）", "bold")]
    for f in ordered:
        style = _SEVERITY_STYLE.get(f.severity)
        label = paint(SEVERITY_LABELS.get(f.severity, f.severity), style) if style else f.severity
        lines.append(f"  {_position(f)}  {label}  {f.code}  {_hang(f.message, '    ')}")
        where = []
        if f.section:
            where.append(f"章节：{f.section}")
        if f.excerpt:
            where.append(f"原文：“{shorten(f.excerpt, EXCERPT_WIDTH)}”")
        if where:
            lines.append("    " + "  ".join(where))
        if f.basis:
            lines.append(f"    依据：{_hang(f.basis, '      ')}")
        if f.fix:
            lines.append(f"    修改建议：{_hang(f.fix, '      ')}")
    return lines


def _counts(counts: dict[str, int], paint) -> str:
    out = []
    for sev in SEVERITIES:
        n = counts.get(sev, 0)
        text = f"{SEVERITY_LABELS[sev]} {n}"
        out.append(paint(text, _SEVERITY_STYLE[sev]) if n and sev != "info" else text)
    return "  ".join(out)


def _summary(result: Result, paint) -> str:
    verdict = paint("不通过", "bold", "red") if result.failed else paint("通过", "bold", "green")
    return f"结果：{verdict}  {_counts(result.counts, paint)}"


def _total(tally, paint) -> str:
    checked = tally.checked
    totals = {s: 0 for s in SEVERITIES}
    for r in checked:
        for sev, n in r.counts.items():
            totals[sev] += n
    failed = sum(1 for r in checked if r.status == "fail")
    passed = len(checked) - failed
    passed_text = paint(str(passed), "green") if passed else str(passed)
    failed_text = paint(str(failed), "red") if failed else str(failed)
    verdict = f"通过 {passed_text}  不通过 {failed_text}"
    errors = len(tally.unreadable)
    skipped = len(tally.rows) - len(checked) - errors
    if errors:
        verdict += f"  无法读取 {paint(str(errors), 'red')}"
    if skipped:
        verdict += f"  跳过 {skipped}"
    return f"合计：{len(checked)} 份报告  {verdict}  {_counts(totals, paint)}"
