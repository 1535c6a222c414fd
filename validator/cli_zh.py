"""click's own strings in Chinese (validator/data/click_zh.yaml), so help, usage and errors read
in one language. click looks its strings up through gettext; the lookup is replaced in the click
modules that use it, and a string not in the file stays as click wrote it."""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from importlib import resources

    from . import yaml_fast

    return yaml_fast.safe_load(resources.files("validator.data").joinpath("click_zh.yaml").read_text(encoding="utf-8"))


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
