"""What each part of the report is for: one pass over the outline that gives every top-level part
a role (measures, shortcomings, first-responsibility, plan, other, annex, or none), with the
reasons that decided it, in Chinese.

A reviewer does not look for one word list per part; they read the whole outline. So do we, in
this order (the first signal that speaks decides, later ones only add reasons):

1. The heading's words (``roles:`` in the rule files). The heading is split at 与/和/及/以及/暨/、,
   so "主要成效与存在问题" carries two roles; within one piece the specific roles win over measures
   ("下一步工作措施" is a plan). The statutory "第一责任人职责，加强法治政府建设的有关情况" stays one
   first-responsibility part, and "下一步工作计划和措施" one plan.
2. The year a piece names: the report year + 1 is the plan ("三、2025年重点任务"), the report year
   the measures.
3. A generic heading ("一、法治政府建设工作开展情况") is the measures.
4. Position: shortcomings and plan come last. A part that one word would make shortcomings or plan
   but that also reads as measures (it begins 坚持/加强…, names a 纲要 area, names the report year or
   a measures word: "统筹安排部署", "年度工作计划执行情况") and is followed by a measures part or by
   another part of that role is a measure. Unplaced parts before the first closing part
   (shortcomings, plan, other, annex) are thematic measures, unless their text is a list of
   problems throughout.
5. The text, for an unplaced part after that: 将/要/继续 and next year's dates make a plan,
   问题/不足/短板 the shortcomings.

Sub-sections belong to their part, except that their own heading gives the first-responsibility
role anywhere ("（三）履行推进法治建设第一责任人职责"), splits a two-role part among its children,
and names closing sub-sections at the end of a part ("（七）存在的问题", "（八）下一步打算").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import first_year
from .normalize import normalize
from .outline import Section

ROLES = ("measures", "shortcomings", "first-responsibility", "plan", "other", "annex")
NAMES = {
    "measures": "举措和成效", "shortcomings": "存在的不足", "first-responsibility": "第一责任人履职",
    "plan": "下一年度安排", "other": "其他需要报告的情况", "annex": "附件", "none": "未定",
}
_SPECIFIC = ("annex", "other", "first-responsibility", "shortcomings", "plan")
_CLOSING = {"shortcomings", "plan", "other", "annex"}
_SPLIT = re.compile(r"以及|与|和|及|暨|、|;")


@lru_cache(maxsize=256)
def _compile(patterns: tuple[str, ...], anchored: bool = False) -> re.Pattern | None:
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"^(?:{body})" if anchored else body)


class Vocabulary:
    """The role words of a profile, compiled once."""

    def __init__(self, words: dict):
        def rx(role: str, key: str, anchored: bool = False) -> re.Pattern | None:
            return _compile(tuple((words.get(role) or {}).get(key) or ()), anchored)

        self.headings = {r: rx(r, "headings") for r in ROLES}
        self.exclude = {r: rx(r, "exclude") for r in ROLES}
        self.body = {r: rx(r, "body") for r in ROLES}
        self.generic = rx("measures", "generic")
        self.starts = rx("measures", "starts", anchored=True)
        self.areas = rx("measures", "areas")


_VOCABS: dict[int, tuple[dict, Vocabulary]] = {}


def vocabulary(words: dict) -> Vocabulary:
    """Compiled words, cached per words mapping (bundled profiles keep theirs for the run)."""
    hit = _VOCABS.get(id(words))
    if hit is None or hit[0] is not words:
        if len(_VOCABS) >= 64:  # user files resolved anew for each report must not pile up
            _VOCABS.clear()
        hit = _VOCABS[id(words)] = (words, Vocabulary(words))
    return hit[1]


@dataclass(frozen=True)
class Assigned:
    """A section's roles, in heading order, and why; ``own`` is false for an inherited role."""

    roles: tuple[str, ...]
    reasons: tuple[str, ...]
    own: bool = True

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else "none"


class RoleMap:
    """The roles of every section of one report."""

    def __init__(self, parts: list[Section], assigned: dict[int, Assigned]):
        self.parts = parts
        self._assigned = assigned

    def of(self, section: Section) -> Assigned:
        return self._assigned.get(id(section), Assigned((), ()))

    def parts_with(self, role: str) -> list[Section]:
        """Top-level parts that carry the role."""
        return [p for p in self.parts if role in self.of(p).roles]

    def sections_with(self, role: str, levels: int) -> list[Section]:
        """Sub-sections down to ``levels`` whose own heading gives the role, outside the parts that
        are only shortcomings or plan (a plan item "压实第一责任人责任" is an intention, a shortcoming
        "第一责任人履职不到位" a regret, neither a report of the duty)."""
        elsewhere = set() if role in ("plan", "shortcomings") else {"plan", "shortcomings"}
        return [
            s for p in self.parts if not (self.of(p).roles and set(self.of(p).roles) <= elsewhere)
            for s in p.walk()
            if s is not p and s.level <= levels and self.of(s).own and role in self.of(s).roles
        ]

    def only_in(self, section: Section | None, roles: set[str]) -> bool:
        """Whether a section lies in a part whose roles are all among ``roles``."""
        while section is not None and section.parent is not None:
            section = section.parent
        mine = self.of(section).roles if section is not None else ()
        return bool(mine) and set(mine) <= roles


