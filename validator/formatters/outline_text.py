"""``report-check outline``: what the rules see, as an indented tree with metadata and figures;
each part shows its role (validator/roles.py) and the reasons that decided it.
"""

from __future__ import annotations

from collections import Counter

from ..outline import Section
from ..report import Report
from ..roles import NAMES, RoleMap
from .outline_json import plain_number


def _role_text(roles: RoleMap, section: Section) -> str:
    """"  〔举措和成效：标题含“举措”〕" for a part and for a sub-section whose own heading gives a role."""
    assigned = roles.of(section)
    if section.parent is not None and not assigned.own:
        return ""
    names = "＋".join(NAMES[r] for r in assigned.roles) or NAMES["none"]
    return f"  〔{names}：{'；'.join(assigned.reasons)}〕" if assigned.reasons else f"  〔{names}〕"


def render(report: Report, *, color: bool = False) -> str:
    doc, meta = report.document, report.meta
    per_section = Counter(id(f.section) for f in report.figures)

    def count(section: Section) -> int:
        return sum(per_section[id(s)] for s in section.walk())

    out = [
        f"文件：{doc.path}（{doc.format}{'，' + doc.encoding if doc.encoding else ''}）",
        f"标题：{meta.title or '（无标题行）'}",
        f"报告单位：{meta.unit or '（未识别）'}",
        f"报告年度：{meta.year or '（未识别）'}",
        f"落款日期：{meta.signed.isoformat() if meta.signed else '（未识别）'}",
        f"发布日期：{meta.published.isoformat() if meta.published else '（未识别）'}",
        "",
        "提纲：",
    ]
    roles = report.roles
    for root in report.sections:
        for s in root.walk():
            where = s.block.source if doc.format in ("docx", "pdf", "html") else f"第{s.line}行"
            out.append(f"{'  ' * s.level}{s.label}  [{where}，数字 {count(s)} 个]{_role_text(roles, s)}")
    if not report.sections:
        out.append("  （未识别出任何标题）")
    out += ["", f"数字（共 {len(report.figures)} 个）："]
    for f in report.figures:
        fig = f.figure
        value = plain_number(fig.value)
        qual = f" {fig.qualifier}" if fig.qualifier else ""
        out.append(f"  第{f.line}行  {fig.text}  = {value}{fig.unit}{qual}")
    return "\n".join(out) + "\n"
