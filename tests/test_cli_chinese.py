"""Help, usage and click's own errors read in Chinese; --format lists the formatter registry."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from validator import formatters
from validator.cli import main

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit.", "Error:", "No such option",
           "Try '", "Missing argument", "is not one of")


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["rules", "explain", "--help"],
                                  ["check", "--bogus"], ["check", "--fail-on", "xx", "a.txt"], ["rules", "explain"]])
def test_click_speaks_chinese(args):
    run = CliRunner().invoke(main, args)
    out = run.output
    assert any(word in out for word in ("用法", "错误")), out
    for word in ENGLISH:
        assert word not in out, (word, out)


def test_format_help_lists_the_registry():
    out = CliRunner().invoke(main, ["check", "--help"]).output.replace("\n", "").replace(" ", "")
    for name in formatters.names():
        assert name in out
