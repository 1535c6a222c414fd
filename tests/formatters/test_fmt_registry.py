"""The registry: every advertised format renders, unknown ones are a usage error."""

from __future__ import annotations

import pytest

from validator import formatters
from validator.errors import InputError


def test_names_lists_every_format_text_first():
    assert formatters.names() == ["text", "json", "sarif", "junit", "github", "markdown", "codeclimate", "html", "jsonl"]


@pytest.mark.parametrize("name", formatters.names())
def test_every_format_renders(name, passing, failing):
    out = formatters.render(name, [passing, failing])
    assert isinstance(out, str) and out.endswith("\n")


@pytest.mark.parametrize("name", formatters.names())
def test_every_module_documents_its_purpose(name):
    import importlib

    module = importlib.import_module(f"validator.formatters.{formatters.FORMATTERS[name]}")
    assert module.__doc__ and len(module.__doc__.strip()) > 40


def test_unknown_format_is_an_input_error(passing):
    with pytest.raises(InputError, match="未知的输出格式"):
        formatters.render("xml", [passing])


def test_formatters_do_not_change_results(failing):
    before = failing.to_dict()
    for name in formatters.names():
        formatters.render(name, [failing], color=True)
    assert failing.to_dict() == before


def test_repo_path_is_relative_to_the_repository_root(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "reports" / "sub").mkdir(parents=True)
    monkeypatch.chdir(repo)
    assert formatters.repo_path(str(repo / "reports" / "a.md")) == "reports/a.md"
    assert formatters.repo_path("./reports/a.md") == "reports/a.md"
    assert formatters.repo_path("<stdin>") == "<stdin>"
    monkeypatch.chdir(repo / "reports" / "sub")  # a job run from a subfolder
    assert formatters.repo_path("a.md") == "reports/sub/a.md"
    assert formatters.repo_path(str(tmp_path / "elsewhere.md")) == (tmp_path / "elsewhere.md").as_posix()
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "reports"))
    assert formatters.repo_path(str(repo / "reports" / "a.md")) == "a.md"
