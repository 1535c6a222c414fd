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

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError
from .results import rule_family
from .units import Cue, kind_of


def rules_dir() -> Path:
    """The bundled rules: inside the installed package, or the repository's rules/ folder."""
    packaged = Path(__file__).parent / "rules"
    return packaged if (packaged / "national.yaml").exists() else Path(__file__).resolve().parents[1] / "rules"


class Examples(BaseModel):
    model_config = ConfigDict(frozen=True, populate_by_name=True)
    passing: tuple[str, ...] = Field(alias="pass")
    failing: tuple[str, ...] = Field(alias="fail")


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
    origin: str = ""  # the file the rule was defined in

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


_KNOWN_KEYS = {"id", "title", "message", "messages", "severity", "basis", "fix", "kind", "options", "examples"}


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
        data = yaml.safe_load(text)
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


def _to_rule(raw: dict, origin: str) -> Rule:
    return Rule(**{k: v for k, v in raw.items() if k in _KNOWN_KEYS}, origin=origin)


def _check_rule(rule: Rule, origin: str) -> None:
    """Validate one resolved rule again, so an options override cannot smuggle in a typo."""
    raw = rule.model_dump(by_alias=True, exclude={"origin"})
    raw["examples"] = {"pass": list(rule.examples.passing), "fail": list(rule.examples.failing)}
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


def _apply(rules: dict[str, Rule], data: dict, origin: str) -> dict[str, Rule]:
    """Apply one file on top of resolved rules: added or replaced rules, overrides, disables."""
    out = dict(rules)
    for raw in data.get("rules", []):
        out[raw["id"]] = _to_rule(raw, origin)
    for rid, sev in (data.get("severity") or {}).items():
        if rid not in out:
            raise InputError(origin, f"规则 {rid}：severity 覆盖了不存在的规则")
        out[rid] = out[rid].model_copy(update={"severity": sev})
    for rid, opts in (data.get("options") or {}).items():
        if rid not in out:
            raise InputError(origin, f"规则 {rid}：options 覆盖了不存在的规则")
        out[rid] = out[rid].model_copy(update={"options": {**out[rid].options, **opts}})
        _check_rule(out[rid], origin)
    for rid in data.get("disable") or []:
        if rid not in out:
            raise InputError(origin, f"规则 {rid}：disable 指向不存在的规则")
        del out[rid]
    return out


@lru_cache(maxsize=32)
def _resolve_bundled(name: str) -> Profile:
    files = profile_files()
    if name not in files:
        raise InputError(name, f"没有名为“{name}”的规则配置，可选：{'、'.join(files)}")
    chain: list[tuple[str, dict]] = []
    current: str | None = name
    while current:
        if current in (n for n, _ in chain):
            raise InputError(str(files[name]), f"extends 形成循环：{current}")
        if current not in files:
            raise InputError(str(files[chain[-1][0]]), f"extends 指向不存在的规则配置“{current}”")
        data = load_file(files[current])
        chain.append((current, data))
        current = data.get("extends")
    rules: dict[str, Rule] = {}
    roles: dict = {}
    for pname, data in reversed(chain):
        rules = _apply(rules, data, _display(files[pname]))
        roles = merge_roles(roles, data.get("roles"))
    top = chain[0][1]
    return Profile(name=name, title=top.get("title", name), rules=list(rules.values()),
                   match=top.get("match", []), chain=[_display(files[n]) for n, _ in reversed(chain)],
                   roles=roles)


def _display(path: Path) -> str:
    base = rules_dir()
    try:
        return f"rules/{path.relative_to(base).as_posix()}"
    except ValueError:
        return str(path)


def resolve(name: str, user_files: tuple[str, ...] = ()) -> Profile:
    """The rules of a bundled profile, with the user's own files applied on top."""
    profile = _resolve_bundled(name)
    if not user_files:
        return profile
    rules = {r.id: r for r in profile.rules}
    roles = profile.roles
    chain = list(profile.chain)
    for path in user_files:
        data = load_file(path)
        if data.get("extends") and data["extends"] != name:
            base = _resolve_bundled(data["extends"])
            rules, roles = {r.id: r for r in base.rules}, base.roles
        rules = _apply(rules, data, path)
        roles = merge_roles(roles, data.get("roles"))
        chain.append(path)
    return Profile(name=name, title=profile.title, rules=list(rules.values()), match=profile.match, chain=chain,
                   roles=roles)


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
