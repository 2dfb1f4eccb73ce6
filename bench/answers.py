"""Direct answers: how long the fact index takes to build and a question to answer.

    python bench/answers.py [CONTENT_DIR]

Types every question of tests/fixtures/answers/questions.tsv keystroke by
keystroke, as the app asks on every keystroke, and prints the time per
`Answerer.answer` call (median, 95th percentile, worst), the time to build
the fact index, and the two figures of the question set (answers given with
the entry search's ranking, as `aseantui ask` does). Not a test: no budget is
asserted here.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from aseantui.search.answers import Answerer  # noqa: E402
from aseantui.search.service import Library  # noqa: E402
from test_answers_quality import evaluate, read_rows  # noqa: E402


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "content"
    library = Library(root, cache_dir=False, prebuilt=False)
    start = time.perf_counter()
    answerer = Answerer(library.corpus)
    build = time.perf_counter() - start
    rows = read_rows()
    answerer.answer("warm up", "en")
    times: list[float] = []
    for row in rows:
        for end in range(1, len(row.question) + 1):
            start = time.perf_counter()
            answerer.answer(row.question[:end], row.lang)
            times.append(time.perf_counter() - start)
    times.sort()
    facts = len(answerer.facts.records)
    print(f"content: {root} ({facts} facts)")
    print(f"fact index built in {build * 1000:.0f} ms")
    print(f"{len(times)} keystrokes: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms, worst {times[-1] * 1000:.2f} ms")
    _, correct, false = evaluate(root)
    refused = sum(1 for row in rows if not row.entries)
    print(f"question set: {correct:.1%} answered correctly, {false} false answer(s) "
          f"of {refused} that must get none")


if __name__ == "__main__":
    main()