@dataclass
class _Heading:
    roles: list[str]
    reasons: list[str]
    by_words: bool  # decided by words or year, not by a generic "…情况"
    pieces: int  # how many pieces of the heading carry a role
    named: bool = False  # a closing word ends its piece ("存在的问题", "下一步工作打算") or a year says so


def _word_role(vocab: Vocabulary, piece: str, whole: str) -> tuple[str, str] | None:
    for role in (*_SPECIFIC, "measures"):
        rx, veto = vocab.headings[role], vocab.exclude[role]
        m = rx.search(piece) if rx else None
        if m and not (veto and veto.search(whole)):
            return role, m.group(0)
    return None


def _read_heading(vocab: Vocabulary, text: str, year: int | None, allowed: set[str] | None = None) -> _Heading:
    """Roles from the heading's words and years, piece by piece."""
    out = _Heading([], [], True, 0)
    for piece in (p for p in _SPLIT.split(text) if p):
        found = _word_role(vocab, piece, text)
        role, reason = (found[0], f"标题含“{found[1]}”") if found else (None, "")
        y = first_year(piece)
        if year and y == year + 1 and role in (None, "measures"):
            role, reason = "plan", f"标题写明{y}年（报告年度＋1）"
        elif year and y == year and role is None:
            role, reason = "measures", f"标题写明{y}年（报告年度）"
        elif year and found and ((role, y) == ("plan", year + 1) or (role, y) == ("measures", year)):
            reason += f"，写明{y}年（报告年度{'＋1' if y > year else ''}）"
        if role is None or (allowed is not None and role not in allowed):
            continue
        out.pieces += 1
        out.named = out.named or role in _CLOSING and (not found or piece.rstrip(":").endswith(found[1]))
        if role not in out.roles:
            out.roles.append(role)
            out.reasons.append(reason)
    if "measures" in out.roles and ("first-responsibility" in out.roles or (
            "plan" in out.roles and out.roles.index("plan") < out.roles.index("measures"))):
        # "…第一责任人职责，加强法治政府建设的有关情况" and "下一步工作计划和措施" are one part each
        i = out.roles.index("measures")
        del out.roles[i], out.reasons[i]
    if not out.roles and allowed is None and vocab.generic and (m := vocab.generic.search(text)):
        out.roles, out.reasons, out.by_words = ["measures"], [f"概括性标题（“…{m.group(0)}”）"], False
    return out


def _thematic(vocab: Vocabulary, text: str) -> str | None:
    """Why a heading reads as one of the measures: its opening verb or the 纲要 area it names."""
    if vocab.starts and (m := vocab.starts.match(text)):
        return f"标题以“{m.group(0)}”开头，是主题式举措标题"
    if vocab.areas and (m := vocab.areas.search(text)):
        return f"标题写的是纲要任务“{m.group(0)}”"
    return None


def _body_role(vocab: Vocabulary, report, part: Section, year: int | None,
               dense: bool = False) -> tuple[str, str] | None:
    """Plan or shortcomings from the text of a part whose heading does not say. ``dense`` asks
    for problems on every line (one word in 40 characters), as a measures part never has them."""
    text = "".join(b.norm for b in report.blocks_in(part)[1:])
    if dense:
        rx = vocab.body["shortcomings"]
        faults = len(rx.findall(text)) if rx else 0
        if faults >= 2 and faults * 40 >= len(text):
            return "shortcomings", f"正文通篇写“问题/不足/短板/差距”（{faults}处）"
        return None
    plan_rx, sh_rx = vocab.body["plan"], vocab.body["shortcomings"]
    plans = len(plan_rx.findall(text)) if plan_rx else 0
    nexts = text.count(f"{year + 1}年") if year else 0
    faults = len(sh_rx.findall(text)) if sh_rx else 0
    if plans + 2 * nexts >= 3 and plans + 2 * nexts > faults:
        tail = f"并写到{year + 1}年" if nexts else ""
        return "plan", f"正文多写“将/要/继续/进一步”（{plans}处）{tail}"
    if faults >= 2 and faults >= plans:
        return "shortcomings", f"正文多写“问题/不足/短板/差距”（{faults}处）"
    return None


