"""A tiny run of the benchmark's machinery (bench/), to keep it working.

No timing is asserted here: benchmarks are not tests. See bench/README.md.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tmux_support import needs_tmux

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import common, corpus, run, worker  # noqa: E402
from bench.sections import articles as article_section  # noqa: E402
from bench.sections import large, terminal  # noqa: E402

from aseantui.content.load import load_corpus  # noqa: E402
from aseantui.paths import shipped_content  # noqa: E402
from aseantui.search import store  # noqa: E402

QUERIES = [["en", "words", "secretariat office"], ["id", "typo", "sekertaris"],
           ["en", "prefix", "asean char"]]


@pytest.fixture(scope="module")
def vocab() -> dict[str, corpus.Vocabulary]:
    return corpus.vocabularies(shipped_content())


@pytest.fixture
def synthetic(tmp_path: Path, vocab: dict[str, corpus.Vocabulary]) -> Path:
    return corpus.write_corpus(tmp_path / "synthetic", 20, vocab, words=120)


def test_synthetic_corpus_is_valid_and_bilingual(synthetic: Path) -> None:
    loaded = load_corpus(synthetic)
    assert len(loaded.articles) == 40
    assert loaded.skipped == 0
    assert not loaded.problems, loaded.problems[:3]
    en = loaded.articles[("syn-00003", "en")]
    twin = loaded.articles[("syn-00003", "id")]
    assert [h.level for h in en.headings] == [h.level for h in twin.headings]
    assert 80 <= len(en.text.split()) <= 200


def test_edit_entry_changes_one_entry(synthetic: Path, vocab: dict[str, corpus.Vocabulary]) -> None:
    before = load_corpus(synthetic)
    corpus.edit_entry(synthetic, 5, 20, vocab, words=120)
    after = load_corpus(synthetic)
    changed = {k for k in before.articles if before.articles[k].digest != after.articles[k].digest}
    assert changed == {("syn-00005", "en"), ("syn-00005", "id")}


def test_worker_measurements_in_process(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MULTIPROCESS_MIN", store.MULTIPROCESS_MIN)  # restored after
    cache = str(tmp_path / "cache")
    built = worker.build({"content": str(synthetic), "cache": cache, "procs": 1})
    assert built["entries"] == 20 and built["action"] == "built" and built["disk_bytes"] > 0
    assert list((tmp_path / "cache").glob("parsed/*.json"))  # the parse cache the app uses
    opened = worker.open_existing({"content": str(synthetic), "cache": cache})
    assert opened["action"] == "reused"
    core = worker.core({"content": str(synthetic), "cache": cache, "queries": QUERIES,
                        "repeats": 1, "limit": 5, "typed": True})
    assert core["all"]["n"] == 3 and set(core["by_kind"]) == {"words", "typo", "prefix"}
    assert core["unmemoised"]["n"] == 3
    assert core["typed"]["n"] == sum(len(worker.typed_prefixes(q[2])) for q in QUERIES)
    json.dumps(core)


def test_launcher_reports_ready(tmp_path: Path) -> None:
    child = common.run_child([run.LAUNCH, "baseline"], {}, timeout=60)
    assert child.returncode == 0 and child.ready_s is not None and child.maxrss_mb > 0


def test_report_shape(tmp_path: Path) -> None:
    plan = run.Plan(**{**run.QUICK, "sizes": [20], "build_repeats": 1, "open_repeats": 1,
                       "update_repeats": 1, "memory_runs": 1})
    plan.sections = {"index"}
    bench = run.Bench(plan, tmp_path, log=io.StringIO())
    report = bench.run()
    index = report["figures"]["index"]["20"]
    assert index["entries"] == 20 and index["articles"] == 40
    assert all("updated" in a for a in index["update_one"]["actions"])
    assert {"cpu", "cores", "python", "os"} <= set(report["machine"])
    issues = [b["issue"] for b in report["budgets"]]
    assert issues == sorted(issues, reverse=True) and {5, 14} <= set(issues)
    assert report["budgets"][0]["met"] is None  # start-up was not measured
    updates = [b for b in report["budgets"] if b["budget"].startswith("incremental update")]
    assert updates[0]["met"] is True or updates[0]["met"] is False
    json.loads(json.dumps(report))
    text = run.table(report)
    assert "| budget (issue) | measured | limit | met |" in text
    assert "index 20: incremental update of one entry" in text


def test_article_measurement_in_a_fresh_process() -> None:
    from bench import articles

    text = articles.article(30_000)
    assert 28_000 < len(text) <= 30_000 and "](cite:" in text and "\n## " in text
    child = common.run_child([str(ROOT / "bench" / "articles.py"),
                              json.dumps({"size": 9000, "widget": "new", "steps": 2})], {},
                             timeout=120)
    answer = json.loads([line for line in child.lines if line.startswith("{")][-1])
    assert answer["pagedown"]["n"] == 2 and answer["lines"] > 40
    figures = {"9000": {"new": {"chars": 9000, "first_screen_ms": 1.0, "pagedown_p50_ms": 1.0,
                                "pagedown_max_ms": 2.0, "complete_s": 0.1,
                                "pagedown_complete_max_ms": 3.0}}}
    assert article_section.budgets({"articles": figures}, None)[1].value == 3.0
    report = {"figures": {"articles": figures}}
    assert "LongMarkdown" in article_section.rows(report)[0][1]


def test_percentile_and_queries() -> None:
    assert common.percentile([1, 2, 3, 4], 50) == 2.5
    assert common.percentile([5], 95) == 5
    queries = run.load_queries()
    assert {q[0] for q in queries} == {"en", "id"}
    assert {q[1] for q in queries} == {"words", "prefix", "typo"}
    assert len(run.sample_queries(queries, 6)) == 6


def test_snapshot_is_laid_out_as_the_wheel_installs_it(tmp_path: Path) -> None:
    import shutil

    target = tmp_path / "snapshot"
    shutil.copytree(ROOT / "src", target / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copytree(ROOT / "content", target / "content")
    before = common.src_digest(target)
    common.wheel_layout(target)
    data = target / "src" / "aseantui" / "data"
    assert (data / "content" / "sources.yaml").is_file()
    manifest = json.loads((data / "prebuilt" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["entries"]) == len(list((ROOT / "content" / "en").glob("*.md")))
    assert common.src_digest(target) == before  # the digest names the code, not the layout


def test_small_pages_load_as_entries_without_front_matter(
    tmp_path: Path, vocab: dict[str, corpus.Vocabulary]
) -> None:
    folder = corpus.write_small_corpus(tmp_path / "small", 30, vocab["en"])
    loaded = load_corpus(folder)
    assert len(loaded.articles) == 30 and loaded.skipped == 0
    assert all(article.lang == "en" for article in loaded.articles.values())


class FakeBench:
    """What a section needs of bench.run.Bench, for one measurement here."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.shipped = shipped_content()
        self.plan = run.Plan(**run.QUICK)

    def say(self, text: str) -> None:
        pass

    def quiet(self, what: str) -> None:
        pass

    def fresh(self, name: str) -> Path:
        import tempfile

        return Path(tempfile.mkdtemp(prefix=name, dir=self.tmp))

    def env(self, cache: Path, content: Path | None = None) -> dict[str, str]:
        env = {"ASEANTUI_CACHE_DIR": str(cache), "ASEANTUI_DATA_DIR": str(self.fresh("data"))}
        return {**env, "ASEANTUI_CONTENT": str(content)} if content else env


