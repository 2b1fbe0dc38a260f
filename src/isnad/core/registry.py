"""Stages and the fields of a :class:`~isnad.core.doc.Doc` they read and write.

A stage is a function ``(doc) -> None`` registered with :func:`stage`, which names the fields it
requires (assigned by an earlier stage) and the fields it assigns.  The pipeline checks the order
when it is built, and the :class:`~isnad.core.doc.Doc` refuses, while a stage runs, any read or
write of a field the stage did not declare: a subset of stages that leaves out what another needs
fails at once with a message, instead of quietly producing different results.

New stages plug in from anywhere: a module that calls ``@stage("events", requires=["entities"],
assigns=["events"])`` registers it on import; a package outside isnad does the same from a
module named in the ``isnad.stages`` entry-point group.  Fields are registered with
:func:`field` (the core ones are below).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

StageFunction = Callable[[Any], None]


class PipelineError(ValueError):
    """A pipeline that cannot run as asked: unknown stage, missing requirement, wrong order."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    description: str
    id_prefix: str | None  # items of this field get ids "<prefix>-<start>-<end>"; None: no ids
    text_order: bool  # the pipeline sorts the items by offset (claims keep their ranking)


@dataclass(frozen=True)
class Stage:
    name: str
    function: StageFunction
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    module: str

    def may_read(self, name: str) -> bool:
        return name in self.requires or name in self.assigns


FIELDS: dict[str, FieldSpec] = {}
STAGES: dict[str, Stage] = {}
_lock = threading.Lock()
_loaded_plugins = False

#: the modules that hold isnad's own stages, imported on first use of the registry
BUILTIN_MODULES = (
    "isnad.components.times",
    "isnad.components.entities",
    "isnad.components.quantities",
    "isnad.components.quotes",
    "isnad.components.sources",
    "isnad.components.classify",
    "isnad.components.claims",
    "isnad.components.findings",
)


def field(name: str, description: str, id_prefix: str | None = None, text_order: bool = True) -> FieldSpec:
    """Register a field that stages may assign (idempotent for the same definition)."""
    spec = FieldSpec(name, description, id_prefix, text_order)
    existing = FIELDS.get(name)
    if existing is not None and existing != spec:
        raise PipelineError(f"field {name!r} is already registered differently")
    FIELDS[name] = spec
    return spec


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()) -> Callable[[StageFunction], StageFunction]:
    """Decorator: register ``function`` as the stage ``name``."""

    def register(function: StageFunction) -> StageFunction:
        spec = Stage(name, function, tuple(requires), tuple(assigns), function.__module__)
        unknown = [f for f in (*spec.requires, *spec.assigns) if f not in FIELDS]
        if unknown:
            raise PipelineError(f"stage {name!r} names unregistered field(s) {', '.join(unknown)}; "
                                "register them with isnad.core.registry.field()")
        existing = STAGES.get(name)
        if existing is not None and existing.module != spec.module:
            raise PipelineError(f"stage {name!r} is registered twice ({existing.module}, {spec.module})")
        STAGES[name] = spec
        return function

    return register


def load_stages() -> dict[str, Stage]:
    """Every registered stage: isnad's own and those of installed plugins (imported once)."""
    global _loaded_plugins
    if not _loaded_plugins:
        with _lock:
            if not _loaded_plugins:
                for module in BUILTIN_MODULES:
                    importlib.import_module(module)
                for point in entry_points(group="isnad.stages"):
                    importlib.import_module(point.value.split(":")[0])
                _loaded_plugins = True
    return STAGES


def resolve(names: Iterable[str]) -> list[Stage]:
    """The stages ``names`` in order, checked: known, each requirement assigned by an earlier one."""
    stages = load_stages()
    out: list[Stage] = []
    available: dict[str, str] = {}
    for name in names:
        spec = stages.get(name)
        if spec is None:
            raise PipelineError(f"unknown stage {name!r}; known stages: {', '.join(sorted(stages))}")
        missing = [f for f in spec.requires if f not in available]
        if missing:
            hints = []
            for f in missing:
                providers = sorted(s.name for s in stages.values() if f in s.assigns)
                later = [p for p in providers if p in names]
                hint = f"'{f}' (assigned by {' or '.join(providers) or 'no stage'}"
                hint += ", which comes later in this pipeline)" if later else ")"
                hints.append(hint)
            raise PipelineError(f"stage {name!r} requires {', '.join(hints)}; "
                                f"pipeline so far: {', '.join(s.name for s in out) or '(empty)'}")
        out.append(spec)
        for f in spec.assigns:
            available.setdefault(f, name)
    return out


# The core fields.  Item lists get ids; `attributions` is the quote stage's note to the sources
# stage of phrases that credit a source without a quote («بحسب وكالة رويترز»).
field("times", "dates, ranges and durations (Time items)", "time")
field("entities", "named entities linked to the knowledge base (Entity items)", "ent")
field("quantities", "figures with value, bounds and unit (Quantity items)", "qty")
field("quotes", "quotes with cue, speaker, channel and chain (Quote items)", "quote")
field("attributions", "source phrases found by the quotes stage outside quotes: (Span, kind) pairs")
field("sources", "the sources the writer credits (Source items)", "src")
field("scores", "subjectivity and check-worthiness of each sentence, set on doc.sentences")
field("claims", "check-worthy statements, highest priority first (Claim items)", "claim", text_order=False)
field("findings", "internal inconsistencies between figures (Finding items)", "finding")
