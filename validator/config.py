"""Project configuration: ``.report-check.yaml`` or ``[tool.report-check]`` in ``pyproject.toml``.

Found by walking up from the working directory, so a check run from a subfolder of the repository
uses the repository's settings. Paths and globs in the file are relative to its folder. Options on
the command line win; ``--show-config`` prints each setting with where it came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError

FILE_NAMES = (".report-check.yaml", ".report-check.yml")
PYPROJECT = "pyproject.toml"
FAIL_ON = ("error", "warning", "info", "never")

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "profile": {"type": "string", "minLength": 1},
        "rules": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "fail-on": {"enum": list(FAIL_ON)},
        "include": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "exclude": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "profiles": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "baseline": {"type": "string", "minLength": 1},
    },
}

STARTER = """\
# report-check 的配置文件。report-check 从当前目录向上查找它，所以在仓库的任何子目录中运行都生效。
# 文件中的路径和 glob 均相对于本文件所在的目录；命令行上的选项优先于这里的设置。
# report-check check --show-config 显示生效的设置及其来源。

# 规则配置：national、county-government、department、township。不写时按报告单位自动推断。
# profile: county-government

# 达到该严重程度的问题使检查不通过（退出码 1）：error、warning、info、never
fail-on: error

# 不在命令行给出文件时，检查这些文件（glob，** 表示任意层目录）
include:
  - "reports/**"

# 不检查的文件
exclude:
  - "reports/archive/**"

# 按路径指定规则配置，先写的先匹配；命令行的 --profile 优先
# profiles:
#   "departments/**": department
#   "towns/**": township

# 自己的规则文件，在所选规则配置之上增加或覆盖规则
# rules:
#   - rules/local.yaml

# 基线：其中记录的已知问题不再使检查不通过（用 report-check baseline 生成）
# baseline: .report-check-baseline.yaml
"""


@dataclass
class Config:
    """A loaded configuration file (or none): its values and the folder its paths are relative to."""

    path: Path | None = None
    data: dict = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def where(self) -> str:
        return f"配置文件 {self.path}" if self.path else "默认"


def find(start: Path | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (the working directory) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in FILE_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path) -> dict | None:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"无法读取 pyproject.toml（{exc}）") from None
    section = data.get("tool", {}).get("report-check")
    return section if isinstance(section, dict) else None


def load(path: Path | str | None = None, *, search: bool = True) -> Config:
    """Load the given file, or the one found from the working directory; none found is empty."""
    if path is None:
        found = find() if search else None
        if found is None:
            return Config()
        path = found
    path = Path(path).resolve()
    if path.name == PYPROJECT:
        data = _pyproject_section(path) or {}
    else:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(str(path), "配置文件不存在") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"无法读取配置文件（{exc}）") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"第{mark.line + 1}行：" if mark else ""
            raise InputError(str(path), f"YAML 语法错误，{where}{getattr(exc, 'problem', exc)}") from None
    data = data or {}
    _validate(path, data)
    return Config(path, data)


def _validate(path: Path, data) -> None:
    from jsonschema import Draft202012Validator

    if not isinstance(data, dict):
        raise InputError(str(path), "配置文件的顶层应是映射（profile、fail-on、include 等键）")
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        if err.validator == "additionalProperties":
            keys = "、".join(sorted(set(data) - set(SCHEMA["properties"])))
            raise InputError(str(path), f"未知的键“{keys}”，可用：{'、'.join(SCHEMA['properties'])}")
        key = ".".join(str(p) for p in err.absolute_path) or "(顶层)"
        raise InputError(str(path), f"键“{key}”的值不合要求（{err.message}）")


def glob_regex(pattern: str) -> re.Pattern:
    """A path glob as a regex: ``**`` any depth, ``*`` and ``?`` within one folder name."""
    out, i = [], 0
    pattern = pattern.strip()
    while pattern.startswith("./"):
        pattern = pattern[2:]
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    body = "".join(out)
    if pattern.endswith("/"):
        body += ".*"
    return re.compile(body + r"\Z")


def relative(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` with ``/``; None when it lies outside."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:
        return None
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


def matches(path: str, globs: list[str], root: Path) -> str | None:
    """The first glob that ``path`` matches, or None."""
    rel = relative(path, root)
    if rel is None:
        return None
    return next((g for g in globs if glob_regex(g).match(rel)), None)


@dataclass
class Setting:
    value: object
    origin: str


@dataclass
class Settings:
    """What is in force for one run, each value with where it came from."""

    config: Config
    values: dict[str, Setting]

    def __getitem__(self, key: str):
        return self.values[key].value

    def profile_for(self, path: str) -> tuple[str | None, str]:
        """The profile for one report and why: command line, then a ``profiles`` glob, then the
        file's ``profile``; (None, "") lets the checker infer it from the issuing unit."""
        chosen = self.values["profile"]
        if chosen.origin == "命令行 --profile":
            return chosen.value, ""
        mapping = self["profiles"] or {}
        glob = matches(path, list(mapping), self.config.root)
        if glob is not None:
            return mapping[glob], f"按{self.config.where()}中“{glob}”指定使用 {mapping[glob]}"
        if chosen.value:
            return chosen.value, f"按{self.config.where()}指定使用 {chosen.value}"
        return None, ""

    def to_text(self) -> str:
        lines = [f"配置文件：{self.config.path or '（未找到，使用默认值）'}"]
        width = max(len(k) for k in self.values)
        for key, setting in self.values.items():
            value = setting.value
            if isinstance(value, dict):
                shown = "；".join(f"{k} → {v}" for k, v in value.items()) or "（无）"
            elif isinstance(value, (list, tuple)):
                shown = "、".join(str(v) for v in value) or "（无）"
            else:
                shown = str(value) if value not in (None, "") else "（无）"
            lines.append(f"  {key.ljust(width)}  {shown}  （{setting.origin}）")
        return "\n".join(lines) + "\n"


