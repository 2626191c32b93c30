"""Read articles from ``.txt`` files, folders of them, or JSON Lines, decoding safely.

A ``.txt`` file may start with a header of ``Key: value`` lines (Title, Date, Source, URL)
ended by a blank line; the article text is what follows. JSON Lines records are
``{"id", "text", "title", "date"}`` (FORMAT.md); ``source`` and ``url`` are read when present.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Title: Dam opens\\nDate: 2024-05-03\\n\\nThe dam opened on Friday.")
>>> [(a.id, a.title, str(a.date), a.text) for a in read_articles([d])]
[('a', 'Dam opens', '2024-05-03', 'The dam opened on Friday.')]
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .facts import Article

MAX_BYTES = 5_000_000  # larger "articles" are dumps or binaries, not news
_HEADER = re.compile(r"^(title|date|source|url):[ \t]*(.*)$", re.IGNORECASE)


def read_articles(inputs: Iterable[str | Path], *, exclude: Iterable[str] = (),
                  on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """Yield one Article per ``.txt`` file (folders are walked in sorted order) or JSON Lines record.

    Inside a folder, hidden files and folders (``.git``, ``.DS_Store``) are skipped, and so is
    every file whose name or path below the folder matches one of the ``exclude`` globs
    (case-insensitive: ``README*`` skips ``README.TXT``). A file named on its own is always read.
    A bad input raises :class:`InputError`; with ``on_error`` it is passed there instead
    and reading goes on with the next one.
    """
    for path in map(Path, inputs):
        if path.is_dir():
            files, base = folder_files(path, exclude), path
        elif path.exists():
            files, base = [path], path.parent
        else:
            _fail(InputError(f"{path}: no such file or directory"), on_error)
            continue
        for file in files:
            try:
                if file.suffix.lower() in (".jsonl", ".json"):
                    yield from _read_jsonl(file, on_error)
                else:
                    yield _read_txt(file, _txt_id(file, base))
            except InputError as exc:
                _fail(exc, on_error)


def folder_files(folder: Path, exclude: Iterable[str] = ()) -> list[Path]:
    """The article files (``.txt``, ``.jsonl``) below ``folder`` in sorted order, without hidden
    ones and without those matching an ``exclude`` glob by name or relative path, ignoring case."""
    patterns = [pat.lower() for pat in exclude]
    out = []
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if not p.is_file() or p.suffix.lower() not in (".txt", ".jsonl") \
                or any(part.startswith(".") for part in rel.parts):
            continue
        name, path = p.name.lower(), rel.as_posix().lower()
        if any(fnmatch.fnmatchcase(name, pat) or fnmatch.fnmatchcase(path, pat) for pat in patterns):
            continue
        out.append(p)
    return sorted(out)


def count_articles(inputs: Iterable[str | Path], *, exclude: Iterable[str] = ()) -> int:
    """How many articles ``inputs`` hold (files, plus non-blank lines of JSON Lines), cheaply, for
    progress bars; unreadable inputs count as one."""
    n = 0
    for path in map(Path, inputs):
        files = folder_files(path, exclude) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() in (".jsonl", ".json"):
                try:
                    with f.open("rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def _fail(exc: InputError, on_error) -> None:
    if on_error is None:
        raise exc
    on_error(exc)


def _txt_id(file: Path, base: Path) -> str:
    rel = file.relative_to(base).with_suffix("")
    return rel.as_posix()


def decode(data: bytes, where: str) -> str:
    """Decode UTF-8 text, refusing empty, binary, oversized and undecodable input."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{where}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte article limit")
    if b"\x00" in data:
        raise InputError(f"{where}: binary data (NUL byte at offset {data.index(0)}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r})") from None
    if not text.strip():
        raise InputError(f"{where}: empty article")
    return text.replace("\r\n", "\n")


def _read_txt(file: Path, article_id: str) -> Article:
    try:
        text = decode(file.read_bytes(), str(file))
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from None
    meta: dict[str, str] = {}
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i])):
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if meta and i < len(lines) and not lines[i].strip():
        text = "\n".join(lines[i + 1:])
    else:
        meta = {}
    if not text.strip():
        raise InputError(f"{file}: empty article (only a header)")
    return Article(id=article_id, text=text, title=meta.get("title") or None,
                   date=parse_date(meta.get("date"), str(file)), source=meta.get("source") or None,
                   url=meta.get("url") or None)


def _read_jsonl(file: Path, on_error) -> Iterator[Article]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(f"{file}: cannot read ({exc.strerror})") from None
    if b"\x00" in raw:
        raise InputError(f"{file}: binary data, not JSON Lines")
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        where = f"{file}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise InputError(f"{where}: expected a JSON object, got {type(rec).__name__}")
            text = rec.get("text")
            if not isinstance(text, str):
                raise InputError(f"{where}: 'text' must be a string")
            if not text.strip():
                raise InputError(f"{where}: empty article")
            if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
                raise InputError(f"{where}: text is over the {MAX_BYTES:,}-byte article limit")
            yield Article(id=str(rec.get("id") or f"{file.stem}-{n}"), text=text,
                          title=rec.get("title") or None, date=parse_date(rec.get("date"), where),
                          source=rec.get("source") or None, url=rec.get("url") or None)
        except json.JSONDecodeError as exc:
            _fail(InputError(f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"), on_error)
        except UnicodeDecodeError as exc:
            _fail(InputError(f"{where}: not valid UTF-8 (byte {exc.start})"), on_error)
        except InputError as exc:
            _fail(exc, on_error)


def parse_date(value: str | None, where: str) -> dt.date | None:
    """Parse an ISO date (``YYYY-MM-DD``; a longer timestamp is cut to its date)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)") from None
