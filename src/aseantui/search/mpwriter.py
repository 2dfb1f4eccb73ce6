"""Whoosh's multi-process writer, adapted: safe to interrupt, to kill, and to start under Textual.

The one place that touches the writer's internals (`_new_task`, `jobqueue`,
`_commit_toc`); tests/test_reliability_index.py fails loudly when Whoosh
changes them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from aseantui import cancel
from aseantui.procs import real_stderr

DocumentFactory = Callable[[str], dict[str, Any]]
Progress = Callable[[int, int], None]
"""Told (documents written, documents to write) while an index is written."""
PROGRESS_EVERY = 50


def limit_mb(documents: int, procs: int) -> int:
    """The memory each writer may fill with postings before it spills them to disk.

    A spill pickles every posting out and back in (a third of a 1,000-entry
    build at 128 MB; bench/experiments/exp_limitmb.py: 12.7 -> 8.3 s at 512
    MB). Small builds never reach the limit; large ones get more room, split
    between the writer processes.
    """
    if documents < 500:
        return 128
    return max(128, 512 // max(1, procs))


def _exit_with_parent() -> None:
    """In a sub-writer: exit as soon as the process that started it is gone.

    Whoosh's sub-writers wait on their job queue forever: when the main
    process is killed mid-build they would live on as orphans.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent has died
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _run_guarded_subwriter(storage: Any, indexname: str, jobs: Any, results: Any,
                           kwargs: dict[str, Any], multisegment: bool) -> None:
    _exit_with_parent()
    SubWriterTask(storage, indexname, jobs, results, kwargs, multisegment).run()


class SafeMpWriter(MpWriter):
    """Whoosh's multi-process writer, made safe to interrupt and to kill.

    Sub-writers are spawned (so they inherit no open file, and no lock), are
    daemons, exit when the main process dies, and are stopped on `cancel`;
    a sub-writer that failed makes the commit fail instead of leaving its
    documents silently out of the index.
    """

    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        with real_stderr():  # its queues' locks start multiprocessing's resource tracker
            super().__init__(ix, procs=procs, start_method="spawn", **kwargs)
        self._jobs = self.jobqueue
        self.jobqueue = self  # our `put` below: it notices sub-writers that died

    def _new_task(self) -> Any:
        args = (self.storage, self.indexname, self._jobs, self.resultqueue, self.subargs,
                self.multisegment)
        task = self._mpctx.Process(target=_run_guarded_subwriter, args=args, daemon=True)
        self.tasks.append(task)
        with real_stderr():
            task.start()
        return task

    def put(self, job: Any) -> None:
        """Queue a job; fail instead of waiting forever when a sub-writer has died."""
        while True:
            self._check_tasks()
            try:
                self._jobs.put(job, timeout=0.5)
                return
            except queue.Full:
                continue

    def _check_tasks(self) -> None:
        failed = [t.exitcode for t in self.tasks if t.exitcode not in (None, 0)]
        if failed:
            raise RuntimeError(f"an indexing process failed (exit code {failed[0]})")

    def _commit_toc(self, segments: Any) -> None:
        # MpWriter._commit calls this once every sub-writer has been joined.
        self._check_tasks()
        super()._commit_toc(segments)

    def stop_processes(self) -> None:
        """Terminate and join the sub-writers (from any thread)."""
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
        for task in self.tasks:
            task.join(timeout=5)

    def cancel(self, **kwargs: Any) -> None:
        try:
            self.stop_processes()
        finally:
            SegmentWriter.cancel(self)


def write_documents(ix: Any, ids: Sequence[str], make: DocumentFactory, procs: int = 1,
                    progress: Progress | None = None) -> None:
    """Write the documents of `ids` and commit; `progress(done, total)` every PROGRESS_EVERY."""
    limitmb = limit_mb(len(ids), procs)
    writer = (
        SafeMpWriter(ix, procs=procs, multisegment=True, limitmb=limitmb)
        if procs > 1
        else ix.writer(limitmb=limitmb)
    )
    stop = _stop_processes_on_cancel(writer) if procs > 1 else None
    try:
        for done, entry_id in enumerate(ids, 1):
            cancel.check()  # the app is quitting: stop between documents
            writer.add_document(**make(entry_id))
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(ids))
        writer.commit()
        cancel.check()  # cancelled during the commit: the sub-writers were stopped
        if progress is not None:
            progress(len(ids), len(ids))
    except BaseException:
        cancel_writer(writer)
        cancel.check()  # a failure caused by stopping the sub-writers is the cancel
        raise
    finally:
        if stop is not None:
            stop.set()


def _stop_processes_on_cancel(writer: SafeMpWriter) -> threading.Event | None:
    """Terminate the writer's processes as soon as the work is cancelled, even while
    the building thread waits for them in `commit`. Returns the event that ends the watch."""
    cancelled = cancel.current()
    if cancelled is None:
        return None
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if cancelled.wait(0.1):
                writer.stop_processes()
                return

    threading.Thread(target=watch, name="build-cancel-watch", daemon=True).start()
    return done


def cancel_writer(writer: Any) -> None:
    """Abandon a writer that failed, even half-way through its commit."""
    with contextlib.suppress(Exception):
        writer.cancel()