def test_large_folder_first_build_through_the_command_line(
    tmp_path: Path, vocab: dict[str, corpus.Vocabulary]
) -> None:
    folder = corpus.write_small_corpus(tmp_path / "small", 25, vocab["en"])
    found, cache = large.build(FakeBench(tmp_path), folder)
    assert found["entries"] == 25 and found["wall_s"] > 0
    assert isinstance(found["progress_printed"], bool)
    assert list(cache.iterdir())  # the index is where the app will look for it


@needs_tmux
def test_terminal_launch_times_the_baseline_in_tmux(tmp_path: Path) -> None:
    bench = FakeBench(tmp_path)
    argv = [sys.executable, str(ROOT / "bench" / "launch.py"), "baseline", "--tty"]
    found = terminal.launch(argv, bench.env(tmp_path / "cache"), terminal.BASELINE_PAINTED,
                            app=False, timeout=60)
    marks = found["marks"]
    assert 0 < marks["painted"] <= marks["usable"]  # the probe typed once painted showed


def test_every_section_renders_an_empty_report() -> None:
    plan = run.Plan(**run.QUICK)
    report = {"plan": {"sizes": plan.sizes}, "figures": {}}
    for name in run.SECTIONS:
        assert run.section(name).rows(report) == []
    assert all(b["value"] is None and b["met"] is None for b in run.budgets({}, plan))
