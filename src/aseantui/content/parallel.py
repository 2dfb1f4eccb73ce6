"""Parsing many articles at once in worker processes.

markdown-it is pure Python: a first load of 6,600 small pages spent about 5 s
of CPU parsing them, one after the other. Above `PARALLEL_MIN` files to parse
they are shared out, in chunks, between worker processes (one a core); the
results come back in the order of the files. Anything wrong with the workers
(they cannot start, one dies) costs only speed: what is left is parsed here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from aseantui import cancel
from aseantui.content.model import Article, Problem
from aseantui.procs import real_stderr, worker_count

Parsed = tuple[Article | None, list[Problem]]
Progress = Callable[[int, int], None]
"""Called with (files parsed so far, files to parse)."""

PARALLEL_MIN = 400
"""Fewest files to parse that are worth starting worker processes for (each imports
the parser: about 0.2 s)."""
CHUNK = 50
"""Files a worker parses per task."""


def parse_chunk(files: Sequence[tuple[str, str]]) -> list[Parsed]:
    """In a worker: parse each (path, relpath)."""
    from aseantui.content.parse import parse_article

    return [parse_article(Path(path), relpath) for path, relpath in files]


def parse_files(files: Sequence[tuple[Path, str]], progress: Progress | None = None,
                workers: int | None = None,
                parse: Callable[[Path, str], Parsed] | None = None) -> list[Parsed]:
    """Parse each (path, relpath), in order; in worker processes when there are many.

    `parse` is what parses a file here (parse.parse_article by default); the
    workers always use parse.parse_article.
    """
    workers = worker_count() if workers is None else workers
    done: list[Parsed] = []
    if workers > 1 and len(files) >= PARALLEL_MIN:
        done = _in_workers(files, workers, progress)
    if parse is None:
        from aseantui.content.parse import parse_article

        parse = parse_article
    for path, relpath in files[len(done):]:  # all of them, or what the workers left
        cancel.check()  # the app is quitting: stop between files
        done.append(parse(path, relpath))
        if progress is not None and (len(done) % CHUNK == 0 or len(done) == len(files)):
            progress(len(done), len(files))
    return done


def _in_workers(files: Sequence[tuple[Path, str]], workers: int,
                progress: Progress | None) -> list[Parsed]:
    """As many of `files` as the workers parsed, from the first one on."""
    chunks = [[(str(p), r) for p, r in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
    done: list[Parsed] = []
    try:
        with real_stderr():
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError):
        return done
    try:
        with real_stderr():  # workers start when the first tasks are handed out
            futures: list[Future[list[Parsed]]] = [pool.submit(parse_chunk, c) for c in chunks]
        for future in futures:
            while not wait([future], timeout=0.1).done:
                cancel.check()  # the app is quitting: stop waiting, stop the workers
            done.extend(future.result())
            if progress is not None:
                progress(len(done), len(files))
    except BaseException as exc:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # after a cancel nothing waits for them: stop them now
            if process.is_alive():
                process.terminate()
        if isinstance(exc, (BrokenProcessPool, OSError, EOFError)):
            return done  # the rest is parsed in this process
        raise
    pool.shutdown(wait=True)
    return done

