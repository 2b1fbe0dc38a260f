"""Progress of a long run on a terminal, and the one summary line at its end.

On a terminal (stderr is a tty) a tqdm bar shows documents done, the rate and the time left; when
stderr is a file or a pipe nothing is drawn, so logs and scripts stay clean.  The summary line is
always printed: ``analysed 1,998 of 2,000 articles (2 refused) in 41.2 s, 48.5 articles/s``.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO


class Progress:
    """``with Progress(total, "articles") as bar: bar.update()`` (a no-op when stderr is not a tty)."""

    def __init__(self, total: int | None, unit: str = "articles", *, stream: IO[str] | None = None,
                 enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.unit = unit
        self.done = 0
        self.started = time.perf_counter()
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit=f" {unit}", file=self.stream, dynamic_ncols=True, smoothing=0.1,
                             mininterval=0.2)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def update(self, n: int = 1, **postfix: object) -> None:
        self.done += n
        if self._bar is not None:
            if postfix:
                self._bar.set_postfix(postfix, refresh=False)
            self._bar.update(n)

    def write(self, message: str) -> None:
        """Print ``message`` on its own line above the bar (plain print when there is no bar)."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def rate(self) -> float:
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self, text: str) -> None:
        """Print ``text`` + elapsed time and rate as the run's last line on stderr."""
        self.close()
        print(f"{text} in {self.elapsed:.1f} s, {self.rate():.1f} {self.unit}/s", file=self.stream)
