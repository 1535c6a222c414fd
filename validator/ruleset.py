"""Rule sets: YAML files checked against the JSON Schema, resolved into a profile's rules.

A profile ``extends`` another, overrides severities and options, disables rules and adds its
own; a user's ``--rules FILE`` is applied last, on top of whatever profile was chosen. A broken
file is one InputError naming the file, the rule and the key.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .results import rule_family
from .roles import merge_roles
from .units import Cue, kind_of


def rules_dir() -> Path:
    """The bundled rules: inside the installed package, or the repository's rules/ folder."""
    packaged = Path(__file__).parent / "rules"
    return packaged if (packaged / "national.yaml").exists() else Path(__file__).resolve().parents[1] / "rules"


class FailExample(BaseModel):
    """A report the rule must fault, with the findings it must produce: "<line>" or
    "<line>:<check>" each (line 0: the whole report), compared exactly."""

    model_config = ConfigDict(frozen=True)
    text: str
    findings: tuple[str, ...]
    previous: str | None = None  # last year's report, for a rule comparing two years


class Examples(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)
    passing: tuple[str, ...] = Field(alias="pass")
    failing: tuple[FailExample, ...] = Field(alias="fail")


class Rule(BaseModel):
    """One requirement: what to look for (kind + options) and what to tell the user."""

    model_config = ConfigDict(frozen=True)
    id: str
    title: str
    message: str
    messages: dict[str, str] = {}
    severity: str
    basis: str
    fix: str
    kind: str
    options: dict = {}
    examples: Examples
    gate: str | None = None  # when violated, every other rule is held back with this reason
    origin: str = ""  # the file the rule was defined in
    settings: Any = Field(None, exclude=True)  # options parsed by the kind's Options model

    @property
    def family(self) -> str:
        return rule_family(self.id)


class Profile(BaseModel):
    """A resolved profile: its rules in order, and where each setting came from."""

    name: str
    title: str
    rules: list[Rule]
    match: list[str] = []
    chain: list[str] = []  # files applied, base first
    roles: dict = {}  # role -> {headings: [...], ...}: the words roles.py reads; later files add to them


