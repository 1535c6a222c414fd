"""The standard library's own regular-expression parser, which reads a pattern as the engine
will: the pattern checks (validator/regex_safety.py) and the literal needles and prefixes that let
rules skip a scan (validator/textindex.py) all look at patterns through it. Private modules, named
``re._parser`` and ``re._constants`` from Python 3.11 and ``sre_parse``/``sre_constants`` before;
``re`` has already imported them, so this costs nothing at start-up."""

from __future__ import annotations

try:
    import re._constants as constants
    import re._parser as parser
except ImportError:  # Python 3.10
    import sre_constants as constants  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

__all__ = ["constants", "parser"]
