"""The files other tools read: the pre-commit hook and the composite GitHub action."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from shared_paths import ROOT

REPORTS = ROOT / "reports"


def test_pre_commit_hook_definition():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "report-check" and hook["language"] == "python"
    assert hook["entry"].startswith("report-check check")
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    picked = lambda p: bool(files.search(p)) and not exclude.search(p)
    assert all(picked(p) for p in ("reports/a.md", "b.docx", "c/d.HTM".lower(), "e.pdf", "f.txt"))
    assert not any(picked(p) for p in ("README.md", "reports/README.md", "reports/~$a.docx", "._a.txt", "a.doc", "a.py"))


def test_composite_action_inputs_and_permissions_documented():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "profile", "fail-on", "sarif"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert all("shell" in s for s in steps if "run" in s)
    assert "security-events: write" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("pre-commit"), reason="pre-commit is not installed (pip install pre-commit)")
def test_pre_commit_try_repo_fails_a_defective_report(tmp_path):
    """`pre-commit try-repo` installs this repository's committed hook and runs it (needs PyPI)."""
    repo = tmp_path / "reports-repo"
    repo.mkdir()
    shutil.copy(REPORTS / "defective" / "qiaonan-subdistrict-2024.md", repo / "bad.md")
    shutil.copy(REPORTS / "compliant" / "songxi-county-2024.txt", repo / "good.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "reports"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True)

    def try_repo(name: str) -> subprocess.CompletedProcess:
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "report-check", "--files", name],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    good, bad = try_repo("good.txt"), try_repo("bad.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert bad.returncode == 1 and "hygiene.placeholder" in bad.stdout
