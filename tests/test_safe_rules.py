"""Rule files are data from anyone: YAML cannot run code, and a pattern that backtracks
catastrophically is refused at load, naming the rule, before any report is read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.cli import main
from validator.regex_safety import problem
from validator.ruleset import profile_files, resolve

PACKAGE = Path(__file__).resolve().parents[1] / "validator"

RULE = """\
profile: local
extends: national
rules:
  - id: local.slow
    title: 测试规则
    kind: mention
    severity: warning
    message: 没有提到
    basis: 测试
    fix: 补上
    options:
      patterns: ["{pattern}"]
    examples:
      pass: ["关于2023年法治政府建设情况的报告\\n一、主要举措\\n来源来源"]
      fail:
        - text: "关于2023年法治政府建设情况的报告\\n一、主要举措\\n没有"
          findings: ['0']
"""


def test_every_yaml_load_in_the_package_is_safe_load():
    unsafe = re.compile(r"yaml\.(?!safe_load\b|YAMLError\b|safe_dump\b|dump\b)\w+\(|Loader\s*=")
    hits = [f"{p.name}: {m.group(0)}" for p in PACKAGE.rglob("*.py") for m in unsafe.finditer(p.read_text("utf-8"))]
    assert hits == []


def test_a_yaml_python_tag_is_an_error_not_code(tmp_path):
    f = tmp_path / "evil.yaml"
    f.write_text("profile: !!python/object/apply:os.system ['touch pwned']\nrules: []\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "validate", str(f)])
    assert out.exit_code == 2 and "YAML 语法错误" in out.stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("pattern", [r"(源+)+$", r"(\\d+)*x", r"(源|源源)+$", r"(?:\\s*\\d*)+$"])
def test_a_catastrophic_pattern_is_refused_at_load_naming_the_rule(tmp_path, pattern):
    f = tmp_path / "local.yaml"
    f.write_text(RULE.format(pattern=pattern), encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "validate", str(f)])
    assert out.exit_code == 2
    assert f"{f}: 规则 local.slow：正则表达式“" in out.stderr and "回溯" in out.stderr
    assert out.stderr.count("\n") == 1


@pytest.mark.parametrize("pattern", [r"来源+", r"(?:[一二三]+、)*", r"(?:\\d+、)+\\d+条", r"(?>来源+)+", r"(?:主要|重点)举措"])
def test_an_ordinary_pattern_loads(tmp_path, pattern):
    f = tmp_path / "local.yaml"
    f.write_text(RULE.format(pattern=pattern), encoding="utf-8")
    out = CliRunner().invoke(main, ["rules", "validate", str(f)])
    assert out.exit_code == 0, out.stderr


def test_no_bundled_pattern_is_refused():
    for name in profile_files():
        assert resolve(name).rules  # loading runs the check on every bundled rule file


@pytest.mark.parametrize("pattern, why", [(r"(a+)+$", "量词嵌套"), (r"(a|aa)+$", "多种方式拆分"),
                                          (r"(?:ab|ac)+$", None), (r"a++", None)])
def test_problem_names_the_shape(pattern, why):
    got = problem(pattern)
    assert (got is None) if why is None else (why in got)
