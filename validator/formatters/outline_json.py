"""``report-check outline --format json``: what the rules see, as JSON.

The JSON is a contract later tools read; keys and their order do not change (new keys are only
added). Each section carries its role (validator/roles.py) and the reasons that decided it.
"""

from __future__ import annotations

import json

from ..outline import Section
from ..report import Report
from ..roles import RoleMap


def _section_dict(section: Section, roles: RoleMap) -> dict:
    assigned = roles.of(section)
    return {
        "heading": section.label,
        "level": section.level,
        "line": section.line,
        "role": assigned.role,
        "roles": list(assigned.roles),
        "role_reasons": list(assigned.reasons),
        "children": [_section_dict(c, roles) for c in section.children],
    }


def to_dict(report: Report) -> dict:
    doc, meta = report.document, report.meta
    return {
        "path": doc.path,
        "format": doc.format,
        "encoding": doc.encoding,
        "title": meta.title,
        "unit": meta.unit,
        "year": meta.year,
        "signed": meta.signed.isoformat() if meta.signed else None,
        "published": meta.published.isoformat() if meta.published else None,
        "sections": [_section_dict(s, report.roles) for s in report.sections],
        "figures": [
            {
                "text": f.figure.text,
                "value": plain_number(f.figure.value),
                "unit": f.figure.unit,
                "qualifier": f.figure.qualifier,
                "line": f.line,
                "section": f.section.label if f.section else None,
            }
            for f in report.figures
        ],
    }


def plain_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
