"""Rule kinds: one module each, and the registry built from the modules.

A kind module declares everything a rule of that kind is: ``NAME`` (what rule files write in
``kind``), ``Options`` (a pydantic model of its options, with defaults and descriptions),
``LOCATES`` (True when the part it finds is the scope of other rules), ``CHECKS`` (its sub-checks:
a finding's ``check`` and the rule's ``messages`` key, with when each is reported), ``DETAILS`` (the
placeholders its findings fill in a message) and ``check(options, ctx) -> Outcome``. Its docstring
is what `rules explain` shows about how the kind decides.
"""

from __future__ import annotations

from types import ModuleType

from . import (change, deadline, duplicate, figure, forbid, foreign, furniture, instrument, mention, numbering, part,
               percent, plan_year, previous, range_, report_year, subject, title, total)

_MODULES = (part, mention, figure, range_, report_year, plan_year, deadline, forbid, furniture, title, subject,
            percent, total, change, numbering, duplicate, foreign, instrument, previous)

KINDS: dict[str, ModuleType] = {m.NAME: m for m in _MODULES}


def get(kind: str) -> ModuleType:
    """The module implementing a kind."""
    return KINDS[kind]


def locates(kind: str) -> bool:
    """True when rules of this kind locate a part that other rules may be scoped to."""
    return getattr(KINDS[kind], "LOCATES", False)


def checks(kind: str) -> dict[str, str]:
    """The kind's sub-checks (``messages`` keys), each with when it is reported."""
    return getattr(KINDS[kind], "CHECKS", {})


def details(kind: str) -> frozenset[str]:
    """Placeholders the kind's findings fill in a rule's message."""
    return frozenset(getattr(KINDS[kind], "DETAILS", ()))
