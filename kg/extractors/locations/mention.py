"""A place name found in the text, before places are merged and geocoded."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...facts import Span
from ...geo import Place


@dataclass
class _Mention:
    span: Span
    text: str
    label: str
    place: Place | None = None
    within: Place | None = None     # the region or country the text places it in
    precision: str | None = None
    hints: list[Place] = field(default_factory=list)
    fixed: bool = False             # place set at recognition (a demonym's country): not re-resolved
