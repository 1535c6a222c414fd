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

from ..units import kind_of
from .base import Context, Hit, Options as BaseOptions, Outcome, Patterns, compile_any, excerpt

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
    past: Patterns = Field(("收官", "圆满完成", "总结", "评估", "回顾", "期间", "时期", "以来", "过去", "完成情况", "[0-9]{4}年(?:是|为)"),
                           description="回顾过去的用语：同一句中出现时不算当作现行依据")
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
    replaces: tuple[str, ...]
    duties: tuple[dict, ...]


@lru_cache(maxsize=8)
def _registry(name: str) -> dict:
    from ..ruleset import rules_dir

    from ..errors import InputError

    path = rules_dir() / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"无法读取文件登记表（{exc.__class__.__name__}）") from None
    problem = registry_problem(data)
    if problem:
        raise InputError(str(path), problem)
    return data


def _title_rx(name: str) -> str:
    """A title as normalised text writes it: （）→(), —→-, 《》 optional."""
    from ..normalize import normalize

    return re.escape(normalize(name))


@lru_cache(maxsize=64)
def _entries(name: str, extra: tuple[tuple, ...]) -> tuple[Entry, ...]:
    raw = list(_registry(name).get("instruments", [])) + [dict(e) for e in extra]
    out = []
    for e in raw:
        cited = e.get("cited") or [_title_rx(e["name"])]
        out.append(Entry(e["name"], e.get("family"), tuple(e["period"]) if e.get("period") else None,
                         int(str(e["issued"])[:4]), str(e["effective"]) if e.get("effective") else None,
                         re.compile("|".join(f"(?:{c})" for c in cited)), tuple(e.get("replaces", ())),
                         tuple(e.get("duties", ()))))
    return tuple(out)


def _freeze(options: Options) -> tuple[tuple, ...]:
    return tuple(tuple(sorted((k, _hashable(v)) for k, v in e.items())) for e in options.instruments)


def _hashable(v):
    if isinstance(v, list):
        return tuple(_hashable(x) for x in v)
    if isinstance(v, dict):
        return tuple(sorted((k, _hashable(x)) for k, x in v.items()))
    return v


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


def _period_hits(options: Options, ctx: Context, entries: tuple[Entry, ...], year: int) -> list[Hit]:
    current, past, applied = (compile_any(options.current), compile_any(options.past), compile_any(options.applied))
    hits: list[Hit] = []
    for block in ctx.report.body:
        norm = block.norm
        for entry in entries:
            for m in entry.cited.finditer(norm):
                lo, hi = _sentence(norm, m.start(), m.end())
                before, sentence = norm[lo:m.start()], norm[lo:hi]
                found = block.original(m.start(), m.end())
                detail = {"found": found, "name": entry.name, "year": year, "issued": entry.issued,
                          "effective": entry.effective or "", "period": "—".join(map(str, entry.period or ()))}
                if year < entry.issued:
                    hits.append(Hit(block.line, excerpt(block, m.start(), m.end()), detail, check="early"))
                elif entry.effective and year < _in_force_from(entry) and applied.search(before):
                    hits.append(Hit(block.line, excerpt(block, m.start(), m.end()), detail, check="early"))
                elif entry.period and year > entry.period[1] and current.search(before) and not past.search(sentence):
                    hits.append(Hit(block.line, excerpt(block, m.start(), m.end()), detail))
            for old in entry.replaces:
                if year < _in_force_from(entry):
                    continue
                for m in re.finditer(f"《{_title_rx(old)}》", norm):
                    hits.append(Hit(block.line, excerpt(block, m.start(), m.end()),
                                    {"found": block.original(m.start(), m.end()), "name": entry.name,
                                     "effective": entry.effective or entry.issued}, check="replaced"))
    return hits


def _duty_hits(ctx: Context, entries: tuple[Entry, ...], year: int) -> list[Hit]:
    meta = ctx.report.meta
    kind = kind_of(meta.unit)
    profile = kind.profile if kind else (meta.cue.kind.profile if meta.cue else None)
    hits: list[Hit] = []
    for entry in entries:
        if year < _in_force_from(entry):
            continue
        for duty in entry.duties:
            if duty.get("profiles") and profile not in duty["profiles"]:
                continue
            if meta.unit and any(re.search(p, meta.unit) for p in duty.get("unless_units", ())):
                continue
            rx = compile_any(tuple(duty["patterns"]))
            for block in ctx.report.body:
                for m in rx.finditer(block.norm):
                    hits.append(Hit(block.line, excerpt(block, m.start(), m.end()),
                                    {"found": block.original(m.start(), m.end()), "name": entry.name,
                                     "what": duty["what"]}, check="duty"))
    return hits


def _families(entries: tuple[Entry, ...]) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {}
    for e in entries:
        if e.family and e.period:
            out.setdefault(e.family, set()).add(e.period)
    return out


def _family_hits(ctx: Context, entries: tuple[Entry, ...], successor: bool, spans: bool = False) -> list:
    """Titles of a known family with a period the registry does not list (with their spans if asked)."""
    hits: list = []
    for family, periods in _families(entries).items():
        latest = max(end for _, end in periods)
        rx = re.compile(_title_rx(family) + r"\(([^)]{0,16})\)")
        for block in ctx.report.body:
            for m in rx.finditer(block.norm):
                p = re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)\d\d)年", m.group(1))
                span = (int(p.group(1)), int(p.group(2))) if p else None
                if span in periods:
                    continue
                is_successor = span is not None and span[0] >= latest and span[1] > span[0]
                if is_successor == successor:
                    hit = Hit(block.line, excerpt(block, m.start(), m.end()),
                              {"found": block.original(m.start(), m.end()), "name": family,
                               "correct": "、".join(f"{family}（{a}—{b}年）" for a, b in sorted(periods))})
                    hits.append((hit, m.span()) if spans else hit)
    return hits


def _misquote_hits(options: Options, ctx: Context, entries: tuple[Entry, ...]) -> list[Hit]:
    registry = _registry(options.registry)
    quotes = list(registry.get("misquotes", []))
    for e in list(registry.get("instruments", [])) + list(options.instruments):
        quotes.extend(e.get("misquotes", []))
    hits: list[Hit] = []
    spans: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        rx = re.compile(q["pattern"])
        for block in ctx.report.body:
            for m in rx.finditer(block.norm):
                spans.setdefault(block.line, []).append(m.span())
                hits.append(Hit(block.line, excerpt(block, m.start(), m.end()),
                                {"found": block.original(m.start(), m.end()), "correct": q["correct"]}))
    for hit, (start, end) in _family_hits(ctx, entries, successor=False, spans=True):
        if not any(a < end and start < b for a, b in spans.get(hit.line, ())):
            hits.append(hit)  # one wrong form, one finding: a lost dash is not also a wrong period
    return hits


def check(options: Options, ctx: Context) -> Outcome:
    entries = _entries(options.registry, _freeze(options))
    year = ctx.report.meta.year
    if options.report == "misquote":
        hits = _misquote_hits(options, ctx, entries)
    elif options.report == "unverified":
        hits = _family_hits(ctx, entries, successor=True)
    elif year is None:
        return Outcome(not_applicable="无法确定报告年度，无法核对文件时效")
    else:
        hits = _period_hits(options, ctx, entries, year) + _duty_hits(ctx, entries, year)
    if hits:
        hits.sort(key=lambda h: h.line)
        return Outcome(violations=hits)
    return Outcome(evidence=Hit(0, ""))
