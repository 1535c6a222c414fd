"""A rule's regular expression must not backtrack catastrophically on report text.

Rules are data anyone can write, and they run on every line of every report in CI; Python's
``re`` has no time limit, so one ``(\\d+)+$`` can hang a job on a long line of digits. Patterns
are checked when a rule file loads, and two shapes that backtrack exponentially are refused:

- a repeat inside a repeat, where the inner one can match different lengths: ``(a+)+``,
  ``(\\s*,)*``, ``(?:[一二]+、)*``;
- a repeat whose body can be split several ways: ``(a|aa)+``, or over alternatives that can start
  with the same character: ``(ab|ac)*``.

Possessive repeats and atomic groups (``a++``, ``(?>…)``) never backtrack and are allowed, as are
bounded repeats of at most a few iterations. What is left (``\\s*\\s*x``: polynomial at worst) is
bounded by the CLI's per-file time limit. A check at load, not the ``regex`` module's match
timeout, keeps ``re`` (the engine every kind uses) and names the rule before any report is read.
"""

from __future__ import annotations

from .re_parser import constants as _c
from .re_parser import parser as _parser

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
# Bounded repeats of at most this many iterations cannot blow up in practice.
_SMALL = 8


def problem(pattern: str) -> str | None:
    """Why ``pattern`` may backtrack catastrophically, in Chinese; None when it is safe."""
    try:
        tree = _parser.parse(pattern)
    except Exception:  # the caller reports syntax errors with re.compile
        return None
    return _walk(tree)


def _walk(items, inside_repeat: bool = False) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            lo, hi, body = av
            if _big(hi):
                if _width(body)[0] != _width(body)[1]:
                    if _essentially_repeat(body):
                        return "量词嵌套（如 (a+)+），在长行上会指数级回溯"
                    if _first(list(body)) & _last(list(body)):
                        return "重复的部分可以多种方式拆分（如 (a|aa)+），在长行上会指数级回溯"
                if _overlapping_branch(body):
                    return "重复的分支可以匹配同样的开头（如 (ab|ac)*），在长行上会指数级回溯"
            found = _walk(body)
        elif op == _c.SUBPATTERN:
            found = _walk(av[-1])
        elif op == _c.BRANCH:
            found = next((f for f in (_walk(alt) for alt in av[1]) if f), None)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _walk(av[1])
        else:  # ATOMIC_GROUP and POSSESSIVE_REPEAT never give back what they matched
            found = None
        if found:
            return found
    return None


def _big(hi: int) -> bool:
    return hi == _c.MAXREPEAT or hi > _SMALL


def _width(items) -> tuple[int, int]:
    sub = items if hasattr(items, "getwidth") else _parser.SubPattern(_parser.State(), list(items))
    return sub.getwidth()


def _flat(items) -> list:
    """Items with plain groups opened: (?:a+) is a+."""
    out = []
    for op, av in items:
        if op == _c.SUBPATTERN:
            out += _flat(av[-1])
        else:
            out.append((op, av))
    return out


def _essentially_repeat(body) -> bool:
    """The body is one backtracking repeat of variable length, give or take parts that may be
    empty: then each character can go to the inner or the outer repeat."""
    items = _flat(body)
    required = [it for it in items if _width([it])[0] > 0]
    repeats = [it for it in items if it[0] in _REPEATS and it[1][0] != it[1][1]]
    if not repeats:
        return False
    return not required or (len(required) == 1 and required[0] in repeats)


def _overlapping_branch(items) -> bool:
    items = _flat(items)
    if len(items) != 1 or items[0][0] != _c.BRANCH:
        return False
    seen: set = set()
    for alt in items[0][1][1]:
        first = _first(list(alt))
        if first & seen:
            return True
        seen |= first
    return False


def _first(items) -> set:
    """Literal characters the items can start with; classes and wildcards count as none (the
    check errs towards allowing, the time limit covers the rest)."""
    return _edge(items, last=False)


def _last(items) -> set:
    """Literal characters the items can end with, as :func:`_first` reads them from the other end."""
    return _edge(items, last=True)


def _edge(items, last: bool) -> set:
    items = _flat(items)
    out: set = set()
    for op, av in reversed(items) if last else items:
        if op == _c.LITERAL:
            out.add(av)
        elif op == _c.IN:
            out |= {v for o, v in av if o == _c.LITERAL}
        elif op in _REPEATS:
            out |= _edge(list(av[2]), last)
        elif op == _c.BRANCH:
            for alt in av[1]:
                out |= _edge(list(alt), last)
        if _width([(op, av)])[0] > 0:
            break
    return out
