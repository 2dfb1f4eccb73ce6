"""One measurement in a fresh process (run by bench/run.py; prints one JSON line).

    python bench/worker.py COMMAND '{"option": ...}'

Commands: build, open, update, core, keys. Each starts cold (nothing imported,
no stemmer cache), like the program does, and reports through BENCH_READY_FD
(or stdout when run by hand).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import dir_size, summary_ms  # noqa: E402

_FD = int(os.environ.get("BENCH_READY_FD", "-1"))


def _answer(data: dict[str, Any]) -> None:
    line = json.dumps(data) + "\n"
    if _FD >= 0:
        os.write(_FD, line.encode())
    else:
        sys.stdout.write(line)


def _load(content: str, cache: str | None = None) -> tuple[Any, float]:
    """Load (and parse) the corpus; with `cache`, through the parse cache the app uses."""
    import inspect

    from aseantui.content.load import load_corpus

    start = time.perf_counter()
    if cache is not None and "cache_root" in inspect.signature(load_corpus).parameters:
        corpus = load_corpus(Path(content), Path(cache))
    else:  # no cache asked for, or code from before the parse cache
        corpus = load_corpus(Path(content))
    return corpus, time.perf_counter() - start


def _clear_memo() -> bool:
    """Forget the typo/prefix expansions memoised per index reader; False if there is no memo."""
    try:
        from aseantui.search.caches import CACHES
    except ImportError:  # code from before the caches had one owner
        from aseantui.search import query

        memo = getattr(query, "_MEMO", None)
        if memo is None:
            return False
        memo.clear()
        return True
    CACHES.expansions.clear()
    return True


def _library(content: str, cache: str, corpus: Any) -> Any:
    from aseantui.search.service import Library

    return Library(content, cache_dir=Path(cache), corpus=corpus)


def _opened(opts: dict[str, Any]) -> tuple[Any, Any, float, float]:
    """As the app starts: the corpus through the parse cache, then the index opened.

    Returns the library, its IndexInfo, and the seconds each step took.
    """
    corpus, load_s = _load(opts["content"], opts["cache"])
    library = _library(opts["content"], opts["cache"], corpus)
    start = time.perf_counter()
    info = library.open_index()
    return library, info, load_s, time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the multi-process writers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _segments(library: Any) -> int:
    try:
        return len(library._ix._segments())
    except Exception:  # noqa: BLE001 - informational only
        return -1


# -- index costs ---------------------------------------------------------------
def build(opts: dict[str, Any]) -> dict[str, Any]:
    """Full build (rebuild) with a forced writer: procs 1 (single) or 2 (multi-process)."""
    from aseantui.search import store

    corpus, load_s = _load(opts["content"])  # a full parse, no parse cache
    procs = opts.get("procs", "auto")
    if procs == 1:
        store.MULTIPROCESS_MIN = 10**12
    elif procs != "auto":
        store.MULTIPROCESS_MIN = 1
    library = _library(opts["content"], opts["cache"], corpus)
    load_before = os.getloadavg()[0]
    cpu = _cpu()
    start = time.perf_counter()
    info = library.open_index(rebuild=True)
    build_s = time.perf_counter() - start
    cpu = _cpu() - cpu
    entries = info.entries
    # Fill the parse cache as the app's first launch would, for the open,
    # update, core and memory runs that follow (the first build writes it).
    _, cache_load_s = _load(opts["content"], opts["cache"])
    return {
        "entries": entries,
        "articles": len(corpus.articles),
        "load_s": round(load_s, 4),
        "cache_load_s": round(cache_load_s, 4),
        "build_s": round(build_s, 4),
        "cpu_s": round(cpu, 3),
        "loadavg": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "entries_per_s": round(entries / build_s, 2) if build_s else None,
        "action": info.action,
        "in_memory": info.in_memory,
        "disk_bytes": dir_size(Path(info.location)) if not info.in_memory else 0,
        "segments": _segments(library),
    }


def open_existing(opts: dict[str, Any]) -> dict[str, Any]:
    """Open an index that is already built and current, then run one search."""
    library, info, load_s, open_s = _opened(opts)
    start = time.perf_counter()
    library.search(opts.get("query", "secretariat"), lang="en")
    first_s = time.perf_counter() - start
    return {"load_s": round(load_s, 4), "open_s": round(open_s, 5), "action": info.action,
            "first_search_s": round(first_s, 4), "entries": info.entries,
            "segments": _segments(library)}


def update(opts: dict[str, Any]) -> dict[str, Any]:
    """Open the index after entries changed on disk: the incremental update.

    The corpus comes through the parse cache, as in the app: only the changed
    files are parsed again.
    """
    library, info, load_s, update_s = _opened(opts)
    return {"load_s": round(load_s, 4), "update_s": round(update_s, 4), "action": info.action,
            "entries": info.entries, "segments": _segments(library)}


# -- core query latency ---------------------------------------------------------------
def typed_prefixes(query: str) -> list[str]:
    """What the app searches while `query` is typed: every non-blank prefix."""
    return [query[:i] for i in range(1, len(query) + 1) if query[:i].strip()]


def core(opts: dict[str, Any]) -> dict[str, Any]:
    library, info, load_s, open_s = _opened(opts)
    limit = int(opts.get("limit", 10))
    queries: list[list[str]] = opts["queries"]
    # The first search of a process pays one-off costs (the Indonesian
    # stemmer's dictionary, the query parser): reported on its own.
    start = time.perf_counter()
    library.search("kerjasama", lang="id", limit=limit)
    first_s = time.perf_counter() - start

    samples: list[tuple[int, str, str, float, int]] = []  # pass, kind, query, seconds, total
    for number in range(int(opts.get("repeats", 3))):
        for lang, kind, text in queries:
            start = time.perf_counter()
            results = library.search(text, lang=lang, limit=limit)
            samples.append((number, kind, text, time.perf_counter() - start, results.total))
    # The code memoises typo and prefix expansions per index reader, so passes
    # 2.. reuse pass 1's. One more pass with the memo emptied before every
    # search gives what a query whose words are new to the process costs.
    unmemoised: list[float] = []
    if _clear_memo():
        for lang, _, text in queries:
            _clear_memo()
            start = time.perf_counter()
            library.search(text, lang=lang, limit=limit)
            unmemoised.append(time.perf_counter() - start)
    result: dict[str, Any] = {
        "entries": info.entries,
        "index_action": info.action,
        "load_s": round(load_s, 4),
        "open_s": round(open_s, 4),
        "limit": limit,
        "first_search_ms": round(first_s * 1000, 3),
        "all": summary_ms([s[3] for s in samples]),
        "first_pass": summary_ms([s[3] for s in samples if s[0] == 0]),
        "unmemoised": summary_ms(unmemoised) if unmemoised else None,
        "by_kind": {
            kind: summary_ms([s[3] for s in samples if s[1] == kind])
            for kind in sorted({s[1] for s in samples})
        },
    }
    by_query: dict[str, list[float]] = {}
    for _, _, text, seconds, _ in samples:
        by_query.setdefault(text, []).append(seconds)
    slowest = sorted(by_query.items(), key=lambda kv: -max(kv[1]))[:5]
    result["slowest"] = [
        {"query": text, "max_ms": round(max(v) * 1000, 2), "median_ms": round(
            sorted(v)[len(v) // 2] * 1000, 2)} for text, v in slowest
    ]
    if opts.get("typed"):
        _clear_memo()  # start as a new session would; the memo then fills as in the app
        typed: list[float] = []
        for lang, _, text in queries:
            for prefix in typed_prefixes(text):
                start = time.perf_counter()
                library.search(prefix, lang=lang, limit=limit)
                typed.append(time.perf_counter() - start)
        result["typed"] = summary_ms(typed)
    return result


# -- keystroke to results (Pilot) ---------------------------------------------------------------
class _KeyProbe:
    """When each typed text reached the box, the screen, the results list and the screen again.

    Times are perf_counter() seconds, keyed by the typed text: `value` when the
    box first held it (or a longer text typed after it), `shown` the refresh
    after that, `updated` when the results for it (or a longer text) were in the
    list, `painted` the refresh after that.
    """

    def __init__(self) -> None:
        self.pending: list[str] = []
        """Texts typed in the current query whose box or results are not yet on screen."""
        self.times: dict[str, dict[str, float]] = {}
        self.totals: dict[str, int] = {}
        self.cards: set[str] = set()
        """Texts whose results came with an answer card (issue 11)."""

    def expect(self, text: str) -> None:
        self.pending.append(text)
        self.times[text] = {}

    def _mark(self, what: str, text: str, screen: Any, after: str) -> None:
        now = time.perf_counter()
        marked = [t for t in self.pending if text.startswith(t) and what not in self.times[t]]
        for t in marked:
            self.times[t][what] = now

        def refreshed() -> None:
            later = time.perf_counter()
            for t in marked:
                self.times[t].setdefault(after, later)

        if marked:
            screen.call_after_refresh(refreshed)

    def box_changed(self, screen: Any, value: str) -> None:
        self._mark("value", value, screen, "shown")

    def results_shown(self, screen: Any, results: Any, text: str) -> None:
        self.totals.setdefault(text, results.total)
        card = getattr(getattr(getattr(screen, "panel", None), "card", None), "answer", None)
        if card is not None:
            self.cards.add(text)
        self._mark("updated", text, screen, "painted")

    def done(self, text: str) -> bool:
        return "painted" in self.times.get(text, {}) and "shown" in self.times[text]


async def _keys(opts: dict[str, Any]) -> dict[str, Any]:
    """Type each query key by key under Pilot; per key: box shown, results updated, painted.

    opts: data (the data dir), content (a folder for --content; default the
    shipped content), queries ([ui_lang, kind, text] rows), pace_ms (0, the
    default: each key waits for its results before the next is pressed; N:
    keys every N ms, as a typist presses them, whatever the app is doing).
    """
    import asyncio

    from textual import events
    from textual.widgets import Input

    from aseantui.tui.app import make_app
    from aseantui.tui.screens.main import MainScreen

    probe = _KeyProbe()
    made: dict[str, Any] = {}
    try:  # the search panel says when results are on screen
        from aseantui.tui.app import AseanApp
        from aseantui.tui.widgets.search_panel import SearchPanel

        class BenchApp(AseanApp):
            def on_search_panel_results_shown(self, event: SearchPanel.ResultsShown) -> None:
                probe.results_shown(self.screen, event.results, event.text)

        made["app_class"] = BenchApp
    except ImportError:  # a snapshot from before the panel (bench compares commits)
        pass
    app = make_app(content=opts.get("content"), lang="en", data_dir=Path(opts["data"]), **made)
    pace = float(opts.get("pace_ms", 0)) / 1000
    rows: list[dict[str, Any]] = []
    timeouts = 0
    start_app = time.perf_counter()
    async with app.run_test(headless=True, size=(100, 40)) as pilot:
        deadline = time.monotonic() + float(opts.get("ready_timeout", 600))
        while not (isinstance(app.screen, MainScreen) and app.screen.library is not None):
            if time.monotonic() > deadline:
                raise TimeoutError("the app never became ready")
            await asyncio.sleep(0.005)
        ready_s = time.perf_counter() - start_app
        screen: MainScreen = app.screen
        # Every key is timed with the facts in, so each asks for an answer card too
        # (code without the answer card has no answerer to wait for).
        panel = getattr(screen, "panel", None)
        answers_s = None
        if panel is not None and hasattr(panel, "answerer"):
            while panel.answerer is None:
                if time.monotonic() > deadline:
                    raise TimeoutError("the facts were never indexed")
                await asyncio.sleep(0.005)
            answers_s = time.perf_counter() - start_app
        await pilot.pause()
        if not made:
            original = screen._show_results  # type: ignore[attr-defined]

            def show_results(results: Any, text: str) -> None:
                original(results, text)
                probe.results_shown(screen, results, text)

            screen._show_results = show_results  # type: ignore[attr-defined]
        box = screen.query_one("#search", Input)
        screen.watch(box, "value", lambda value: probe.box_changed(screen, value), init=False)

        async def settle(text: str, wait: float) -> bool:
            end = time.monotonic() + wait
            while not probe.done(text):
                if time.monotonic() > end:
                    return False
                await asyncio.sleep(0.001)
            return True

        for lang, kind, query in opts["queries"]:
            if app.lang != lang:
                await app.action_switch_language()
            box.value = ""
            box.focus()
            await pilot.pause()
            probe.pending = []
            pressed: dict[str, float] = {}
            typed = ""
            for char in query:
                typed += char
                probe.expect(typed)
                if pace:  # as a terminal does: the key goes in, whatever the app is doing
                    target = (max(pressed.values()) + pace) if pressed else time.perf_counter()
                    await asyncio.sleep(max(0.0, target - time.perf_counter()))
                    pressed[typed] = target
                    event = events.Key(char if char.isalnum() else _key_name(char), char)
                    event.set_sender(app)
                    app.post_message(event)
                else:
                    pressed[typed] = time.perf_counter()
                    await pilot.press(char)
                    if not await settle(typed, 30):
                        timeouts += 1
            if pace and not await settle(typed, 30):
                timeouts += 1
            await pilot.pause()
            if box.value != query:
                raise RuntimeError(f"the search box holds {box.value!r}, not {query!r}")
            for text, at in pressed.items():
                times = probe.times[text]
                if "updated" not in times:
                    continue
                rows.append({
                    "lang": lang, "kind": kind, "text": text,
                    "shown": times.get("shown", times["value"]) - at,
                    "updated": times["updated"] - at,
                    "painted": times.get("painted", times["updated"]) - at,
                    "card": text in probe.cards,
                })
        await pilot.pause()
    return _keys_summary(rows, ready_s, timeouts, pace, answers_s)


def _key_name(char: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(char)


def _keys_summary(rows: list[dict[str, Any]], ready_s: float, timeouts: int,
                  pace: float, answers_s: float | None = None) -> dict[str, Any]:
    updated_s = [r["updated"] for r in rows]
    slowest = sorted(rows, key=lambda r: -r["updated"])[:5]
    carded = [r for r in rows if r.get("card")]
    return {
        "ready_s": round(ready_s, 4),
        "answers_ready_s": round(answers_s, 4) if answers_s is not None else None,
        "keys_with_card": len(carded),
        "painted_with_card": summary_ms([r["painted"] for r in carded]) if carded else None,
        "pace_ms": round(pace * 1000),
        "keys": len(rows),
        "timeouts": timeouts,
        "first_key_ms": round(rows[0]["updated"] * 1000, 3) if rows else None,
        "shown": summary_ms([r["shown"] for r in rows]),
        "updated": summary_ms(updated_s),
        "updated_after_first": summary_ms(updated_s[1:]),
        "painted": summary_ms([r["painted"] for r in rows]),
        "by_lang": {
            lang: summary_ms([r["updated"] for r in rows if r["lang"] == lang])
            for lang in sorted({r["lang"] for r in rows})
        },
        "slowest": [{"text": r["text"], "ms": round(r["updated"] * 1000, 2),
                     "shown_ms": round(r["shown"] * 1000, 2)} for r in slowest],
    }


def keys(opts: dict[str, Any]) -> dict[str, Any]:
    import asyncio

    return asyncio.run(_keys(opts))


COMMANDS = {"build": build, "open": open_existing, "update": update, "core": core, "keys": keys}


def main(argv: list[str]) -> int:
    command = argv[0]
    opts = json.loads(argv[1]) if len(argv) > 1 else {}
    _answer(COMMANDS[command](opts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
