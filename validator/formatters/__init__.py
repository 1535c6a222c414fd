"""Output formats: each module turns a list of Results into one string.

One module per format behind one small interface, ``render(results, *, color=False) -> str``, so
a new format is a new module and a line in ``FORMATTERS``; modules load only when used. Formatters
only read Results; the exit code is decided elsewhere and never depends on the format.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from ..results import Result

# format name -> module in this package
FORMATTERS: dict[str, str] = {
    "text": "text",
    "json": "jsonfmt",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
}

STDIN = "<stdin>"



def names() -> list[str]:
    """The format names, default (text) first, for ``--format`` choices and help."""
    return list(FORMATTERS)


def render(name: str, results: list[Result], *, color: bool = False) -> str:
    """Render ``results`` in format ``name``; ``color`` matters only to terminal formats."""
    try:
        module_name = FORMATTERS[name]
    except KeyError:
        raise InputError(name, f"未知的输出格式，可选：{'、'.join(names())}") from None
    module = importlib.import_module(f".{module_name}", __name__)
    return module.render(results, color=color)


def repo_path(path: str) -> str:
    """A path as CI tools want it: relative to the working directory when possible, with ``/``.

    GitHub annotations and SARIF locations are matched against repository paths, and the
    workflow runs at the repository root, so an absolute path under it is made relative.
    """
    if path == STDIN:
        return path
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = os.pardir
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            path = rel
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    if os.altsep and os.altsep != "/":
        path = path.replace(os.altsep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path