def assign_roles(report, words: dict) -> RoleMap:
    """Give every section of the report its role."""
    vocab = vocabulary(words)
    year = report.meta.year
    parts: list[Section] = list(report.sections)
    texts = [normalize(p.heading) for p in parts]
    read = [_read_heading(vocab, t, year) for t in texts]
    themes = [_thematic(vocab, t) for t in texts]
    _demote(parts, read, [bool(themes[i]) or _measures_like(vocab, t, year) for i, t in enumerate(texts)])

    closing = next((i for i, h in enumerate(read) if _CLOSING & set(h.roles)), None)
    assigned: dict[int, Assigned] = {}
    last = max((i for i, h in enumerate(read) if not ({"other", "annex"} & set(h.roles))), default=-1)
    for i, (part, h) in enumerate(zip(parts, read)):
        roles, reasons = list(h.roles), list(h.reasons)
        if roles and roles[0] == "plan" and i == last and "（报告年度＋1）" in reasons[0]:
            reasons[0] += "且为最后部分"
        if not roles:
            roles, placed = _place(vocab, report, part, i, closing, parts, themes[i], year)
            reasons += placed
        assigned[id(part)] = Assigned(tuple(roles), tuple(reasons))
        _assign_children(vocab, part, assigned[id(part)], assigned, year)
    return RoleMap(parts, assigned)


def _measures_like(vocab: Vocabulary, text: str, year: int | None) -> bool:
    """Whether a heading also reads as measures ("年度工作计划执行情况", "2024年…")."""
    rx, generic = vocab.headings["measures"], vocab.generic
    return bool((rx and rx.search(text)) or (generic and generic.search(text))
                or (year and first_year(text) == year))


def _demote(parts: list[Section], read: list[_Heading], measures_like: list[bool]) -> None:
    """Shortcomings and plan come last. A heading that one word would make a closing part is a
    measure when that part cannot be the closing one: it also reads as measures and a measures part
    or another part of its role follows; or the word is in passing ("直面问题，…") and anything that
    reads as measures follows."""
    for i, h in enumerate(read):
        if h.pieces != 1 or not h.roles or not set(h.roles) <= {"shortcomings", "plan"}:
            continue
        if not (measures_like[i] or not h.named):
            continue
        role = h.roles[0]
        later = read[i + 1:]
        after = [j for j, r in enumerate(later, start=i + 1)
                 if ("measures" in r.roles and r.by_words) or role in r.roles
                 or (role == "plan" and "shortcomings" in r.roles)
                 or (not h.named and measures_like[j] and not (_CLOSING & set(r.roles)))]
        if after:
            nxt = parts[after[0]]
            read[i] = _Heading([], [f"{h.reasons[0]}，但其后还有“{nxt.label}”，不作{NAMES[role]}部分"], True, 0)


def _place(vocab, report, part, i, closing, parts, theme, year) -> tuple[list[str], list[str]]:
    """The role of a part its heading does not name: by position, then by its text."""
    notes = [r for r in (theme,) if r]
    if closing is not None and i < closing:
        body = None if theme else _body_role(vocab, report, part, year, dense=True)
        if body and body[0] == "shortcomings":
            return [body[0]], [body[1]]
        return ["measures"], [*notes, f"位于“{parts[closing].label}”之前的主题部分"]
    if closing is None and theme:
        return ["measures"], notes
    body = _body_role(vocab, report, part, year)
    if body:
        return [body[0]], [body[1]]
    if closing is None:
        return ["measures"], ["报告未见不足、计划部分，按位置视为举措和成效"]
    return [], ["标题和正文都未显示其作用"]


def _assign_children(vocab, section: Section, parent: Assigned, assigned: dict, year) -> None:
    """Sub-sections: their own first-responsibility heading, a two-role part's split, the closing
    sub-sections at the end of a part ("（七）存在的问题", "（八）下一步打算"), or inherited."""
    allowed = {"first-responsibility"} | (set(parent.roles) if len(parent.roles) > 1 else set())
    trailing = _trailing_closers(vocab, section, year) if section.parent is None else set()
    for child in section.children:
        h = _read_heading(vocab, normalize(child.heading), year, allowed | ({"shortcomings", "plan"}
                          if id(child) in trailing else set()))
        if h.roles:
            mine = Assigned(tuple(h.roles), tuple(h.reasons))
        else:
            mine = Assigned(parent.roles, (f"属于“{section.label}”",), own=False)
        assigned[id(child)] = mine
        _assign_children(vocab, child, mine if mine.own else parent, assigned, year)


def _trailing_closers(vocab, part: Section, year) -> set[int]:
    """The last children of a part whose headings name shortcomings or a plan: a report that nests
    its closing parts under its only part still has them."""
    found: set[int] = set()
    for child in reversed(part.children):
        text = normalize(child.heading)
        h = _read_heading(vocab, text, year, {"shortcomings", "plan"})
        if not h.roles or _thematic(vocab, text):
            break
        found.add(id(child))
    return found


def merge_roles(base: dict, extra: dict | None) -> dict:
    """Role words of a file added to those it builds on: a province extends a list, never loses one."""
    if not extra:
        return base
    out = {role: dict(words) for role, words in base.items()}
    for role, words in extra.items():
        target = out.setdefault(role, {})
        for key, patterns in words.items():
            target[key] = [*target.get(key, []), *(p for p in patterns if p not in target.get(key, []))]
    return out
