"""The labelled corpus: every must is flagged, no must_not is, exit codes match expectations."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from shared_paths import CORPUS, require
from validator.checker import check_path
from validator.cli import main

LABELS = yaml.safe_load(require(CORPUS / "labels.yaml", module=True).read_text(encoding="utf-8"))


def flagged(result, rule_id: str) -> bool:
    return any(f.severity in ("error", "warning") and (f.code == rule_id or f.code.startswith(rule_id + "."))
               for f in result.findings)


@pytest.mark.parametrize("entry", LABELS, ids=[e["id"] for e in LABELS])
def test_labels_hold(entry):
    result = check_path(str(CORPUS / entry["file"]))
    missed = [r for r in entry["must"] if not flagged(result, r)]
    wrong = [r for r in entry["must_not"] if flagged(result, r)]
    assert not missed, f"not reported: {missed}"
    assert not wrong, f"reported though it must not be: {wrong}"
    assert result.status == entry["expect"]


@pytest.mark.parametrize("entry", LABELS, ids=[e["id"] for e in LABELS])
def test_exit_code_matches_expectation(entry):
    run = CliRunner().invoke(main, ["check", "--format", "json", str(CORPUS / entry["file"])])
    assert run.exit_code == (0 if entry["expect"] == "pass" else 1), run.output


def test_eval_command_prints_precision_and_recall():
    run = CliRunner().invoke(main, ["eval", str(CORPUS)])
    assert run.exit_code == 0, run.output
    lines = {line.split()[0]: line for line in run.output.splitlines() if line and line[0].isalpha()}
    assert "structure.first-responsibility" in lines
    assert lines["structure.first-responsibility"].rstrip().endswith("100%")
    assert "退出码与期望一致：10/10" in run.output


def test_eval_on_folder_without_labels_is_a_usage_error(tmp_path):
    run = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert run.exit_code == 2
    assert "labels.yaml" in run.output and "Traceback" not in run.output
