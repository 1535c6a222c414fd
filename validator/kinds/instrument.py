"""Core instruments cited as they are: in their period, after they took effect, by their real name.

The registry (rules/instruments.yaml, schema rules/instruments.schema.json, plus a rule file's own
``instruments``) gives each instrument's period, issue and effective dates, the names it replaced
and its wrong forms. A report of year Y is read against it (defect D2/D3 in published reports):

- ``period`` (hygiene.instrument-period): an instrument whose period ended before Y cited as the
  guide of this year's work (a 2026 report "深入贯彻《法治政府建设实施纲要（2021—2025年）》",
  "十四五" as the current period); one cited in a year before it was issued; one applied before it
  took effect; a replaced name cited after its successor took effect; a duty the instrument moved
  elsewhere still claimed (a 局 handling 行政复议 cases after 2024). A sentence that looks back
  ("收官""总结""期间") is history, not a citation as current.
- ``unverified``: a successor the registry does not know, a family's title with a later period
  ("…（2026—2030年）"), is accepted and noted so a reviewer confirms its exact title.
- ``misquote`` (hygiene.misquoted-title): the registry's wrong forms (法制政府, 习总书记, a period
  whose dash was lost, 推进法治政府建设第一责任人职责规定) and a family's title with a period that is
  neither known nor a successor ("（2022—2025年）", "（2021年—2025年）").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import yaml
from pydantic import Field, field_validator

from ..textindex import joined
from ..units import kind_of
from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, compile_any, excerpt, per_options

NAME = "instrument"
CHECKS = {
    "early": "引用报告年度尚未印发或尚未施行的文件",
    "replaced": "引用已被取代的文件名称",
    "duty": "写了文件施行后已不由本单位承担的职责",
}
DETAILS = ("found", "name", "period", "year", "issued", "effective", "correct", "what")  # placeholders


class Options(BaseOptions):
    report: Literal["period", "unverified", "misquote"] = Field(
        "period", description="报告哪一类问题：period（时效）、unverified（未收录的后续文件）、misquote（名称错误）")
    registry: str = Field("instruments.yaml", description="规则目录下的文件登记表")
    instruments: tuple[dict, ...] = Field((), description="本规则文件补充的文件（字段同登记表，由 JSON Schema 校验）")
    current: Patterns = Field(("贯彻", "落实", "实施", "对照", "按照", "依据", "根据", "围绕", "推进", "执行", "当前", "目前", "正处于"),
                              description="把文件当作本年度依据的用语（同一句中、在文件之前）")
    past: Patterns = Field(("收官", "圆满完成", "总结", "评估", "回顾", "期间", "(?<!关键)(?<!重要)(?<!攻坚)时期", "以来", "过去", "完成情况", "[0-9]{4}年(?:是|为)"),
                           description="回顾过去的用语：同一句中出现时不算当作现行依据（“关键时期”说的是当下，不算）")
    applied: Patterns = Field(("依据", "根据", "依照", "按照", "适用"), description="适用文件的用语：文件施行前这样写是提前适用")

    @field_validator("instruments")
    @classmethod
    def _registry_shape(cls, value: tuple[dict, ...]) -> tuple[dict, ...]:
        problem = registry_problem({"instruments": list(value)})
        if problem:
            raise ValueError(problem)
        return value


@lru_cache(maxsize=1)
def _schema_validator():
    import json

    from jsonschema import Draft202012Validator

    from ..ruleset import rules_dir

    schema = json.loads((rules_dir() / "instruments.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def registry_problem(data: dict) -> str | None:
    """What is wrong with a registry (or a rule's instruments), in one line; None when it is valid."""
    error = next(iter(sorted(_schema_validator().iter_errors(data), key=lambda e: list(e.path))), None)
    if error is None:
        return None
    where = "/".join(str(p) for p in error.path) or "（顶层）"
    return f"文件登记表 {where}：{error.message}"


@dataclass(frozen=True)
class Entry:
    name: str
    family: str | None
    period: tuple[int, int] | None
    issued: int
    effective: str | None
    cited: re.Pattern
    replaced: re.Pattern | None  # the names it replaced, as 《titles》
    duties: tuple[dict, ...]


@dataclass(frozen=True)
class Registry:
    """The registry compiled once. One pattern per instrument, not one alternation of them all:
    a pattern that opens with a literal is scanned fast, an alternation of many is not."""

    entries: tuple[Entry, ...]
    quotes: tuple[tuple[re.Pattern, str], ...]  # wrong form, correct form
    families: dict[str, tuple[re.Pattern, set[tuple[int, int]]]]  # title with any period, known periods


@lru_cache(maxsize=8)
def _registry(name: str) -> dict:
    from ..errors import InputError
    from ..ruleset import rules_dir

    from ..yaml_fast import safe_load

    path = rules_dir() / name
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"无法读取文件登记表（{exc.__class__.__name__}）") from None
    # The registry ships with the package and is schema-checked by the tests
    # (tests/test_review.py), as the bundled rule files are; a start-up spends no 0.1 s on jsonschema.
    return data


