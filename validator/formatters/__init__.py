"""Output formats: each module turns one Run (results, unreadable inputs, rule catalogue) into text.

One module per format behind one small interface, ``render(run, *, color=False) -> str``, so a
new format is a new module and a line in ``FORMATTERS``; modules load only when used. Formatters
only read the Run; the exit code is decided elsewhere and never depends on the format. The outline
command's views (``outline_text``, ``outline_json``) render one analysed report behind the same
interface, listed in ``OUTLINE_FORMATTERS``.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # results import the document model and normalisation: not needed for --help
    from ..results import Result, Run

# format name -> module in this package
FORMATTERS: dict[str, str] = {
    "text": "text",
    "json": "jsonfmt",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "codeclimate": "codeclimate",
    "html": "html",
    "jsonl": "jsonl",
}
# The outline command's views of one analysed report, behind the same ``render(x, *, color=False)``.
OUTLINE_FORMATTERS: dict[str, str] = {
    "text": "outline_text",
    "json": "outline_json",
}

STDIN = "<stdin>"

def names() -> list[str]:
    """The format names, default (text) first, for ``--format`` choices and help."""
    return list(FORMATTERS)


def render(name: str, run: Run | list[Result], *, color: bool = False) -> str:
    """Render a run (or bare results) in format ``name``; ``color`` matters only to terminals."""
    try:
        module_name = FORMATTERS[name]
    except KeyError:
        raise InputError(name, f"未知的输出格式，可选：{'、'.join(names())}") from None
    from ..results import Run

    if not isinstance(run, Run):
        run = Run(results=list(run))
    module = importlib.import_module(f".{module_name}", __name__)
    return module.render(run, color=color)


def outline_names() -> list[str]:
    """The outline command's format names, default (text) first."""
    return list(OUTLINE_FORMATTERS)


def render_outline(name: str, report) -> str:
    """Render one analysed report (validator.report.Report) as the outline command shows it."""
    try:
        module_name = OUTLINE_FORMATTERS[name]
    except KeyError:
        raise InputError(name, f"未知的提纲输出格式，可选：{'、'.join(outline_names())}") from None
    return importlib.import_module(f".{module_name}", __name__).render(report)


@lru_cache(maxsize=8)
def _root_of(cwd: str) -> str:
    """The repository root: the nearest folder up from ``cwd`` holding ``.git``, else ``cwd``."""
    here = Path(cwd)
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return str(folder)
    return cwd


def repo_root() -> str:
    """Where CI tools resolve paths from; GITHUB_WORKSPACE / CI_PROJECT_DIR win when set."""
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        value = os.environ.get(var)
        if value and os.path.isdir(value):
            return os.path.abspath(value)
    return _root_of(os.getcwd())


def inside_root(path: str) -> bool:
    """Whether a checked path lies under the repository root (so a relative URI names it)."""
    if path == STDIN:
        return False
    try:
        rel = os.path.relpath(os.path.abspath(path), repo_root())
    except ValueError:  # another drive on Windows
        return False
    return rel != os.pardir and not rel.startswith(os.pardir + os.sep)


def repo_path(path: str) -> str:
    """A path as CI tools want it: relative to the repository root when under it, with ``/``.

    GitHub annotations and SARIF locations are matched against repository paths, whichever
    folder the job runs in; a path outside the repository stays absolute.
    """
    if path == STDIN:
        return path
    if inside_root(path):
        path = os.path.relpath(os.path.abspath(path), repo_root())
    elif not os.path.isabs(path):
        path = os.path.abspath(path)
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    if os.altsep and os.altsep != "/":
        path = path.replace(os.altsep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path

