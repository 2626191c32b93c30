"""Atomic file output: write to a temporary file beside the target, then rename over it,
so an interrupted run leaves the previous output intact.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> atomic_write(p, b"done")
>>> p.read_bytes()
b'done'
>>> plain = p.with_name("plain.txt"); _ = plain.write_bytes(b"x")
>>> p.stat().st_mode == plain.stat().st_mode  # the mode any new file gets, not mkstemp's 0600
True
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """A binary file object whose content replaces ``path`` only if the block completes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the usual mode
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)