def _title_rx(name: str) -> str:
    """A title as normalised text writes it: （）→(), —→-."""
    from ..normalize import normalize

    return re.escape(normalize(name))


_COMPILED: dict[tuple[str, str], Registry] = {}


@per_options
def compiled(options: Options) -> Registry:
    """The bundled registry plus the rule's own instruments, compiled once per distinct pair."""
    import json

    key = (options.registry, json.dumps(list(options.instruments), ensure_ascii=False, sort_keys=True))
    hit = _COMPILED.get(key)
    if hit is None:
        hit = _COMPILED[key] = _compile(_registry(options.registry), list(options.instruments))
    return hit


def _compile(registry: dict, extra: list[dict]) -> Registry:
    raw = list(registry.get("instruments", [])) + extra
    entries, quotes = [], list(registry.get("misquotes", []))
    families: dict[str, set[tuple[int, int]]] = {}
    for e in raw:
        names = e.get("cited") or [_title_rx(e["name"])]
        old = e.get("replaces")
        entries.append(Entry(e["name"], e.get("family"), tuple(e["period"]) if e.get("period") else None,
                             int(str(e["issued"])[:4]), str(e["effective"]) if e.get("effective") else None,
                             re.compile("|".join(f"(?:{c})" for c in names)),
                             re.compile("|".join(f"《{_title_rx(n)}》" for n in old)) if old else None,
                             tuple(e.get("duties", ()))))
        quotes.extend(e.get("misquotes", []))
        if e.get("family") and e.get("period"):
            families.setdefault(e["family"], set()).add(tuple(e["period"]))
    return Registry(tuple(entries), tuple((re.compile(q["pattern"]), q["correct"]) for q in quotes),
                    {f: (re.compile(_title_rx(f) + r"\((?P<period>[^)\n]{0,16})\)"), periods)
                     for f, periods in families.items()})


def _sentence(norm: str, start: int, end: int) -> tuple[int, int]:
    lo = max(norm.rfind("。", 0, start), norm.rfind(";", 0, start)) + 1
    stops = [i for i in (norm.find("。", end), norm.find(";", end)) if i >= 0]
    return lo, min(stops) if stops else len(norm)


def _in_force_from(entry: Entry) -> int:
    """First whole report year the instrument governs."""
    if entry.effective:
        year, rest = int(entry.effective[:4]), entry.effective[5:]
        return year if rest == "01-01" else year + 1
    return entry.issued