_KNOWN_KEYS = {"id", "title", "message", "messages", "severity", "basis", "fix", "kind", "options", "examples",
               "gate"}


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    schema = json.loads((rules_dir() / "rule-file.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _describe(error, data: dict) -> str:
    """Turn a jsonschema error into "规则 X：键“k”…" for the user."""
    path = list(error.absolute_path)
    where = ""
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        rule = data["rules"][path[1]]
        rid = rule.get("id", f"第{path[1] + 1}条") if isinstance(rule, dict) else f"第{path[1] + 1}条"
        where = f"规则 {rid}："
        path = path[2:]
    if error.validator == "additionalProperties":
        keys = re.findall(r"'([^']+)'", error.message.split("(")[-1])
        key_path = ".".join(str(p) for p in path)
        prefix = f"“{key_path}”中" if key_path else ""
        return f"{where}{prefix}未知的键“{'、'.join(keys)}”"
    if error.validator == "required":
        key = re.findall(r"'([^']+)'", error.message)[0]
        key_path = ".".join(str(p) for p in path)
        return f"{where}{'“' + key_path + '”中' if key_path else ''}缺少必需的键“{key}”"
    key_path = ".".join(str(p) for p in path) or "(顶层)"
    if error.validator == "format" and error.validator_value == "regex":
        return f"{where}键“{key_path}”的正则表达式“{error.instance}”有误"
    return f"{where}键“{key_path}”的值不合要求（{error.message}）"


def _best_error(errors: list):
    """The most specific schema error: deepest path first, if/then noise last."""
    return sorted(errors, key=lambda e: (-len(e.absolute_path), e.validator == "if"))[0]


from .yaml_fast import safe_load as parse_yaml  # noqa: E402 - the C loader when there is one


@lru_cache(maxsize=None)
def _load_bundled(path: str) -> dict:
    """A bundled rule file, parsed once per process and not validated again: the tests validate
    every bundled file with :func:`load_file`, so a start does not pay for the schema."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def load_file(path: Path | str) -> dict:
    """Load and validate one rule file; any problem is an InputError naming it."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, "规则文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"无法读取规则文件（{exc}）") from None
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行：" if mark else ""
        raise InputError(name, f"YAML 语法错误，{where}{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputError(name, "规则文件的顶层应是映射（profile、rules 等键）")
    errors = list(_validator().iter_errors(data))
    if errors:
        leaf = _best_error([e for e in _flatten(errors)])
        raise InputError(name, _describe(leaf, data))
    for rule in data.get("rules", []):
        for p in _rule_patterns(rule):
            try:
                re.compile(p)
            except re.error as exc:
                raise InputError(name, f"规则 {rule['id']}：正则表达式“{p}”有误（{exc}）") from None
            _refuse_backtracking(name, f"规则 {rule['id']}", p)
    for role, words in (data.get("roles") or {}).items():
        for key, patterns in words.items():
            for p in patterns:
                try:
                    re.compile(p)
                except re.error as exc:
                    raise InputError(name, f"roles.{role}.{key}：正则表达式“{p}”有误（{exc}）") from None
                _refuse_backtracking(name, f"roles.{role}.{key}", p)
    ids = [r["id"] for r in data.get("rules", [])]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(name, f"规则 {dupes[0]}：同一文件中重复定义")
    return data


def _refuse_backtracking(name: str, where: str, p: str) -> None:
    """A pattern that can hang a CI job on one long line is refused at load (regex_safety.py)."""
    from .regex_safety import problem

    why = problem(p)
    if why:
        raise InputError(name, f"{where}：正则表达式“{p}”{why}；请改写，或用占有量词（a++）、原子组（(?>…)）")


def _flatten(errors):
    for e in errors:
        if e.context:
            yield from _flatten(e.context)
        yield e


def _rule_patterns(rule: dict):
    opts = rule.get("options") or {}
    for key, value in opts.items():
        if isinstance(value, list) and key in {"headings", "exclude", "body", "patterns", "near", "unless", "title"}:
            yield from value
        if key == "applies_if":
            yield from value.get("patterns", [])
        if key == "kinds":
            for kind in value:
                for cue in ("title", "unless", "addressee", "opening"):
                    yield from kind.get(cue, [])
                for cue in ("headings", "voice", "markers"):
                    yield from (kind.get(cue) or {}).get("patterns", [])
                yield from (kind.get("headings") or {}).get("without", [])


# What any message or fix may name, whatever the kind (engine._placeholders fills them).
REPORT_PLACEHOLDERS = frozenset({"year", "next_year", "unit"})


def _to_rule(raw: dict, origin: str) -> Rule:
    fields = {k: v for k, v in raw.items() if k in _KNOWN_KEYS}
    _check_texts(raw, origin)
    return Rule(**fields, origin=origin, settings=_parse_options(raw["id"], raw["kind"], raw.get("options") or {},
                                                                   origin))


def _check_texts(raw: dict, origin: str) -> None:
    """Messages name only placeholders the kind fills, sub-checks only those the kind has: a
    typo here would otherwise reach the user as a literal "{fuond}" or a message never shown."""
    import string

    from . import kinds

    rid, kind = raw["id"], raw["kind"]
    named = kinds.details(kind) | REPORT_PLACEHOLDERS
    known_checks = {**kinds.checks(kind), **getattr(kinds.get(kind), "VARIANTS", {})}
    texts = [("message", raw["message"], named), ("fix", raw["fix"], REPORT_PLACEHOLDERS)]
    for key, text in (raw.get("messages") or {}).items():
        if key not in known_checks:
            allowed = "、".join(known_checks) or "无"
            raise InputError(origin, f"规则 {rid}：messages.{key} 不是 {kind} 类规则的子项（可用：{allowed}）")
        texts.append((f"messages.{key}", text, named))
    for key, text, allowed in texts:
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            raise InputError(origin, f"规则 {rid}：{key} 中的花括号不成对（{exc}）") from None
        for f in fields:
            if f not in allowed:
                raise InputError(origin, f"规则 {rid}：{key} 中的占位符 {{{f}}} 未知，可用：{'、'.join(sorted(allowed))}")


def _parse_options(rule_id: str, kind: str, options: dict, origin: str):
    """The options as the kind's model reads them; a wrong type or value names file, rule and key."""
    from . import kinds

    try:
        return kinds.get(kind).Options.model_validate(options)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        where = f"键“options.{key}”" if key else "options"
        raise InputError(origin, f"规则 {rule_id}：{where}的值不合要求（{_reason(err)}）") from None


def _reason(err: dict) -> str:
    """A pydantic error in a few Chinese words, with the value the file gave."""
    text = err["msg"].removeprefix("Value error, ")
    if "input" in err and not isinstance(err["input"], dict):
        text += f"；文件中为 {err['input']!r}"
    return text


def _check_rule(rule: Rule, origin: str) -> None:
    """Validate one resolved rule again, so an options override cannot smuggle in a typo."""
    raw = rule.model_dump(by_alias=True, exclude={"origin"}, exclude_none=True)
    raw["examples"] = {"pass": list(rule.examples.passing),
                       "fail": [{"text": f.text, "findings": list(f.findings), **({"previous": f.previous} if f.previous else {})}
                                for f in rule.examples.failing]}
    wrapped = {"rules": [raw]}
    errors = list(_validator().iter_errors(wrapped))
    if errors:
        raise InputError(origin, _describe(_best_error(list(_flatten(errors))), wrapped))


def profile_files() -> dict[str, Path]:
    """Bundled profiles by name: the national base and rules/profiles/*.yaml."""
    base = rules_dir()
    found = {"national": base / "national.yaml"}
    for p in sorted((base / "profiles").glob("*.yaml")):
        found[p.stem] = p
    return found


def _define(rules: dict[str, Rule], data: dict, origin: str) -> dict[str, Rule]:
    """The rules a file defines, added or replacing those of the files before it."""
    out = dict(rules)
    for raw in data.get("rules", []):
        out[raw["id"]] = _to_rule(raw, origin)
    return out


def _nearest(rid: str, ids) -> str:
    """"，是否应为 X" for the id nearest a mistyped one, or nothing."""
    import difflib

    near = difflib.get_close_matches(rid, list(ids), n=1)
    return f"，是否应为 {near[0]}" if near else ""


def _unknown(rid: str, key: str, rules: dict[str, Rule], origin: str) -> InputError:
    """A mistyped id in severity, options or disable, with the nearest real id."""
    return InputError(origin, f"规则 {rid}：{key} 指向不存在的规则{_nearest(rid, rules)}")


def _adjust(rules: dict[str, Rule], data: dict, origin: str) -> dict[str, Rule]:
    """A file's adjustments of the rules defined so far: severities, options, disabled rules."""
    out = dict(rules)
    for rid, sev in (data.get("severity") or {}).items():
        if rid not in out:
            raise _unknown(rid, "severity", out, origin)
        out[rid] = out[rid].model_copy(update={"severity": sev})
    for rid, opts in (data.get("options") or {}).items():
        if rid not in out:
            raise _unknown(rid, "options", out, origin)
        merged = {**out[rid].options, **opts}
        out[rid] = out[rid].model_copy(update={
            "options": merged, "settings": _parse_options(rid, out[rid].kind, merged, origin)})
        _check_rule(out[rid], origin)
    for rid in data.get("disable") or []:
        if rid not in out:
            raise _unknown(rid, "disable", out, origin)
        del out[rid]
    return out


def _bundled_chain(name: str) -> list[tuple[str, dict]]:
    """A bundled profile's files, base first, each (display name, data)."""
    files = profile_files()
    if name not in files:
        raise InputError(name, f"没有名为“{name}”的规则配置，可选：{'、'.join(files)}")
    chain: list[tuple[str, dict]] = []
    seen: list[str] = []
    current: str | None = name
    while current:
        if current in seen:
            raise InputError(str(files[name]), f"extends 形成循环：{current}")
        if current not in files:
            raise InputError(str(files[seen[-1]]), f"extends 指向不存在的规则配置“{current}”")
        data = _load_bundled(str(files[current]))
        seen.append(current)
        chain.append((_display(files[current]), data))
        current = data.get("extends")
    return list(reversed(chain))


def _build(name: str, chain: list[tuple[str, dict]]) -> Profile:
    """Rules of a chain of files: first every file's definitions in order, then every file's
    adjustments in order, so a file that redefines a rule (a copy of national.yaml given as
    --rules) does not undo what a profile above the base adjusted. Then the references are checked."""
    rules: dict[str, Rule] = {}
    roles: dict = {}
    for origin, data in chain:
        rules = _define(rules, data, origin)
        roles = merge_roles(roles, data.get("roles"))
    for origin, data in chain:
        rules = _adjust(rules, data, origin)
    _check_references(rules)
    top = next((data for _, data in reversed(chain) if data.get("profile") == name), chain[-1][1])
    return Profile(name=name, title=top.get("title", name), rules=list(rules.values()),
                   match=top.get("match", []), chain=[origin for origin, _ in chain], roles=roles)


def _check_references(rules: dict[str, Rule]) -> None:
    """A scope, part or outside reference must name a rule that locates a part: otherwise every
    report would get "未找到…部分" from a typo in the rule file."""
    from . import kinds

    for rule in rules.values():
        for ref in sorted(rule.settings.parts_used()):
            target = rules.get(ref)
            if target is None:
                raise InputError(rule.origin,
                                 f"规则 {rule.id}：options 引用的部分规则 {ref} 不存在{_nearest(ref, rules)}")
            if not kinds.locates(target.kind):
                raise InputError(rule.origin, f"规则 {rule.id}：options 引用的 {ref} 不是查找部分的规则（kind: part）")


@lru_cache(maxsize=32)
def _resolve_bundled(name: str) -> Profile:
    return _build(name, _bundled_chain(name))


def _display(path: Path) -> str:
    base = rules_dir()
    try:
        return f"rules/{path.relative_to(base).as_posix()}"
    except ValueError:
        return str(path)


def resolve(name: str, user_files: tuple[str, ...] = ()) -> Profile:
    """The rules of a bundled profile with the user's own files on top. A user file that
    ``extends`` a profile builds on that profile's chain, as a bundled profile does."""
    if not user_files:
        return _resolve_bundled(name)
    users = [(str(path), load_file(path)) for path in user_files]
    bases = {data["extends"] for _, data in users if data.get("extends")}
    if len(bases) > 1:
        raise InputError(users[-1][0], f"多个规则文件 extends 不同的规则配置：{'、'.join(sorted(bases))}")
    base = bases.pop() if bases else name
    return _build(base, _bundled_chain(base) + users)


def infer_profile(unit: str | None, cue: Cue | None = None) -> tuple[str, str]:
    """Pick a profile from the issuing unit, else from the words the report uses of itself;
    return it with the reason, in Chinese, naming what decided."""
    kind = kind_of(unit)
    if kind is not None:
        return kind.profile, f"报告单位“{unit}”符合“{kind.title}”，自动选用 {kind.profile}"
    if cue is not None:
        said = f"报告单位“{unit}”不属于已知类型" if unit else "未能识别报告单位"
        return cue.kind.profile, (f"{said}；正文以“{cue.word}”等自称（{cue.count}处），"
                                  f"按“{cue.kind.title}”自动选用 {cue.kind.profile}")
    if not unit:
        return "national", "未能识别报告单位，使用通用规则（national）"
    return "national", f"报告单位“{unit}”不属于已知类型，使用通用规则（national）"
