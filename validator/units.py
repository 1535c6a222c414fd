"""Issuing units: what counts as one, which profile it belongs to, and the words a report uses of itself.

The forms live in the profiles' ``match`` and ``cues`` (rules/profiles/*.yaml), one place for
metadata (is this phrase a unit?) and for profile inference (which rules apply?). Only the
``match`` and ``cues`` keys are read here, with plain YAML, so reading a report never loads the
rule machinery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import yaml_fast

# A phrase that names the reporter's whole area or itself is not a unit ("全区", "我局", "各乡镇").
_NOT_A_NAME = re.compile(r"^(全|我|本|各|该|此|其|两|我们|上级|下级|有关|相关|乡镇|镇街|县区|市县|区县)")
_PARTY = re.compile(r"^中共")


@dataclass(frozen=True)
class UnitKind:
    """One profile's unit forms: the patterns on a unit's name and the report's self-references."""

    profile: str
    title: str
    patterns: tuple[re.Pattern, ...]
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def kinds() -> tuple[UnitKind, ...]:
    """The bundled profiles' unit forms, in the order profile inference tries them."""
    from .ruleset import profile_files

    out = []
    for name, path in profile_files().items():
        if name == "national":
            continue
        data = yaml_fast.safe_load(path.read_text(encoding="utf-8")) or {}
        out.append(UnitKind(name, data.get("title", name),
                            tuple(re.compile(p) for p in data.get("match", [])),
                            tuple(data.get("cues", []))))
    return tuple(out)


def kind_of(unit: str | None) -> UnitKind | None:
    """The profile a unit's name belongs to; a joint unit ("中共X县委 X县人民政府") by its whole."""
    if not unit:
        return None
    for kind in kinds():
        if any(p.search(unit) for p in kind.patterns):
            return kind
    return None


def is_unit(text: str) -> bool:
    """True for a phrase shaped like an issuing unit's name ("青河区司法局", "南山街道办事处")."""
    text = text.strip()
    if not 2 <= len(text) <= 40 or _NOT_A_NAME.match(_PARTY.sub("", text)):
        return False
    if re.search(r"[。,;:、《》“”\"()]|\d", text):
        return False
    return kind_of(text) is not None


@dataclass(frozen=True)
class Cue:
    """The self-reference that decided a profile when the report names no unit."""

    word: str
    count: int
    kind: UnitKind


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern, dict[str, UnitKind]]:
    owner = {c: k for k in kinds() for c in k.cues}
    words = sorted(owner, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)"), owner


def _tier(word: str) -> int:
    """0 for the body speaking of itself (我局, 本街道), 1 for its area (我县, 全区), 2 for the rest (县政府)."""
    if word[0] in "我本" and word[-1] not in "省市区县州旗":
        return 0
    return 1 if word[0] in "我本全" else 2


def self_reference(texts: list[str]) -> Cue | None:
    """The profile the report's words about itself point to.

    A department says 我局 and also 我市, a township 我镇 and also 全县: the body's words about
    itself decide before its words about its area, which decide before a mention of a
    government (县政府). Within a tier the profile named most often wins.
    """
    pattern, owner = _cue_pattern()
    counts: dict[str, int] = {}
    for text in texts:
        for m in pattern.finditer(text):
            counts[m.group()] = counts.get(m.group(), 0) + 1
    if not counts:
        return None
    tier = min(_tier(w) for w in counts)
    found = {w: n for w, n in counts.items() if _tier(w) == tier}
    order = [k.profile for k in kinds()]
    by_kind: dict[str, int] = {}
    for w, n in found.items():
        by_kind[owner[w].profile] = by_kind.get(owner[w].profile, 0) + n
    best = max(by_kind, key=lambda p: (by_kind[p], -order.index(p)))
    word = max((w for w in found if owner[w].profile == best), key=lambda w: (found[w], w))
    return Cue(word, by_kind[best], owner[word])
