"""click's own strings in Chinese (validator/data/click_zh.json), so help, usage and errors read
in one language. click looks its strings up through gettext; the lookup is replaced in the click
modules that use it, and a string not in the file stays as click wrote it.

The table is JSON, read from beside this module, because `report-check --version` reads it:
importing a YAML parser and importlib.resources would cost that command a third of its time."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import json
    import os

    with open(os.path.join(os.path.dirname(__file__), "data", "click_zh.json"), encoding="utf-8") as f:
        return json.load(f)


def gettext(message: str) -> str:
    return _table().get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    for name in _MODULES:
        module = import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