def _period_hits(options: Options, ctx: Context, reg: Registry, year: int) -> list[Hit]:
    current, past, applied = (compile_any(options.current), compile_any(options.past), compile_any(options.applied))
    hits: list[Hit] = []
    text = joined(ctx.report)
    for entry, (block, start, end) in ((e, hit) for e in reg.entries for hit in text.find(e.cited)):
        norm = block.norm
        lo, hi = _sentence(norm, start, end)
        before, sentence = norm[lo:start], norm[lo:hi]
        if year < entry.issued:
            check = "early"
        elif entry.effective and year < _in_force_from(entry) and applied.search(before):
            check = "early"
        elif entry.period and year > entry.period[1] and current.search(before) and not past.search(sentence):
            check = ""
        else:
            continue
        hits.append(Hit(block.line, excerpt(block, start, end), {
            "found": block.original(start, end), "name": entry.name, "year": year, "issued": entry.issued,
            "effective": entry.effective or "", "period": "—".join(map(str, entry.period or ()))}, check=check))
    for entry in reg.entries:
        if entry.replaced is not None and year >= _in_force_from(entry):
            for block, start, end in text.find(entry.replaced):
                hits.append(Hit(block.line, excerpt(block, start, end),
                                {"found": block.original(start, end), "name": entry.name,
                                 "effective": entry.effective or entry.issued}, check="replaced"))
    return hits


def _duty_hits(ctx: Context, reg: Registry, year: int) -> list[Hit]:
    meta = ctx.report.meta
    kind = kind_of(meta.unit)
    profile = kind.profile if kind else (meta.cue.kind.profile if meta.cue else None)
    hits: list[Hit] = []
    for entry in reg.entries:
        if not entry.duties or year < _in_force_from(entry):
            continue
        for duty in entry.duties:
            if duty.get("profiles") and profile not in duty["profiles"]:
                continue
            if meta.unit and any(re.search(p, meta.unit) for p in duty.get("unless_units", ())):
                continue
            for block, start, end in joined(ctx.report).find(compile_any(tuple(duty["patterns"]))):
                hits.append(Hit(block.line, excerpt(block, start, end),
                                {"found": block.original(start, end), "name": entry.name,
                                 "what": duty["what"]}, check="duty"))
    return hits


def _family_hits(ctx: Context, reg: Registry, successor: bool) -> list[tuple[Hit, tuple[int, int]]]:
    """Titles of a known family with a period the registry does not list, with their spans."""
    hits = []
    text = joined(ctx.report)
    for family, (rx, periods) in reg.families.items():
        latest = max(b for _, b in periods)
        for block, start, end, m in text.matches(rx):
            p = re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)\d\d)年", m.group("period"))
            span = (int(p.group(1)), int(p.group(2))) if p else None
            if span in periods:
                continue
            is_successor = span is not None and span[0] >= latest and span[1] > span[0]
            if is_successor == successor:
                hits.append((Hit(block.line, excerpt(block, start, end), {
                    "found": block.original(start, end), "name": family,
                    "correct": "、".join(f"{family}（{a}—{b}年）" for a, b in sorted(periods))}), (start, end)))
    return hits


def _misquote_hits(ctx: Context, reg: Registry) -> list[Hit]:
    hits: list[Hit] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    text = joined(ctx.report)
    for rx, correct in reg.quotes:
        for block, start, end in text.find(rx):
            spans.setdefault(block.line, []).append((start, end))
            hits.append(Hit(block.line, excerpt(block, start, end),
                            {"found": block.original(start, end), "correct": correct}))
    for hit, (start, end) in _family_hits(ctx, reg, successor=False):
        if not any(a < end and start < b for a, b in spans.get(hit.line, ())):
            hits.append(hit)  # one wrong form, one finding: a lost dash is not also a wrong period
    return hits


def check(options: Options, ctx: Context) -> Outcome:
    reg = compiled(options)
    year = ctx.report.meta.year
    if options.report == "misquote":
        hits = _misquote_hits(ctx, reg)
    elif options.report == "unverified":
        hits = [hit for hit, _ in _family_hits(ctx, reg, successor=True)]
    elif year is None:
        return Outcome(not_applicable="无法确定报告年度，无法核对文件时效")
    else:
        hits = _period_hits(options, ctx, reg, year) + _duty_hits(ctx, reg, year)
    if hits:
        hits.sort(key=lambda h: h.line)
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
