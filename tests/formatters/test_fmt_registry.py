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


def _module_files() -> set[str]:
    from pathlib import Path

    folder = Path(formatters.__file__).parent
    return {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}


def test_every_formatter_module_is_registered_once():
    registered = [*formatters.FORMATTERS.values(), *formatters.OUTLINE_FORMATTERS.values()]
    assert sorted(registered) == sorted(_module_files())


@pytest.mark.parametrize("name", formatters.outline_names())
def test_every_outline_format_renders_the_report(name):
    from validator.report import report_from_text

    report = report_from_text("青河区司法局2023年法治政府建设年度报告\n一、主要举措和成效\n全年办理复议案件12件。\n")
    out = formatters.render_outline(name, report)
    assert out.endswith("\n")
    assert "一、主要举措和成效" in out and "青河区司法局" in out


def test_outline_names_text_first_and_unknown_is_an_input_error():
    assert formatters.outline_names() == ["text", "json"]
    with pytest.raises(InputError, match="未知的提纲输出格式"):
        formatters.render_outline("sarif", None)
