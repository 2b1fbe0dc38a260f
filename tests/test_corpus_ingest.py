"""Ingest in real subprocesses: worker processes, kill -9 and resume, a Dask LocalCluster.

Slow (processes start, load the pipeline, a cluster comes up): marked ``slow``.  The articles are
analysed with the light ``times`` stage: what is tested is the store and the ingest, not the analysis.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_data import article, count, write_jsonl

pytestmark = pytest.mark.slow
ISNAD = [sys.executable, "-m", "isnad.cli"]


def isnad(*args: str, check_status: int | None = 0, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*ISNAD, *args], capture_output=True, text=True, timeout=300,
                          env=None if env is None else os.environ | env)
    assert "Traceback" not in done.stderr, done.stderr
    if check_status is not None:
        assert done.returncode == check_status, done.stderr
    return done


def integrity(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_worker_processes_store_everything_once(tmp_path: Path) -> None:
    db = tmp_path / "isnad.db"
    source = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(40)] + ["{broken"])
    done = isnad("corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source),
                 check_status=1)
    assert f"{source}:41: malformed JSON" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("added 40, unchanged 0, revised 0, skipped 1 in ")
    assert count(db, "SELECT count(*) FROM analyses WHERE fingerprint IS NOT NULL") == 40
    integrity(db)


def test_kill_9_then_resume_stores_every_article_exactly_once(tmp_path: Path) -> None:
    db = tmp_path / "isnad.db"
    total = 600
    source = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(total)])
    command = [*ISNAD, "corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    stored = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = count(db, "SELECT count(*) FROM articles")
            except sqlite3.OperationalError:  # the schema is being created
                continue
            if stored:
                break
    os.killpg(process.pid, signal.SIGKILL)  # the writer and its workers, mid-run
    process.wait()
    process.stderr.close()
    killed_at = count(db, "SELECT count(*) FROM articles")
    assert 0 < killed_at < total, f"the ingest was not killed mid-run ({killed_at} of {total} stored)"
    integrity(db)
    done = isnad("corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source))
    summary = done.stderr.splitlines()[-1]
    assert summary.startswith(f"added {total - killed_at:,}, unchanged {killed_at:,}, revised 0, skipped 0"), summary
    assert count(db, "SELECT count(*) FROM articles") == total
    assert count(db, "SELECT count(DISTINCT id) FROM articles") == total
    assert count(db, "SELECT count(*) FROM analyses") == total
    assert count(db, "SELECT count(*) FROM articles_fts") == total
    assert count(db, "SELECT count(*) FROM article_revisions") == 0
    integrity(db)


def test_ctrl_c_says_what_was_stored_and_the_same_command_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "isnad.db"
    total = 600
    source = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(total)])
    command = [*ISNAD, "corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source)]
    # a shell starts background jobs with SIGINT ignored; Ctrl-C in a terminal is not
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        try:
            if db.exists() and count(db, "SELECT count(*) FROM articles"):
                break
        except sqlite3.OperationalError:  # the schema is being created
            continue
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    stored = count(db, "SELECT count(*) FROM articles")
    assert 0 < stored < total, f"not interrupted mid-run ({stored} of {total} stored)"
    last = err.splitlines()[-1]
    assert last == (f"isnad: interrupted: added {stored:,}, unchanged 0, revised 0, skipped 0 so far, each stored"
                    " whole; run the same command again to go on"), last
    integrity(db)
    done = isnad("corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source))
    assert done.stderr.splitlines()[-1].startswith(f"added {total - stored:,}, unchanged {stored:,}, revised 0")
    assert count(db, "SELECT count(*) FROM analyses") == total


def test_ctrl_c_in_reanalyze_says_how_many_were_redone(tmp_path: Path) -> None:
    db = tmp_path / "isnad.db"
    total = 3000
    source = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(total)])
    isnad("corpus", "add", "--db", str(db), "--workers", "2", "--stages", "times", str(source))
    with sqlite3.connect(db) as connection:
        (old,) = connection.execute("SELECT DISTINCT fingerprint FROM analyses").fetchone()
    # every analysis is stale for the whole pipeline: redone in batches until interrupted
    command = [*ISNAD, "corpus", "reanalyze", "--db", str(db), "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
        if count(db, "SELECT count(*) FROM analyses WHERE fingerprint IS NOT ?", old):
            break
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith("isnad: interrupted after ") and last.endswith(
        " analyses redone and stored; run the same command again to go on"), last
    redone = int(last.split("after ")[1].split(" ")[0].replace(",", ""))
    assert 0 < redone < total
    assert count(db, "SELECT count(*) FROM analyses WHERE fingerprint IS NOT ?", old) == redone
    assert count(db, "SELECT count(*) FROM analyses") == total
    integrity(db)


def test_dask_cluster_stores_what_local_workers_store(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    records = [article(i) for i in range(24)]
    records.append(article(3, text=records[3]["text"] + " وارتفع العدد لاحقا."))  # a revision, after its original
    source = write_jsonl(tmp_path / "a.jsonl", records)
    local_db, dask_db = tmp_path / "local.db", tmp_path / "dask.db"
    isnad("corpus", "add", "--db", str(local_db), "--workers", "1", "--stages", "times", str(source))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = isnad("corpus", "add", "--db", str(dask_db), "--dask", cluster.scheduler_address, "--stages", "times",
                     str(source))
        assert done.stderr.splitlines()[-1].startswith("added 24, unchanged 0, revised 1, skipped 0")
        again = isnad("corpus", "add", "--db", str(dask_db), "--dask", cluster.scheduler_address, "--stages", "times",
                      str(source))
        assert again.stderr.splitlines()[-1].startswith("added 0, unchanged 25, revised 0")
    rows = "SELECT article_id, item_id, start, end, text, value FROM times ORDER BY article_id, item_id"
    assert sqlite3.connect(dask_db).execute(rows).fetchall() == sqlite3.connect(local_db).execute(rows).fetchall()
    assert count(dask_db, "SELECT revision FROM articles WHERE id = 'test-00003'") == 2
    integrity(dask_db)
    unreachable = isnad("corpus", "add", "--db", str(dask_db), "--dask", "tcp://127.0.0.1:9", str(source),
                        check_status=None, env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"})
    assert unreachable.returncode == 2 and "cannot reach the Dask scheduler" in unreachable.stderr