DEFAULTS = {"profile": None, "rules": (), "fail-on": "error", "include": (), "exclude": (),
            "profiles": {}, "baseline": None}


def settle(config: Config, cli: dict) -> Settings:
    """Merge the command line (``cli``: key -> value, None or empty when not given) over the file."""
    values: dict[str, Setting] = {}
    for key, default in DEFAULTS.items():
        given = cli.get(key)
        if given not in (None, (), [], ""):
            values[key] = Setting(tuple(given) if isinstance(given, list) else given, f"命令行 --{key}")
        elif key in config.data:
            value = config.data[key]
            if key in ("rules", "baseline"):
                value = _anchor(value, config.root)
            values[key] = Setting(tuple(value) if isinstance(value, list) else value, config.where())
        else:
            values[key] = Setting(default, "默认")
    return Settings(config, values)


def _anchor(value, root: Path):
    """Paths in the file are relative to its folder, not to where report-check runs."""
    if isinstance(value, list):
        return [_anchor(v, root) for v in value]
    return value if os.path.isabs(value) else os.path.relpath(root / value)


def included(settings: Settings):
    """Files the ``include`` globs name (used when no file is given on the command line), as an
    Expansion: reports to check and old formats skipped with a hint."""
    from .checker import Expansion, classify, walk

    root = settings.config.root
    globs = list(settings["include"])
    out = Expansion()
    for f in walk(root):
        if not matches(str(f), globs, root):
            continue
        kind = classify(f)
        if kind == "check":
            out.files.append(os.path.relpath(f))
        elif kind is not None:
            out.skipped.append(kind)
    return out


def excluded(settings: Settings, path: str) -> bool:
    return path != "-" and matches(path, list(settings["exclude"]), settings.config.root) is not None


def write_starter(folder: Path) -> Path:
    """Write the commented starter file; refuse to overwrite one that is there."""
    target = folder / FILE_NAMES[0]
    if target.exists():
        raise InputError(str(target), "配置文件已存在，未改动")
    target.write_text(STARTER, encoding="utf-8")
    return target
