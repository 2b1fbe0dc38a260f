"""Files that isnad commands write: never half-written, never written over one of their inputs.

:class:`AtomicOutput` writes into a temporary file beside the target and moves it over the target
with :func:`os.replace` only when the command commits, so the target holds either its previous
content or the complete new one: a crash, a full disk or a bug leave it as it was.  A command that
is interrupted decides what to keep: ``isnad analyze`` commits what it has written so far.
:func:`check_output` refuses, before any work, an output that is one of the command's inputs
(``isnad analyze --jsonl a.jsonl -o a.jsonl`` used to empty ``a.jsonl`` before reading it).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO


class OutputError(Exception):
    """An output that cannot or must not be written, with a message meant for the user."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: it cannot be the other
        return False


def check_output(output: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise :class:`OutputError` when ``output`` is one of ``inputs`` (also through a link) or a
    directory; ``-`` (stdout or stdin) is never checked."""
    if str(output) == "-":
        return
    path = Path(output)
    for source in inputs:
        if str(source) != "-" and _same_file(path, Path(source)):
            same = "" if str(source) == str(output) else f" (the same file as {source})"
            raise OutputError(f"refusing to write {output}: it is also an input{same}")
    if path.is_dir():
        raise OutputError(f"cannot write {output}: is a directory")


class AtomicOutput:
    """A file written in full or not at all: ``with AtomicOutput(path) as out: …; output.commit()``.

    Leaving the ``with`` block without :meth:`commit` (an exception, an early return) removes the
    temporary file and leaves the target untouched.  A target that exists and is not a regular
    file (``/dev/null``, a named pipe) is written directly: replacing it would destroy it.
    """

    def __init__(self, target: str | Path, *, binary: bool = False) -> None:
        self.target = Path(os.path.realpath(target))  # through a symlink: replace the file it points to
        self.name = str(target)
        self.binary = binary
        self.temporary: Path | None = None
        self._stream: IO | None = None
        self.committed = False

    def _fdopen(self, file: int | Path) -> IO:
        return open(file, "wb") if self.binary else open(file, "w", encoding="utf-8")  # noqa: SIM115

    def open(self) -> IO:
        """Create the temporary file (or open the special file) and return its stream (UTF-8 text or bytes)."""
        try:
            mode = self.target.stat().st_mode
        except FileNotFoundError:
            mode = None
        except OSError as err:
            raise OutputError(f"cannot write {self.name}: {err.strerror or err}") from None
        try:
            if mode is not None and not stat.S_ISREG(mode):
                self._stream = self._fdopen(self.target)
                return self._stream
            self.temporary = self.target.with_name(f".{self.target.name}.{secrets.token_hex(4)}.tmp")
            # 0o666 through the umask, like open(): the new file gets the usual permissions
            fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            if mode is not None:
                os.chmod(fd, stat.S_IMODE(mode))  # keep the permissions the user gave the old file
            self._stream = self._fdopen(fd)
        except OSError as err:
            self.temporary = None
            raise OutputError(f"cannot write {self.name}: {err.strerror or err}") from None
        return self._stream

    def commit(self) -> None:
        """Make the target hold everything written (flushed to disk first, then renamed over it)."""
        if self._stream is None or self.committed:
            return
        try:
            self._stream.flush()
            if self.temporary is not None:
                os.fsync(self._stream.fileno())
            self._stream.close()
            if self.temporary is not None:
                os.replace(self.temporary, self.target)
                self.temporary = None
        except OSError as err:
            self.discard()
            raise OutputError(f"cannot write {self.name}: {err.strerror or err}") from None
        self.committed = True

    def discard(self) -> None:
        """Forget everything written; the target keeps its previous content (or stays absent)."""
        if self._stream is not None and not self._stream.closed:
            with contextlib.suppress(OSError):  # a full disk surfaces at close: there is nothing to keep anyway
                self._stream.close()
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)
            self.temporary = None

    def __enter__(self) -> IO:
        return self.open()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if not self.committed:
            self.discard()


def write_text(target: str | Path, text: str, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``text`` to ``target`` atomically (``-``: stdout), refusing a target that is one of ``inputs``."""
    if str(target) == "-":
        sys.stdout.write(text)
        return
    check_output(target, inputs)
    output = AtomicOutput(target)
    with output as stream:
        try:
            stream.write(text)
        except OSError as err:
            raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
        output.commit()
