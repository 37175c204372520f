"""A one-line progress bar for long commands: count, share, rate and time left.

On a terminal the line is redrawn in place (at most every `interval_s`); elsewhere (CI logs, a
pipe) a full line is printed every `log_interval_s`, so logs stay readable.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import IO

BAR_WIDTH = 24


def format_duration(seconds: float) -> str:
    """`1:05` for 65 s, `2:03:04` past an hour, `--:--` when unknown."""
    if not math.isfinite(seconds) or seconds < 0:
        return "--:--"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render(done: int, total: int, elapsed_s: float, *, detail: str = "") -> str:
    """`[#####-------]  1,230/2,000  61%  410/s  ETA 0:02  <detail>`.

    The total may be an estimate that the count outgrows: the share then stays at 100%.
    """
    total = max(total, done)
    share = done / total if total else 1.0
    filled = round(share * BAR_WIDTH)
    rate = done / elapsed_s if elapsed_s > 0 else 0.0
    left = (total - done) / rate if rate > 0 else float("inf")
    if done == total:
        left = 0.0
    line = (
        f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}]  {done:,}/{total:,}  {share:4.0%}  "
        f"{rate:,.0f}/s  ETA {format_duration(left)}"
    )
    return f"{line}  {detail}" if detail else line


class ProgressBar:
    """Draws `render(...)` lines on `stream`."""

    def __init__(
        self,
        stream: IO[str],
        *,
        interactive: bool | None = None,
        interval_s: float = 0.1,
        log_interval_s: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream
        self.interactive = stream.isatty() if interactive is None else interactive
        self._interval = interval_s if self.interactive else log_interval_s
        self._clock = clock
        self._last_drawn: float | None = None
        self._width = 0

    def update(self, done: int, total: int, elapsed_s: float, *, detail: str = "") -> None:
        """Draw the line unless one was drawn less than an interval ago (the first always is)."""
        now = self._clock()
        if self._last_drawn is not None and now - self._last_drawn < self._interval:
            return
        self._last_drawn = now
        self._draw(render(done, total, elapsed_s, detail=detail))

    def finish(self, done: int, total: int, elapsed_s: float, *, detail: str = "") -> None:
        """Draw the final state and end the line."""
        self._draw(render(done, total, elapsed_s, detail=detail))
        if self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def _draw(self, line: str) -> None:
        if self.interactive:
            # Pad over the previous, possibly longer, line.
            self.stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
