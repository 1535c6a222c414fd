"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDE viewers).

One run per invocation. The rule descriptors come from the rule catalogue, never from the reports
checked, so a rule reads the same in every upload; each finding is one result. Every result has a
region: a true line of the file (a text line, a web page's source line), else line 1 (a finding
about the whole report, or one in a Word or PDF file, whose 第N段/第N页 goes in the message and
in the ``position`` property). Paths under
the repository root are relative URIs with ``uriBaseId`` SRCROOT; others are ``file://`` URIs.
An input that could not be read is a tool execution notification. No timestamps: the same input
gives the same file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..baseline import fingerprint
from ..catalogue import RuleInfo, lookup
from ..results import SEVERITY_LABELS, Finding, Result, Run
from . import STDIN, inside_root, repo_path, repo_root

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "reportCheck/v1"
BASE_ID = "SRCROOT"
AUTOMATION_ID = "report-check/"
STDIN_URI = "stdin"


def level(severity: str) -> str:
    """SARIF has no "info" level; its nearest is "note"."""
    return LEVELS.get(severity, "warning")


def artifact_uri(path: str) -> str:
    """A relative URI reference: forward slashes, non-ASCII (Chinese file names) percent-encoded."""
    return quote(repo_path(path), safe="/")


def artifact_location(path: str) -> dict:
    """Relative to SRCROOT inside the repository, an absolute file URI outside it."""
    if path == STDIN:
        return {"uri": STDIN_URI, "description": {"text": "标准输入"}}
    if inside_root(path):
        return {"uri": artifact_uri(path), "uriBaseId": BASE_ID}
    return {"uri": Path(os.path.abspath(path)).as_uri()}


def _descriptor(info: RuleInfo) -> dict:
    help_text = [f"{info.title}：{info.description}"]
    help_md = [f"**{info.title}**", "", info.description]
    if info.basis:
        help_text.append(f"依据：{info.basis}")
        help_md += ["", f"**依据**：{info.basis}"]
    if info.fix:
        help_text.append(f"修改建议：{info.fix}")
        help_md += ["", f"**修改建议**：{info.fix}"]
    if len(info.levels) > 1:
        levels = "；".join(f"{p} {SEVERITY_LABELS.get(s, s)}" for p, s in info.levels.items())
        help_text.append(f"各规则配置中的严重程度：{levels}")
        help_md += ["", "| 规则配置 | 严重程度 |", "| --- | --- |"]
        help_md += [f"| {p} | {SEVERITY_LABELS.get(s, s)} |" for p, s in info.levels.items()]
    return {
        "id": info.id,
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.description},
        "help": {"text": "\n".join(help_text), "markdown": "\n".join(help_md)},
        "defaultConfiguration": {"level": level(info.severity)},
        "properties": {"tags": [info.family], "family": info.family,
                       "profiles": {p: s for p, s in info.levels.items()}},
    }


def _catalogue(run: Run) -> list[RuleInfo]:
    """The run's catalogue, plus entries for finding ids it lacks (derived from the id alone)."""
    if run.rules is None:
        from ..catalogue import build

        run.rules = build()
    out = list(run.rules)
    known = {info.id for info in out}
    for r in run.results:
        for f in [*r.findings, *(f for f, _ in r.baselined)]:
            if f.code not in known:
                known.add(f.code)
                out.append(lookup(run.rules, f.code))
    return out


def _message(f: Finding) -> str:
    text = f.message
    if f.source:
        text = f"{f.source}：{text}"
    if f.fix:
        text += f"\n修改建议：{f.fix}"
    return text


def _result(r: Result, f: Finding, index: dict[str, int], seen: dict[tuple, int], reason: str | None = None) -> dict:
    line = f.file_line or 1
    region = {"startLine": line}
    out: dict = {
        "ruleId": f.code,
        "ruleIndex": index[f.code],
        "level": level(f.severity),
        "message": {"text": _message(f)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path), "region": region}}],
    }
    # Keyed on rule, section and excerpt, never the line (lines drift between drafts); the
    # occurrence count tells identical findings in one file apart.
    digest = fingerprint(f)
    seen[(r.path, digest)] = seen.get((r.path, digest), 0) + 1
    out["partialFingerprints"] = {"primaryLocationLineHash": f"{digest}:{seen[(r.path, digest)]}",
                                  FINGERPRINT: digest}
    if reason is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": reason or "列入基线"}]
    props: dict = {"severity": f.severity, "profile": r.profile, "where": f.where}
    if f.source:
        props["source"] = f.source
    if f.position is not None:
        props["position"] = f.position.to_dict()
    if f.section:
        props["section"] = f.section
    if f.excerpt:
        props["excerpt"] = f.excerpt
    out["properties"] = props
    return out


def _notification(bad) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{bad.path}：{bad.problem}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(bad.path)}}],
    }


def document(run: Run | list[Result]) -> dict:
    """The SARIF log as a dict, for callers that post-process it."""
    if not isinstance(run, Run):
        run = Run(results=list(run))
    infos = _catalogue(run)
    index = {info.id: i for i, info in enumerate(infos)}
    seen: dict[str, int] = {}
    results = []
    for r in run.results:
        results += [_result(r, f, index, seen) for f in sorted(r.findings, key=lambda f: (f.line, f.code))]
        results += [_result(r, f, index, seen, why) for f, why in r.baselined]
    root = Path(repo_root()).as_uri().rstrip("/") + "/"
    invocation: dict = {"executionSuccessful": not run.unreadable, "workingDirectory": {"uri": root}}
    if run.arguments:
        invocation["arguments"] = list(run.arguments)
    if run.unreadable:
        invocation["toolExecutionNotifications"] = [_notification(b) for b in run.unreadable]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "report-check",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(info) for info in infos],
            }},
            "automationDetails": {"id": AUTOMATION_ID},
            "originalUriBaseIds": {BASE_ID: {"uri": root}},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(run: Run, *, color: bool = False) -> str:
    """Indented, real Chinese characters, trailing newline."""
    return json.dumps(document(run), ensure_ascii=False, indent=2) + "\n"
