"""What the construction readers find: speaker mentions and quotes, in folded coordinates."""

from __future__ import annotations

from collections.abc import Iterator
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


class QuoteIndex:
    """The quotes found in an article, in the order found, with an index of those that may still overlap the
    sentence being read (the quotes of earlier sentences that reach it, kept by cells of :data:`CELL`
    characters), so that checking a new quote against them costs the same in a long article or sentence."""

    CELL = 64

    def __init__(self) -> None:
        self.all: list[Found] = []
        self.nearby: list[Found] = []
        self._order: dict[int, int] = {}
        self._cells: dict[int, list[Found]] = {}
        self._ended: Found | None = None  # of the quotes left out of ``nearby``, the one that starts last
        self.compared = 0  # quotes looked at by :meth:`near` (bounded by the quotes around, not all found)

    def __len__(self) -> int:
        return len(self.all)

    def __iter__(self) -> Iterator[Found]:
        return iter(self.all)

    def add(self, found: Found) -> None:
        self._order[id(found)] = len(self.all)
        self.all.append(found)
        self.nearby.append(found)
        self._file(found)

    def _file(self, q: Found) -> None:
        for cell in range(q.start // self.CELL, max(q.start, q.end - 1) // self.CELL + 1):
            self._cells.setdefault(cell, []).append(q)

    def _later(self, a: Found, b: Found | None) -> bool:
        """Whether ``a`` starts after ``b`` (or with it, found first)."""
        return b is None or (a.start, -self._order[id(a)]) > (b.start, -self._order[id(b)])

    def forget_before(self, reach: int) -> None:
        """Forget the quotes that end before ``reach - 1``: nothing found from here on can touch them."""
        keep = [q for q in self.nearby if q.end >= reach - 1]
        if len(keep) == len(self.nearby):
            return
        for q in self.nearby:
            if q.end < reach - 1 and self._later(q, self._ended):
                self._ended = q
        self.nearby = keep
        self._cells = {}
        for q in keep:
            self._file(q)

    def near(self, first: int, last: int) -> list[Found]:
        """The nearby quotes whose span (``start`` to ``end - 1``, or ``start`` when empty) meets ``[first, last]``,
        in the order found (and maybe a few more: a quote cut shorter stays filed where it was)."""
        out: dict[int, Found] = {}
        for cell in range(first // self.CELL, last // self.CELL + 1):
            for q in self._cells.get(cell, ()):
                out[id(q)] = q
        self.compared += len(out)
        return sorted(out.values(), key=lambda q: self._order[id(q)])

    def overlaps(self, found: Found) -> bool:
        """Whether more than half of ``found`` or of a nearby quote is shared by the other."""
        for other in self.near(found.start, max(found.start, found.end - 1)):
            inter = min(other.end, found.end) - max(other.start, found.start)
            if inter > 0.5 * min(other.end - other.start, found.end - found.start):
                return True
        return False

    def last_ended_before(self, start: int) -> Found | None:
        """Of the quotes that end before ``start``, the one that starts last (the first found on a tie)."""
        last = self._ended
        for q in self.nearby:
            if q.end <= start and self._later(q, last):
                last = q
        return last
