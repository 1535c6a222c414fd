"""GitHub Actions workflow commands: findings become annotations on the pull request's files.

One ``::error`` / ``::warning`` / ``::notice`` line per finding, with the file and, where the
finding has a true line of the file (a text line, a web page's source line), that line, so GitHub
pins it to the report. A finding about the whole report, or one in a Word or PDF file (whose
第N段/第N页 is no line of the file), is annotated on the file with the position in the message. An input that could not be read is an ``::error`` on that file. GitHub
shows only ten annotations of each level per step; the CLI also appends the Markdown checklist to
``$GITHUB_STEP_SUMMARY`` so nothing is lost. Values are escaped as the runner requires.
"""

from __future__ import annotations

from . import STDIN, repo_path
from ..results import Run

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value; ``:`` and ``,`` would otherwise end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _file(path: str) -> list[str]:
    return [] if path == STDIN else [f"file={escape_property(repo_path(path))}"]


def render(run: Run, *, color: bool = False) -> str:
    """Workflow commands in document and line order; empty when there is nothing to say."""
    lines = []
    for r in run.results:
        for f in sorted(r.findings, key=lambda f: (f.line, f.code)):
            props = _file(r.path)
            if props and f.file_line:
                props.append(f"line={f.file_line}")
            props.append(f"title={escape_property(f.code)}")
            message = f"{f.source}：{f.message}" if f.source else f.message
            if f.section:
                message += f"（{f.section}）"
            if f.fix:
                message += f"\n修改建议：{f.fix}"
            command = COMMANDS.get(f.severity, "warning")
            lines.append(f"::{command} {','.join(props)}::{escape_data(message)}")
    for bad in run.unreadable:
        command = "warning" if bad.skipped else "error"
        props = _file(bad.path) + [f"title={escape_property('无法读取' if not bad.skipped else '已跳过')}"]
        lines.append(f"::{command} {','.join(props)}::{escape_data(bad.problem)}")
    return "\n".join(lines) + "\n" if lines else ""
