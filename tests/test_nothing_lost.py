"""Nothing lost or changed: inputs are only read, -o files appear whole or not at all, and an
interrupted batch says how far it got and writes nothing."""

from __future__ import annotations

import os
import select
import signal
import stat
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from shared_paths import ROOT
from validator.cli import main

REPORT = "关于2023年法治政府建设情况的报告\n2023年，本镇深入推进法治政府建设，办理案件120件。\n一、主要举措\n严格执法。\n"


def test_inputs_are_read_only_and_untouched(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    paths = []
    for i in range(3):
        p = folder / f"报告{i}.txt"
        p.write_text(REPORT, encoding="utf-8")
        os.utime(p, (1_600_000_000, 1_600_000_000))
        p.chmod(stat.S_IRUSR | stat.S_IRGRP)
        paths.append(p)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for args in (["check", str(folder)], ["outline", str(paths[0])], ["check", "--format", "json", str(folder)]):
            out = CliRunner().invoke(main, args)
            assert out.exit_code in (0, 1), out.stderr
        for p in paths:
            assert p.stat().st_mtime == 1_600_000_000 and p.read_text(encoding="utf-8") == REPORT
        assert sorted(x.name for x in folder.iterdir()) == [p.name for p in paths]
    finally:
        folder.chmod(stat.S_IRWXU)


def test_output_file_is_replaced_whole(tmp_path):
    report = tmp_path / "a.txt"
    report.write_text(REPORT, encoding="utf-8")
    target = tmp_path / "out.sarif"
    target.write_text("old", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(report), "-o", f"sarif:{target}"])
    assert out.exit_code in (0, 1)
    assert target.read_text(encoding="utf-8").lstrip().startswith("{")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report-check-")] == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_writes_nothing_and_says_how_far(tmp_path, sig):
    folder = tmp_path / "reports"
    folder.mkdir()
    # enough files that the batch is still running for a few seconds after it starts
    for i in range(1200):
        (folder / f"报告{i:04d}.txt").write_text(REPORT * 20, encoding="utf-8")
    target = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "validator", "check", str(folder), "-o", f"json:{target}",
                             "--progress"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # The forced progress bar says when the batch has begun; a fixed sleep could signal a process
    # still starting on a loaded machine, before its handler is in place.
    seen, deadline = b"", time.monotonic() + 30
    while "检查报告".encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stderr], [], [], 1.0)
        if ready:
            seen += os.read(proc.stderr.fileno(), 4096)
    time.sleep(0.3)
    proc.send_signal(sig)
    stdout, rest = proc.communicate(timeout=30)
    stderr = (seen + rest).decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    line = stderr.replace("\r", "\n").strip().splitlines()[-1].strip()
    assert line.startswith("report-check: 已中断：已处理 ") and "/1200 个文件，没有写出任何结果" in line
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report-check-")] == []
