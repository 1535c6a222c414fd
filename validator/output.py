"""Getting output out: to a console of any encoding, and to files written atomically.

A GBK or cp1252 console cannot show every character; the text output then uses plain marks and
replaces what is left, rather than crashing with a traceback that CI would read as findings.
Machine formats are always UTF-8 bytes. A file given with ``-o`` is written to a temporary file
beside it and renamed, so a job that is stopped never leaves half a report for the next step.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile

from .errors import InputError
from .results import Run

# Terminal marks and what a narrow console shows instead, best first.
MARKS = {"✓": ("√", "+"), "✗": ("×", "x"), "–": ("-",), "…": ("...",), "→": ("->",)}
MACHINE = ("json", "jsonl", "sarif", "junit", "codeclimate", "github", "markdown", "html")


def _encoding(stream) -> str:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return "utf-8"


def console_safe(text: str, encoding: str) -> bytes:
    """``text`` as bytes the console can show: marks it lacks become plain ones, then anything
    still unencodable becomes ``?``."""
    for mark, fallbacks in MARKS.items():
        if mark in text and not _encodes(mark, encoding):
            plain = next((f for f in fallbacks if _encodes(f, encoding)), "?")
            text = text.replace(mark, plain)
    return text.encode(encoding, errors="replace")


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def emit(text: str, fmt: str, stream=None) -> None:
    """Write ``text`` to stdout: machine formats as UTF-8, text in what the console can show."""
    stream = stream or sys.stdout
    if not text:
        return
    encoding = _encoding(stream)
    # "replace": a lone surrogate that got past a reader must not turn the whole output into a traceback.
    data = text.encode("utf-8", errors="replace") if fmt in MACHINE else console_safe(text, encoding)
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (some IDE consoles): let it encode
        stream.write(data.decode("utf-8" if fmt in MACHINE else encoding))
    else:
        stream.flush()
        buffer.write(data)
        buffer.flush()


def show(run: Run, fmt: str, *, color: bool) -> None:
    from .formatters import render

    if not run.results and not run.unreadable:
        return
    out = render(fmt, run, color=color and fmt == "text")
    emit(out, fmt)


def write_text(path: str, text: str) -> None:
    """Write UTF-8 text atomically: a temporary file in the same folder, then a rename."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".report-check-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(path, f"无法写入输出文件（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an output file is not
        os.replace(tmp, path)
    except BaseException as exc:  # a failed write or an interrupt leaves neither half a file nor the temporary
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(path, f"无法写入输出文件（{exc.strerror or exc}）") from None
        raise


def write_file(run: Run, fmt: str, path: str) -> None:
    from .formatters import render

    write_text(path, render(fmt, run))


def step_summary(run: Run) -> None:
    """Append the Markdown checklist to $GITHUB_STEP_SUMMARY, so findings past GitHub's
    annotation limit are still shown on the job page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from .formatters import render

    try:
        with open(target, "a", encoding="utf-8") as fh:
            fh.write(render("markdown", run))
    except OSError as exc:
        raise InputError(target, f"无法写入 GITHUB_STEP_SUMMARY（{exc.strerror or exc}）") from None
