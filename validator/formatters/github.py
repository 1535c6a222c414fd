"""GitHub Actions workflow commands: findings become annotations on the pull request's files.

One ``::error`` / ``::warning`` / ``::notice`` line per finding, with the file and line so GitHub
pins it to the report; whole-report findings (line 0) are annotated on the file without a line.
Values are escaped as the runner requires, or a newline in a message would end the command early.
"""

from __future__ import annotations

from . import STDIN, repo_path
from ..results import Result

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape the message part (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value; ``:`` and ``,`` would otherwise end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: list[Result], *, color: bool = False) -> str:
    """Workflow commands in document and line order; empty when there is nothing to say."""
    lines = []
    for r in results:
        for f in sorted(r.findings, key=lambda f: (f.line, f.rule)):
            props = []
            if r.path != STDIN:
                props.append(f"file={escape_property(repo_path(r.path))}")
                if f.line > 0:
                    props.append(f"line={f.line}")
            props.append(f"title={escape_property(f.rule)}")
            message = f.message
            if f.section:
                message += f"（{f.section}）"
            if f.fix:
                message += f"\n修改建议：{f.fix}"
            command = COMMANDS.get(f.severity, "warning")
            lines.append(f"::{command} {','.join(props)}::{escape_data(message)}")
    return "\n".join(lines) + "\n" if lines else ""
