"""The batch's persistent workers: each holds a short queue of files, and a file that hangs, runs
out of memory or kills its worker costs that file only. The files queued behind it are checked by
another worker, every file is answered exactly once, in input order, whatever ``--jobs`` is."""

from __future__ import annotations

import os
import signal
import time

import pytest

from validator import batch, worker
from validator.results import Unreadable

pytestmark = pytest.mark.skipif(not worker.available(), reason="the batch workers need fork")

REPORT = ("清河镇人民政府2023年法治政府建设年度报告\n一、2023年推进法治政府建设的主要举措\n"
          "全年办理行政复议案件3件。\n二、存在的不足和原因\n培训不足，原因是经费有限。\n")


@pytest.fixture(autouse=True)
def _bounded():
    """A lost file would leave the batch waiting for ever: fail the test after 30 s instead."""
    def expire(signum, frame):
        raise TimeoutError("the batch did not end within 30 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def files(tmp_path, monkeypatch):
    """Twelve reports; in the worker, 'slow' sleeps, 'huge' runs out of memory, 'dies' exits."""
    real = batch._load_and_check

    def misbehaving(path, *args, **kwargs):
        name = os.path.basename(path)
        if name.startswith("slow"):
            time.sleep(30)
        if name.startswith("huge"):
            raise MemoryError
        if name.startswith("dies"):
            os._exit(3)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "_load_and_check", misbehaving)  # inherited by the forked workers
    names = [f"{i:02d}.txt" for i in range(12)]
    names[1], names[5], names[8] = "slow.txt", "huge.txt", "dies.txt"
    for name in names:
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    return [str(tmp_path / n) for n in names]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_every_file_is_answered_once_in_order_past_a_hang_a_memory_error_and_a_crash(files, jobs):
    start = time.monotonic()
    out = list(batch.check_stream(files, lambda path: None, jobs=jobs, timeout=1.0, memory=None))
    assert time.monotonic() - start < 20
    assert [o.path for o in out] == files
    bad = {os.path.basename(o.path): o.problem for o in out if isinstance(o, Unreadable)}
    assert bad.keys() == {"slow.txt", "huge.txt", "dies.txt"}
    assert bad["slow.txt"].startswith("处理超时（1秒）")
    assert "内存" in bad["huge.txt"]
    assert "处理进程意外退出（退出码 3）" in bad["dies.txt"]
    assert all(o.unit == "清河镇人民政府" and o.year == 2023 and o.checklist for o in out if not isinstance(o, Unreadable))


def test_a_file_queued_behind_a_slow_one_gets_its_own_full_time(tmp_path, monkeypatch):
    """A file's time starts when its worker begins it, not when it was queued behind another."""
    real = batch._load_and_check

    def steady(path, *args, **kwargs):
        time.sleep(0.6)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(batch, "_load_and_check", steady)
    paths = []
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(REPORT, encoding="utf-8")
        paths.append(str(tmp_path / f"{i}.txt"))
    out = list(batch.check_stream(paths, lambda path: None, jobs=1, timeout=1.0, memory=None))
    assert [type(o).__name__ for o in out] == ["Result"] * 4  # 4 × 0.6 s in one worker, none timed out
