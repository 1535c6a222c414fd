"""A progress bar for a batch checked at a terminal, on stderr, silent everywhere else.

A folder of a few hundred reports takes seconds to minutes; a reviewer at a terminal wants to see
it move, a CI log or a pipe wants no bar at all. The bar appears only after a second (a quick run
shows none), only when stderr is a terminal and ``CI`` is not set, unless ``--progress`` or
``--no-progress`` says otherwise. tqdm draws it; it is imported only when a bar is shown.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext

DELAY = 1.0  # seconds before an automatic bar appears


class Progress:
    """Counts outcomes as a batch yields them; ``writing()`` wraps output to the same terminal."""

    def __init__(self, total: int, choice: bool | None = None):
        self.failed = 0
        self.bar = None
        if total < 2 or choice is False:
            return
        if choice is None and (not sys.stderr.isatty() or os.environ.get("CI")):
            return
        from tqdm import tqdm

        try:
            sized = os.get_terminal_size(sys.stderr.fileno()).columns > 0
        except (OSError, ValueError, AttributeError):
            sized = False  # a pipe forced with --progress, or a terminal that reports no size
        self.bar = tqdm(total=total, file=sys.stderr, desc="检查报告", unit="份", leave=False,
                        dynamic_ncols=sized, ncols=None if sized else 80, delay=0 if choice else DELAY,
                        mininterval=0.2)

    def advance(self, outcome) -> None:
        if self.bar is None:
            return
        if getattr(outcome, "status", "") in ("fail", "error"):
            self.failed += 1
            self.bar.set_postfix_str(f"未通过或无法读取 {self.failed} 份", refresh=False)
        self.bar.update(1)

    def writing(self):
        """Clear the bar while a report's output goes to the terminal it is drawn on."""
        if self.bar is not None and sys.stdout.isatty():
            return self.bar.external_write_mode(file=sys.stdout)
        return nullcontext()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
