"""The HTML report: one self-contained page a reviewer opens in a browser, even offline.

Per report: the checklist by family (✓/✗/–, rule id and title, counts, the profile and why), then
the report text with every finding and every piece of evidence marked where it stands
(``<mark data-rule=…>``, a class per severity) and its message, basis and fix beside the block.
Several reports make one page with a table of contents, so a folder's result is one file to pass
on. Links between the checklist, the notes and the marks are plain anchors, so they work without
script; the one inline script only toggles the severity filters. Every piece of document text is
escaped, and the Content-Security-Policy admits only this page's own style and script (by hash),
so nothing a report carries can run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources

from ..results import SEVERITY_LABELS, SEVERITY_RANK, Result, Run
from . import STDIN

MARKS = {"ok": "✓", "violated": "✗", "not-applicable": "–"}
STATUS_LABELS = {"ok": "符合", "violated": "不符合", "not-applicable": "不适用"}
ELLIPSIS = "…"


# Accessors: the formatter reads findings and checklist items only through these, so a change of
# field names in results.py is one edit here.
def _rule(item) -> str:
    """The id users see: a finding's ``code`` names its sub-check (structure.measures.empty)."""
    return getattr(item, "code", None) or item.rule


def _line(item) -> int:
    return item.line or 0


def _severity(item) -> str:
    return item.severity


@lru_cache(maxsize=1)
def assets() -> tuple[str, str]:
    """The page's stylesheet and script, shipped as package data beside this module."""
    here = resources.files(__package__)
    return (here.joinpath("html_report.css").read_text(encoding="utf-8"),
            here.joinpath("html_report.js").read_text(encoding="utf-8"))


def csp_hash(text: str) -> str:
    """The CSP source expression that admits exactly this inline style or script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*, form_action: str = "'none'") -> str:
    """No network, no plugins, no framing; only this page's own style and script."""
    css, js = assets()
    return (f"default-src 'none'; img-src data:; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
            f"base-uri 'none'; form-action {form_action}")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class _Span:
    """A stretch of one block to mark: a finding (``ref`` f<n>) or a rule's evidence (e<n>)."""

    start: int
    end: int
    ref: str
    rule: str
    css: str  # sev-error | sev-warning | sev-info | evidence


def locate(text: str, excerpt: str) -> tuple[int, int]:
    """Where an excerpt stands in its block's text; the whole block when it cannot be found.

    Excerpts are the text as written, cut with … at either end, and may open with a bracketed
    note (（…）) the rule added; those are taken off before looking.
    """
    core = excerpt.strip()
    candidates = [core]
    if core.startswith("（") and "）" in core:
        candidates.append(core[core.index("）") + 1:])
    for cand in candidates:
        cand = cand.strip(ELLIPSIS).strip()
        if cand:
            at = text.find(cand)
            if at >= 0:
                return at, at + len(cand)
    return 0, len(text)


