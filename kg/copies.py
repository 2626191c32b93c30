"""Syndicated copies: near-duplicate article texts, found with MinHash over word shingles.

An article's *fingerprint* is a MinHash signature of its text: the text is normalised to
lower-case words (punctuation, case, line breaks and the Title/Date/Source header do not
count), cut into overlapping 5-word shingles, and for each of 64 hash functions the smallest
hash of any shingle is kept. The share of equal positions in two signatures estimates the
Jaccard similarity of their shingle sets. Own code (blake2b shingle hashes, then one
multiply-add modulo a 31-bit prime per function, vectorised with numpy) rather than ``datasketch``: 40 lines, no dependency, and the signature is stored in the graph
as one literal (``kg:fingerprint``), so finding copies after a build needs no text.

Copies are found with locality-sensitive hashing (16 bands of 4 rows: pairs at Jaccard 0.8
share a band with probability > 0.99) and confirmed at an estimated Jaccard ≥ ``THRESHOLD``.
The first appearance, by publication date then article IRI, is the original; every later
near-duplicate of it is a copy of that original.

>>> text = ("Rebels still hold the hills above the river town, an army spokesman said on Monday, "
...         "adding that about 300 families had fled the fighting since the weekend. Aid workers said "
...         "the road to the coast was open again, and that food and medicine would arrive on Tuesday. ")
>>> a, b = fingerprint(text), fingerprint(text + "This report first appeared elsewhere.")
>>> similarity(a, b) > 0.8, similarity(a, fingerprint("Markets fell sharply on Friday as oil prices rose.")) < 0.2
(True, True)
"""
from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
THRESHOLD = 0.8
_PRIME = (1 << 31) - 1  # a*h + b stays below 2**63: exact in numpy's uint64
# fixed, so fingerprints are comparable across runs and machines
_A = [int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") % _PRIME | 1
      for i in range(PERMUTATIONS)]
_B = [int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big") % _PRIME
      for i in range(PERMUTATIONS)]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def fingerprint(text: str) -> str:
    """The MinHash signature of ``text`` as hex (64 values of 8 hex digits)."""
    w = words(text)
    shingles = {" ".join(w[i:i + SHINGLE]) for i in range(max(1, len(w) - SHINGLE + 1))} or {""}
    import numpy as np
    # the 4-byte digests read as one big-endian array: no Python int per shingle
    digests = b"".join([hashlib.blake2b(s.encode(), digest_size=4).digest() for s in shingles])
    hashes = np.frombuffer(digests, dtype=">u4").astype(np.uint64)
    a, b = _permutations()
    sig = ((a * hashes[None, :] + b) % np.uint64(_PRIME)).min(axis=1)
    return "".join(f"{int(v):08x}" for v in sig)


@functools.cache
def _permutations():
    import numpy as np
    return np.array(_A, dtype=np.uint64)[:, None], np.array(_B, dtype=np.uint64)[:, None]


def _values(sig: str) -> list[str]:
    return [sig[i:i + 8] for i in range(0, len(sig), 8)]


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of the shingle sets of two fingerprinted texts."""
    va, vb = _values(a), _values(b)
    if len(va) != len(vb) or not va:
        return 0.0
    return sum(x == y for x, y in zip(va, vb)) / len(va)


def find_copies(articles: Sequence[tuple[str, str]], threshold: float = THRESHOLD) -> dict[str, tuple[str, float]]:
    """Copy → (original, similarity) for ``articles``, (id, fingerprint) pairs in order of first
    appearance (see :func:`originals_first`).

    >>> t = ("A senior official told reporters on Wednesday that thousands of fighters were still in the "
    ...      "valley, most of them in villages along the river, and that aircraft had struck their positions "
    ...      "more than two hundred times in the last month while families fled towards the checkpoints. ")
    >>> found = find_copies([("x", fingerprint(t)), ("y", fingerprint("Markets fell on Friday as oil rose.")),
    ...                      ("z", fingerprint(t + "First published by Example Wire."))])
    >>> list(found), found["z"][0], found["z"][1] >= 0.8
    (['z'], 'x', True)
    """
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, str], list[int]] = {}
    out: dict[str, tuple[str, float]] = {}
    for i, (ident, sig) in enumerate(articles):
        values = _values(sig)
        if len(values) != PERMUTATIONS:
            continue
        best: tuple[float, int] | None = None
        seen: set[int] = set()
        for band in range(BANDS):
            key = (band, "".join(values[band * rows:(band + 1) * rows]))
            for j in buckets.get(key, ()):
                if j in seen:
                    continue
                seen.add(j)
                sim = similarity(sig, articles[j][1])
                if sim >= threshold and (best is None or sim > best[0] or (sim == best[0] and j < best[1])):
                    best = (sim, j)
            buckets.setdefault(key, []).append(i)
        if best is not None:
            original = articles[best[1]][0]
            out[ident] = (out.get(original, (original,))[0], round(best[0], 2))  # a copy of a copy → the original
    return out


def originals_first(articles: Iterable[tuple[str, str | None, str]]) -> list[tuple[str, str]]:
    """``(article IRI, publication date or None, fingerprint)`` rows as :func:`find_copies` takes
    them: ``(IRI, fingerprint)`` by publication date (ISO strings; undated last), then IRI. The
    IRI, not the order articles came in, breaks ties (every undated article ties), so a corpus
    built run by run finds the same originals as one built at once.

    >>> originals_first([("b", None, "fb"), ("c", "2019-02-01", "fc"), ("a", None, "fa")])
    [('c', 'fc'), ('a', 'fa'), ('b', 'fb')]
    """
    return [(a, fp) for a, _, fp in sorted(articles, key=lambda r: (r[1] is None, r[1] or "", r[0]))]
