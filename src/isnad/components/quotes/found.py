"""What the construction readers find: speaker mentions and quotes, in folded coordinates."""

from __future__ import annotations

from dataclasses import dataclass, field

from isnad.components.attribution import CueEntry

#: a cue's folded ``(start, end)`` and its lexicon entry
CueSpan = tuple[int, int, CueEntry]


@dataclass
class Who:
    """A speaker (or transmitter) mention in folded coordinates, with its source kind."""

    start: int
    end: int
    kind: str


@dataclass
class Found:
    """A quote: its content span (folded), kind (direct | indirect | mixed), cue, speaker, channel, transmitters."""

    start: int
    end: int
    kind: str
    cue: CueSpan | None
    speaker: Who | None
    channel: tuple[int, int] | None = None
    media: list[Who] = field(default_factory=list)