def _marked(text: str, spans: list[_Span]) -> str:
    """The block's text, escaped, with nested <mark>s for every span; a span cut by another is
    split into pieces, the first piece carrying the id the links point to."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    seen: set[str] = set()
    out = []
    for lo, hi in zip(cuts, cuts[1:]):
        piece = _e(text[lo:hi])
        covering = [s for s in spans if s.start <= lo and hi <= s.end]
        for s in sorted(covering, key=lambda s: (-s.start, s.end - s.start)):
            anchor = ""
            if s.ref not in seen:
                seen.add(s.ref)
                anchor = f' id="{s.ref}"'
            piece = f'<mark{anchor} class="{s.css}" data-rule="{_e(s.rule)}">{piece}</mark>'
        out.append(piece)
    return "".join(out)


def _name(path: str) -> str:
    return "标准输入" if path == STDIN else path


def _note(r: str, n: int, f, placed: bool) -> str:
    sev = _severity(f)
    where = f'<a href="#{r}-f{n}">{_e(f.where)}</a>' if placed else _e(f.where)
    parts = [f'<div class="note sev-{sev}" id="{r}-n{n}" data-rule="{_e(_rule(f))}">',
             f'<span class="sev">{_e(SEVERITY_LABELS.get(sev, sev))}</span> <code>{_e(_rule(f))}</code> {where}',
             f'<div class="msg">{_e(f.message)}</div><dl>']
    if f.excerpt:
        parts.append(f"<dt>原文：</dt><dd>“{_e(f.excerpt)}”</dd>")
    if f.basis:
        parts.append(f"<dt>依据：</dt><dd>{_e(f.basis)}</dd>")
    if f.fix:
        parts.append(f"<dt>修改建议：</dt><dd>{_e(f.fix)}</dd>")
    parts.append("</dl></div>")
    return "".join(parts)


def _checklist(result: Result, r: str, first_finding: dict[str, str], evidence_ref: dict[str, str]) -> str:
    groups: dict[str, list[str]] = {}
    for item in result.checklist:
        rule = _rule(item)
        status = item.status
        label = (f'<span class="sign" title="{STATUS_LABELS.get(status, status)}">{MARKS.get(status, "")}</span> '
                 f"<code>{_e(rule)}</code> {_e(item.title)}")
        target = None
        if status == "violated" and rule in first_finding:
            target = first_finding[rule]
        elif status == "ok" and rule in evidence_ref:
            target = evidence_ref[rule]
        if target:
            label = f'<a href="#{target}">{label}</a>'
        why = ""
        if status == "not-applicable" and item.reason:
            why = f'<span class="why">不适用：{_e(item.reason)}</span>'
        elif status == "ok" and item.evidence is not None and item.evidence.excerpt:
            why = f'<span class="why">“{_e(item.evidence.excerpt)}”</span>'
        groups.setdefault(item.part or "其他", []).append(
            f'<li class="item st-{status} sev-{_e(item.severity)}" data-rule="{_e(rule)}" data-status="{status}">'
            f"{label}{why}</li>")
    body = "".join(f"<h4>{_e(part)}</h4><ul>{''.join(items)}</ul>" for part, items in groups.items())
    return f'<section class="checklist"><div><h3>检查清单</h3>{body}</div></section>'


def _first_finding(result: Result, r: str, placed: set[int]) -> dict[str, str]:
    """Where each violated checklist rule points: its first finding's mark in the text, or its
    note when the finding concerns the whole report (``rule`` is the checklist rule itself)."""
    out: dict[str, str] = {}
    for n, f in enumerate(result.findings, start=1):
        out.setdefault(f.rule, f"{r}-f{n}" if n in placed else f"{r}-n{n}")
    return out


def _text(result: Result, r: str) -> tuple[str, dict[str, str], set[int]]:
    """The report text with marks and notes; returns the html, each rule's evidence anchor and
    the numbers of the findings marked in the text."""
    blocks = {b.line: b for b in result.blocks}
    spans: dict[int, list[_Span]] = {}
    notes: dict[int, list[str]] = {}
    whole: list[str] = []
    placed: set[int] = set()
    for n, f in enumerate(result.findings, start=1):
        block = blocks.get(_line(f))
        if block is None:
            whole.append(_note(r, n, f, placed=False))
            continue
        start, end = locate(block.text, f.excerpt)
        placed.add(n)
        spans.setdefault(block.line, []).append(
            _Span(start, end, f"{r}-f{n}", _rule(f), f"sev-{_severity(f)}"))
        notes.setdefault(block.line, []).append(_note(r, n, f, placed=True))
    evidence_ref: dict[str, str] = {}
    for n, item in enumerate(result.checklist, start=1):
        ev = item.evidence
        if item.status != "ok" or ev is None or ev.line not in blocks:
            continue
        block = blocks[ev.line]
        start, end = locate(block.text, ev.excerpt)
        ref = f"{r}-e{n}"
        spans.setdefault(block.line, []).append(_Span(start, end, ref, _rule(item), "evidence"))
        evidence_ref[_rule(item)] = ref
    rows = []
    for block in result.blocks:
        kind = "title" if block.is_title else ("heading" if block.style_level else "para")
        here = spans.get(block.line, [])
        text = _marked(block.text, here) if here else _e(block.text)
        aside = f'<aside class="notes">{"".join(notes[block.line])}</aside>' if block.line in notes else ""
        rows.append(f'<div class="block {kind}" id="{r}-L{block.line}" data-line="{block.line}">'
                    f'<span class="ln"><a href="#{r}-L{block.line}">{block.line}</a></span>'
                    f"<p>{text}</p>{aside}</div>")
    head = f'<div class="whole"><h3>涉及全文的问题</h3>{"".join(whole)}</div>' if whole else ""
    if not rows:
        rows.append("<p>（没有可显示的正文）</p>")
    return f'<section class="text"><h3>报告原文</h3>{head}{"".join(rows)}</section>', evidence_ref, placed


def _report(result: Result, index: int) -> str:
    r = f"r{index}"
    verdict = ("不通过", "fail") if result.failed else ("通过", "pass")
    counts = result.counts
    count_items = "".join(f'<li class="sev-{s}">{_e(SEVERITY_LABELS[s])} <span data-count="{s}">{n}</span></li>'
                          for s, n in counts.items())
    profile = _e(result.profile) + (f"（{_e(result.profile_reason)}）" if result.profile_reason else "")
    year = result.year if result.year is not None else "未识别"
    threshold = (f"达到“{_e(SEVERITY_LABELS.get(result.fail_on, result.fail_on))}”即不通过"
                 if result.fail_on != "never" else "不因问题而不通过")
    baselined = ""
    if result.baselined:
        items = "".join(f"<li><code>{_e(_rule(f))}</code> {_e(f.where)} {_e(f.message)}（理由：{_e(why)}）</li>"
                        for f, why in result.baselined)
        baselined = f'<details class="baselined"><summary>已列入基线 {len(result.baselined)} 项，不计入结果</summary><ul>{items}</ul></details>'
    text, evidence_ref, placed = _text(result, r)
    return (f'<article class="report" id="{r}" data-status="{verdict[1]}" data-path="{_e(result.path)}">'
            f'<header><h2><span class="verdict-{verdict[1]}">{verdict[0]}</span>　{_e(_name(result.path))}</h2>'
            f'<dl class="meta"><dt>标题</dt><dd>{_e(result.title or "未识别")}</dd>'
            f'<dt>单位</dt><dd>{_e(result.unit or "未识别")}</dd><dt>年度</dt><dd>{year}</dd>'
            f"<dt>规则集</dt><dd>{profile}</dd><dt>判定</dt><dd>{threshold}</dd></dl>"
            f'<ul class="counts">{count_items}</ul>{baselined}</header>'
            f'<div class="columns">{_checklist(result, r, _first_finding(result, r, placed), evidence_ref)}{text}</div>'
            "</article>")


def _filters() -> str:
    boxes = [(s, f"{SEVERITY_LABELS[s]}") for s in sorted(SEVERITY_RANK, key=SEVERITY_RANK.get, reverse=True)]
    boxes += [("evidence", "找到的依据"), ("ok", "符合与不适用的项")]
    labels = "".join(f'<label><input type="checkbox" data-filter="{key}" checked> {label}</label>'
                     for key, label in boxes)
    return f'<div class="filters" role="group" aria-label="显示">显示：{labels}</div>'


def _toc(run: Run) -> str:
    items = "".join(
        f'<li><a href="#r{i}">{"不通过" if res.failed else "通过"}　{_e(_name(res.path))}</a>'
        f"（{'，'.join(f'{SEVERITY_LABELS[s]} {n}' for s, n in res.counts.items())}）</li>"
        for i, res in enumerate(run.results, start=1))
    if run.unreadable:
        items += f'<li><a href="#unreadable">未检查的文件（{len(run.unreadable)}）</a></li>'
    return f'<nav class="toc" aria-label="目录"><ol>{items}</ol></nav>'


def _unreadable(run: Run) -> str:
    if not run.unreadable:
        return ""
    items = "".join(f'<li data-status="{u.status}"><code>{_e(_name(u.path))}</code>：'
                    f"{'跳过' if u.skipped else '无法读取'}，{_e(u.problem)}</li>" for u in run.unreadable)
    return f'<section class="unreadable" id="unreadable"><h2>未检查的文件</h2><ul>{items}</ul></section>'


def render(run: Run, *, color: bool = False, form_action: str = "'none'") -> str:
    """The whole page; ``form_action`` lets the local server's page keep its upload link."""
    css, js = assets()
    failed = sum(1 for r in run.results if r.failed)
    summary = (f"{len(run.results)} 份报告：通过 {len(run.results) - failed}，不通过 {failed}"
               + (f"；未检查 {len(run.unreadable)}" if run.unreadable else ""))
    title = _name(run.results[0].path) if len(run.results) == 1 and not run.unreadable else summary
    toc = _toc(run) if len(run.results) + len(run.unreadable) > 1 else ""
    reports = "".join(_report(res, i) for i, res in enumerate(run.results, start=1))
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(form_action=form_action)}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>检查结果：{_e(title)}</title><style>{css}</style></head>"
            f'<body><header class="run-head"><h1>法治政府建设年度报告检查结果</h1><p class="summary">{_e(summary)}</p>'
            f"{_filters()}</header>{toc}<main>{reports}{_unreadable(run)}</main>"
            f"<script>{js}</script></body></html>\n")
