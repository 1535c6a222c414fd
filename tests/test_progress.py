"""The batch progress bar: on an interactive terminal only, never in CI or a pipe, never in the output."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from shared_paths import ROOT
from validator.progress import DELAY, Progress

REPORT = ("清河镇人民政府2023年法治政府建设年度报告\n一、2023年推进法治政府建设的主要举措\n"
          "全年办理行政复议案件3件。\n二、存在的不足和原因\n培训不足，原因是经费有限。\n")


@pytest.fixture
def folder(tmp_path):
    for i in range(30):
        (tmp_path / f"r{i:02d}.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


class _Tty:
    def __init__(self, stream):
        self.stream = stream

    def isatty(self):
        return True

    def __getattr__(self, name):
        return getattr(self.stream, name)


def test_a_terminal_gets_a_bar_after_a_moment_and_ci_gets_none(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Tty(sys.stderr))
    monkeypatch.delenv("CI", raising=False)
    bar = Progress(10)
    assert bar.bar is not None and bar.bar.delay == DELAY == 1.0
    bar.close()
    monkeypatch.setenv("CI", "true")
    assert Progress(10).bar is None
    assert Progress(10, choice=True).bar is not None  # --progress: asked for, shown at once
    assert Progress(1, choice=True).bar is None  # one file: nothing to show


def test_a_pipe_gets_no_bar(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    assert not sys.stderr.isatty() or pytest.skip("the tests run on a terminal")
    assert Progress(10).bar is None


def _run_in_pty(args: list[str], env: dict) -> str:
    """report-check with stdout and stderr on a pseudo-terminal: what the user's screen receives."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column window
    proc = subprocess.Popen([sys.executable, "-m", "validator", *args], stdin=subprocess.DEVNULL,
                            stdout=child, stderr=child, cwd=ROOT, env=env)
    os.close(child)
    out = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=60)
    os.close(main)
    return out.decode("utf-8", "replace")


def test_progress_on_a_terminal_is_drawn_on_stderr_and_cleared(folder):
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    screen = _run_in_pty(["check", str(folder), "--format", "jsonl", "--progress", "--jobs", "2"], env)
    assert "检查报告" in screen and "/30 [" in screen and "份/s" in screen
    lines = [ln for ln in screen.replace("\r", "\n").splitlines() if ln.startswith("{")]
    assert len(lines) == 30  # every jsonl line whole, none broken by the bar


def test_ci_and_pipes_get_only_the_results(folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "true"}
    screen = _run_in_pty(["check", str(folder), "--format", "jsonl", "--jobs", "2"], env)
    assert "检查报告" not in screen and "%|" not in screen
    piped = subprocess.run([sys.executable, "-m", "validator", "check", str(folder), "--format", "jsonl"],
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert piped.stderr == "" and len(piped.stdout.splitlines()) == 30
