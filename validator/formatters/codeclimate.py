"""GitLab Code Quality: the Code Climate issue list GitLab shows in a merge request.

One issue per finding with ``description``, ``check_name``, ``severity``, ``location.path`` and
``location.lines.begin``, and a ``fingerprint`` unique per finding (file, rule, section and
excerpt, plus an occurrence count) so GitLab tells new problems from old ones across pipelines.
Lines are true lines of the file (text lines, a web page's source lines), else 1 with the
第N段/第N页 in the description. An input that
could not be read is a blocker issue on that file.
"""

from __future__ import annotations

import hashlib
import json

from ..baseline import fingerprint
from ..results import Run
from . import STDIN, repo_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _path(path: str) -> str:
    return "stdin" if path == STDIN else repo_path(path)


def _unique(seen: dict, *parts: str) -> str:
    key = "\x1f".join(parts)
    seen[key] = seen.get(key, 0) + 1
    return hashlib.md5(f"{key}\x1f{seen[key]}".encode("utf-8")).hexdigest()


def document(run: Run) -> list[dict]:
    seen: dict[str, int] = {}
    issues = []
    for r in run.results:
        path = _path(r.path)
        for f in sorted(r.findings, key=lambda f: (f.line, f.code)):
            text = f"{f.source}：{f.message}" if f.source else f.message
            issue = {
                "type": "issue",
                "check_name": f.code,
                "description": text,
                "categories": ["Style"],
                "severity": SEVERITIES.get(f.severity, "minor"),
                "fingerprint": _unique(seen, path, f.code, fingerprint(f)),
                "location": {"path": path, "lines": {"begin": f.file_line or 1}},
            }
            if f.fix:
                issue["content"] = {"body": f"修改建议：{f.fix}" + (f"\n\n依据：{f.basis}" if f.basis else "")}
            issues.append(issue)
    for bad in run.unreadable:
        path = _path(bad.path)
        issues.append({
            "type": "issue",
            "check_name": "input.skipped" if bad.skipped else "input.unreadable",
            "description": bad.problem,
            "categories": ["Bug Risk"],
            "severity": "info" if bad.skipped else "blocker",
            "fingerprint": _unique(seen, path, "input", bad.problem),
            "location": {"path": path, "lines": {"begin": 1}},
        })
    return issues


def render(run: Run, *, color: bool = False) -> str:
    return json.dumps(document(run), ensure_ascii=False, indent=2) + "\n"
