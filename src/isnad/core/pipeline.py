"""The pipeline: declared stages run in a checked order over one :class:`~isnad.core.doc.Doc`.

``Pipeline()`` runs :data:`DEFAULT_STAGES`; ``Pipeline(stages=[...])`` a subset, checked when it is
built (a stage whose requirements no earlier stage assigns is refused with a message naming the
stage that would).  ``pipeline(document)`` returns the :class:`~isnad.model.Analysis`;
``pipeline.pipe(documents, n_process=N)`` analyses a stream in N worker processes, in order, one
:class:`Failure` per document that could not be analysed (the others go on).

A pipeline pickles as its configuration (stage names, knowledge-base paths, options), so Dask or
a process pool can ship it; each process loads the resources once (:meth:`Pipeline.warm_up`).
Workers pin numpy/BLAS to one thread each: two processes sharing two cores with default BLAS
threads ran at half the speed of one.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from isnad.core.doc import Doc
from isnad.core.provenance import provenance
from isnad.core.registry import PipelineError, Stage, resolve
from isnad.model import Analysis, Document, Provenance

DEFAULT_STAGES: tuple[str, ...] = (
    "times", "entities", "quantities", "quotes", "sources", "classify", "claims", "findings",
)
#: environment variables that cap the thread pools of numpy's BLAS in worker processes
BLAS_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS",
                         "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
_WARM_UP_TEXTS = (
    ("ar", "قال وزير الخارجية أحمد علي يوم الاثنين 3 مارس 2025 إن 1,200 شخص نزحوا، بحسب مصادر مطلعة."),
    ("en", 'The minister said on Monday that "about 300 people" left Aleppo, according to the UN.'),
)


@dataclass(frozen=True)
class Failure:
    """A document the pipeline could not analyse, and why (the batch goes on)."""

    id: str
    error: str


class Pipeline:
    """Stages over documents; ``timings`` accumulates seconds per stage (``text``: building the Doc)."""

    def __init__(self, stages: Iterable[str] | None = None, *, kb_paths: Iterable[str | Path] = (),
                 options: dict[str, Any] | None = None):
        self.stage_names: tuple[str, ...] = tuple(DEFAULT_STAGES if stages is None else stages)
        self.stages: list[Stage] = resolve(self.stage_names)
        self.kb_paths: tuple[Path, ...] = tuple(Path(p) for p in kb_paths)
        self.options: dict[str, Any] = dict(options or {})
        self.timings: dict[str, float] = {"text": 0.0} | {s.name: 0.0 for s in self.stages}
        self._kb = None

    # ------------------------------------------------------------------ pickling (Dask, pools)
    def __getstate__(self) -> dict[str, Any]:
        return {"stages": self.stage_names, "kb_paths": self.kb_paths, "options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["stages"], kb_paths=state["kb_paths"], options=state["options"])  # type: ignore[misc]

    # ------------------------------------------------------------------ resources
    @property
    def kb(self):
        """The bundled knowledge base merged with ``kb_paths`` (loaded once per process)."""
        if self._kb is None:
            from isnad.kb import KnowledgeBase

            self._kb = KnowledgeBase.default(self.kb_paths)
        return self._kb

    @property
    def provenance(self) -> Provenance:
        return provenance(self.stage_names, self.kb_paths)

    def warm_up(self) -> Pipeline:
        """Load every lexicon, model and the knowledge base now (before threads or workers start)."""
        for lang, text in _WARM_UP_TEXTS:
            self.run(self.make_doc(Document(id="warm-up", text=text, lang=lang, published=dt.date(2025, 3, 5))))
        self.timings = dict.fromkeys(self.timings, 0.0)
        return self

    # ------------------------------------------------------------------ one document
    def make_doc(self, document: Document | str) -> Doc:
        if isinstance(document, str):
            document = Document(id="text", text=document)
        t0 = time.perf_counter()
        doc = Doc(document, kb=self.kb, options=self.options)
        self.timings["text"] += time.perf_counter() - t0
        return doc

    def run(self, doc: Doc) -> Doc:
        """Run every stage over ``doc`` (fields assigned in place)."""
        for spec in self.stages:
            t0 = time.perf_counter()
            doc.run_stage(spec)
            self.timings[spec.name] += time.perf_counter() - t0
        return doc

    def __call__(self, document: Document | str) -> Analysis:
        return self.run(self.make_doc(document)).to_analysis(self.provenance)

    # ------------------------------------------------------------------ many documents
    def pipe(self, documents: Iterable[Document], n_process: int = 1, chunksize: int = 4
             ) -> Iterator[Analysis | Failure]:
        """Analyses of ``documents`` in input order; a :class:`Failure` for each that fails.

        With ``n_process`` > 1 the documents go to that many worker processes (memory stays flat:
        at most a few chunks per worker are in flight).
        """
        if n_process <= 1:
            for document in documents:
                yield self.safe(document)
            return
        import multiprocessing  # here: a single document never needs it (start-up time)

        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        with context.Pool(n_process, initializer=_init_worker, initargs=(self.__getstate__(),)) as pool:
            yield from pool.imap(_work, documents, chunksize=chunksize)

    def safe(self, document: Document) -> Analysis | Failure:
        """The analysis, or a :class:`Failure` carrying the error (a bug costs one document)."""
        try:
            return self(document)
        except Exception as err:  # noqa: BLE001 - reported to the caller with the document id
            return Failure(document.id, f"internal error while analysing ({type(err).__name__}: {err})")


def pin_blas_threads() -> None:
    """One BLAS/OpenMP thread in this process (effective before numpy loads its BLAS)."""
    for name in BLAS_THREAD_VARIABLES:
        os.environ[name] = "1"
    from threadpoolctl import threadpool_limits  # for a BLAS numpy has already loaded

    threadpool_limits(1)


_worker_pipeline: Pipeline | None = None


def _init_worker(state: dict[str, Any]) -> None:
    global _worker_pipeline
    # Ctrl-C reaches the whole process group: the parent stops the pool and says what was done;
    # workers that raised KeyboardInterrupt too would each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pin_blas_threads()
    pipeline = Pipeline.__new__(Pipeline)
    pipeline.__setstate__(state)
    _worker_pipeline = pipeline.warm_up()


def _work(document: Document) -> Analysis | Failure:
    assert _worker_pipeline is not None
    return _worker_pipeline.safe(document)


def analyze(document: Document | str, stages: Sequence[str] | None = None, **options: Any) -> Analysis:
    """Analyse one document (convenience for library users; build a Pipeline to analyse many)."""
    kb_paths = options.pop("kb_paths", ())
    return Pipeline(stages, kb_paths=kb_paths, options=options)(document)


__all__ = ["DEFAULT_STAGES", "Failure", "Pipeline", "PipelineError", "analyze", "pin_blas_threads"]
