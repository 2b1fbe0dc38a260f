"""Ingest: articles analysed by N worker processes or a Dask cluster, stored by one writer.

The main process reads the input, skips what the store already holds (id + content hash: nothing
is analysed twice), and keeps a bounded number of batches in flight on the workers; as results
come back it stores them in batched transactions.  A batch is committed whole, each article with
its analysis and items, so a run killed at any point leaves a consistent store, and running the
same command again analyses exactly the articles that were not committed.

Two places run the analyses, behind the same two calls (``submit`` a batch, ``next_done``):
:class:`LocalWorkers` (a process pool on this machine, or this process for one worker) and
:class:`DaskWorkers` (an existing ``distributed`` cluster).  Two articles with the same id are
never in flight together, so revisions are stored in input order even when results come back out
of order.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from isnad.core.pipeline import Pipeline, pin_blas_threads
from isnad.corpus.rows import analyse_article
from isnad.corpus.store import AnalysedArticle, Article, Outcome, Store
from isnad.inputs import InputError

#: articles sent to a worker at once, and results stored per transaction (or every COMMIT_SECONDS)
TASK_ARTICLES = 4
COMMIT_ARTICLES = 64
COMMIT_SECONDS = 2.0


class IngestError(Exception):
    """The analysis could not go on (a worker pool died, the cluster is unreachable)."""


# ---------------------------------------------------------------------- where analyses run
_process_pipeline: Pipeline | None = None


def _init_process(pipeline: Pipeline) -> None:
    global _process_pipeline
    pin_blas_threads()
    _process_pipeline = pipeline.warm_up()


def _analyse_in_process(articles: list[Article]) -> list[AnalysedArticle]:
    assert _process_pipeline is not None
    return [analyse_article(_process_pipeline, article) for article in articles]


_cluster_pipelines: dict[bytes, Pipeline] = {}


def analyse_on_cluster(pipeline: Pipeline, articles: list[Article]) -> list[AnalysedArticle]:
    """The Dask task: analyse a batch with a pipeline loaded once per worker process."""
    import pickle

    config = pickle.dumps(pipeline.__getstate__())
    if config not in _cluster_pipelines:
        pin_blas_threads()
        _cluster_pipelines[config] = pipeline.warm_up()
    loaded = _cluster_pipelines[config]
    return [analyse_article(loaded, article) for article in articles]


class LocalWorkers:
    """``workers`` processes of this machine (none for one worker: this process analyses)."""

    def __init__(self, pipeline: Pipeline, workers: int):
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self.in_flight = 2 * self.workers
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        if self.workers > 1:
            context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
            self._pool = concurrent.futures.ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_init_process, initargs=(pipeline,))

    def submit(self, articles: list[Article]) -> concurrent.futures.Future:
        if self._pool is None:
            future: concurrent.futures.Future = concurrent.futures.Future()
            future.set_result([analyse_article(self.pipeline, article) for article in articles])
            return future
        return self._pool.submit(_analyse_in_process, articles)

    def next_done(self, futures: Iterable[Any]) -> Any:
        done, _ = concurrent.futures.wait(list(futures), return_when=concurrent.futures.FIRST_COMPLETED)
        return next(iter(done))

    def result(self, future: Any) -> list[AnalysedArticle]:
        try:
            return future.result()
        except concurrent.futures.process.BrokenProcessPool:
            raise IngestError("a worker process died (out of memory?); what was stored is kept:"
                              " run the same command again to go on") from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


class DaskWorkers:
    """An existing Dask distributed cluster (``tcp://host:port``): results stored as they come back."""

    def __init__(self, pipeline: Pipeline, address: str):
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise IngestError("--dask needs the distributed package: pip install 'isnad[dask]'") from None
        try:
            self.client = Client(address)  # connect timeout: dask's distributed.comm.timeouts.connect
        except (OSError, TimeoutError) as err:
            raise IngestError(f"cannot reach the Dask scheduler at {address}: {err}") from None
        self.pipeline = pipeline
        threads = sum(self.client.nthreads().values()) or 1
        self.in_flight = 2 * threads
        self._completed = as_completed()

    def submit(self, articles: list[Article]) -> Any:
        future = self.client.submit(analyse_on_cluster, self.pipeline, articles, pure=False)
        self._completed.add(future)
        return future

    def next_done(self, futures: Iterable[Any]) -> Any:
        return next(self._completed)

    def result(self, future: Any) -> list[AnalysedArticle]:
        return future.result()

    def close(self) -> None:
        self.client.close()


def analysed(articles: Iterable[Article], workers: LocalWorkers | DaskWorkers,
             failed: Callable[[list[Article], str], None]) -> Iterator[AnalysedArticle]:
    """Analyses of ``articles`` as they complete, with a bounded number of batches in flight.

    A batch whose task fails on a cluster (a worker lost twice) is reported through ``failed``
    and the run goes on; a broken local pool stops the run (:class:`IngestError`).
    """
    source = iter(articles)
    in_flight: dict[Any, list[Article]] = {}
    ids_in_flight: Counter[str] = Counter()
    held: Article | None = None  # waits until the article with its id is back
    exhausted = False
    while True:
        while not exhausted and len(in_flight) < workers.in_flight:
            batch: list[Article] = []
            while len(batch) < TASK_ARTICLES:
                article = held if held is not None else next(source, None)
                held = None
                if article is None:
                    exhausted = True
                    break
                if ids_in_flight[article.id] or any(a.id == article.id for a in batch):
                    held = article
                    break
                batch.append(article)
            if batch:
                in_flight[workers.submit(batch)] = batch
                ids_in_flight.update(a.id for a in batch)
            if held is not None:
                break
        if not in_flight:
            if held is None and exhausted:
                return
            continue
        future = workers.next_done(in_flight)
        batch = in_flight.pop(future)
        for done in batch:
            ids_in_flight[done.id] -= 1
            if not ids_in_flight[done.id]:
                del ids_in_flight[done.id]  # memory stays flat over millions of ids
        try:
            results = workers.result(future)
        except IngestError:
            raise
        except Exception as err:  # noqa: BLE001 - a lost task costs its batch, reported by article
            failed(batch, f"{type(err).__name__}: {err}")
            continue
        yield from results


# ---------------------------------------------------------------------- the writer
@dataclass
class Counts:
    added: int = 0
    unchanged: int = 0
    revised: int = 0
    skipped: int = 0
    failed: int = 0  # stored, but the analysis failed (isnad corpus reanalyze retries it)
    same_url: int = 0

    def line(self) -> str:
        parts = [f"added {self.added:,}", f"unchanged {self.unchanged:,}", f"revised {self.revised:,}",
                 f"skipped {self.skipped:,}"]
        if self.failed:
            parts.append(f"analysis failed {self.failed:,}")
        if self.same_url:
            parts.append(f"{self.same_url:,} with a URL already stored under another id")
        return ", ".join(parts)


def _batches(results: Iterable[AnalysedArticle]) -> Iterator[list[AnalysedArticle]]:
    """Results grouped per transaction: COMMIT_ARTICLES of them, or what came in COMMIT_SECONDS."""
    batch: list[AnalysedArticle] = []
    started = time.monotonic()
    for result in results:
        batch.append(result)
        if len(batch) >= COMMIT_ARTICLES or time.monotonic() - started >= COMMIT_SECONDS:
            yield batch
            batch = []
            started = time.monotonic()
    if batch:
        yield batch


def ingest(store: Store, items: Iterable[Article | InputError], workers: LocalWorkers | DaskWorkers, *,
           error: Callable[[str], None], notice: Callable[[str], None],
           progress: Callable[[int], None] = lambda n: None, counts: Counts | None = None) -> Counts:
    """Store every new or changed article of ``items`` with its analysis; count what happened (in
    ``counts`` when given, so that a caller interrupted half-way can say what was stored)."""
    counts = Counts() if counts is None else counts

    def new_articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                counts.skipped += 1
                error(str(item))
                progress(1)
            elif store.known(item.id, item.content_hash):
                counts.unchanged += 1
                progress(1)
            else:
                yield item

    def lost(batch: list[Article], why: str) -> None:
        for article in batch:
            counts.skipped += 1
            error(f"{article.source or article.id}: not analysed ({why}); run the same command again to retry it")
        progress(len(batch))

    for batch in _batches(analysed(new_articles(), workers, lost)):
        for result, stored in zip(batch, store.write(batch), strict=True):
            if stored.outcome is Outcome.ADDED:
                counts.added += 1
            elif stored.outcome is Outcome.REVISED:
                counts.revised += 1
                notice(f"{stored.article_id}: revised (revision {stored.revision}; the text changed,"
                       f" the earlier one is kept in article_revisions) [{result.article.source}]")
            else:
                counts.unchanged += 1
                continue
            if stored.same_url_as:
                counts.same_url += 1
            if result.error is not None:
                counts.failed += 1
                error(f"{result.article.source or result.article.id}: stored without analysis ({result.error})")
        progress(len(batch))
    return counts


def reanalyze(store: Store, pipeline: Pipeline, workers: LocalWorkers | DaskWorkers, *,
              error: Callable[[str], None], progress: Callable[[int], None] = lambda n: None) -> tuple[int, int]:
    """Redo the analyses made with another fingerprint (or failed); ``(redone, still failing)``."""
    redone = failing = 0

    def lost(batch: list[Article], why: str) -> None:
        nonlocal failing
        failing += len(batch)
        for article in batch:
            error(f"{article.id}: not reanalysed ({why})")

    for batch in _batches(analysed(store.stale(pipeline.provenance.fingerprint), workers, lost)):
        redone += store.replace_analyses(batch)
        for result in batch:
            if result.error is not None:
                failing += 1
                error(f"{result.article.id}: analysis failed again ({result.error})")
        progress(len(batch))
    return redone, failing
