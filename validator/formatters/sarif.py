"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

One run per invocation; the rules are every rule id seen in the checklists (so a viewer can show a
rule that passed), each result is one finding. Line 0 findings concern the whole report and get a
location without a region, since SARIF lines start at 1. Output order follows the input, so the
same input gives the same file.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from .. import __version__
from ..results import Finding, Result, rule_family
from . import STDIN, repo_path

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "reportCheck/v1"


def level(severity: str) -> str:
    """SARIF has no "info" level; its nearest is "note"."""
    return LEVELS.get(severity, "warning")


def artifact_uri(path: str) -> str:
    """A relative URI reference: forward slashes, non-ASCII (Chinese file names) percent-encoded."""
    return quote(repo_path(path), safe="/")


def _rules(results: list[Result]) -> list[dict]:
    """One descriptor per rule id, in first-seen order: checklist items, then stray findings."""
    seen: dict[str, dict] = {}
    for r in results:
        for item in r.checklist:
            d = seen.setdefault(item.rule, _blank(item.rule, item.severity))
            d["title"] = d["title"] or item.title
        for f in r.findings:
            d = seen.setdefault(f.rule, _blank(f.rule, f.severity))
            d["basis"] = d["basis"] or f.basis
            d["fix"] = d["fix"] or f.fix
        for rule, d in seen.items():
            d["url"] = d["url"] or r.basis_urls.get(rule, "")

    out = []
    for d in seen.values():
        desc: dict = {
            "id": d["id"],
            "name": d["id"],
            "shortDescription": {"text": d["title"] or d["id"]},
        }
        if d["basis"]:
            desc["fullDescription"] = {"text": d["basis"]}
        help_lines = []
        if d["basis"]:
            help_lines.append(f"依据：{d['basis']}")
        if d["fix"]:
            help_lines.append(f"修改建议：{d['fix']}")
        if help_lines:
            desc["help"] = {"text": "\n".join(help_lines)}
        if d["url"]:
            desc["helpUri"] = d["url"]
        desc["defaultConfiguration"] = {"level": level(d["severity"])}
        desc["properties"] = {"family": rule_family(d["id"])}
        out.append(desc)
    return out


def _blank(rule: str, severity: str) -> dict:
    return {"id": rule, "title": "", "severity": severity, "basis": "", "fix": "", "url": ""}


def _fingerprint(path: str, f: Finding) -> str:
    """Keyed on rule, file, section and message, never the line: lines drift between drafts."""
    key = "\x1f".join((f.rule, repo_path(path), f.section or "", f.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(r: Result, f: Finding, index: dict[str, int]) -> dict:
    text = f.message
    if f.fix:
        text += f"\n修改建议：{f.fix}"
    out: dict = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": level(f.severity),
        "message": {"text": text},
    }
    if r.path != STDIN:
        physical: dict = {"artifactLocation": {"uri": artifact_uri(r.path)}}
        if f.line > 0:
            physical["region"] = {"startLine": f.line}
        out["locations"] = [{"physicalLocation": physical}]
    out["partialFingerprints"] = {FINGERPRINT: _fingerprint(r.path, f)}
    props: dict = {"severity": f.severity, "profile": r.profile}
    if f.section:
        props["section"] = f.section
    if f.excerpt:
        props["excerpt"] = f.excerpt
    if f.source:
        props["source"] = f.source
    out["properties"] = props
    return out


def document(results: list[Result]) -> dict:
    """The SARIF log as a dict, for callers that post-process it."""
    rules = _rules(results)
    index = {d["id"]: i for i, d in enumerate(rules)}
    run_results = [_result(r, f, index) for r in results
                   for f in sorted(r.findings, key=lambda f: (f.line, f.rule))]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "report-check",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "results": run_results,
        }],
    }


def render(results: list[Result], *, color: bool = False) -> str:
    """Indented, real Chinese characters, trailing newline."""
    return json.dumps(document(results), ensure_ascii=False, indent=2) + "\n"
