"""Hostile and broken articles: reported with path and line, the rest load, nothing
outside the content folder is ever read through a link.

tests/test_check.py proves each ordinary problem (bad YAML, wrong types, empty,
binary, not UTF-8, bad links) one at a time through `aseantui check`. Here
every kind of broken file sits in one folder together, next to the good
ones, with the kinds that check does not cover: a 20 MB file, a 100,000
character line, deep nesting, YAML aliases and escapes, a link cycle,
`file:` and `javascript:` links, a 5,000 character title, ids that collide
across case, a FIFO.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from aseantui.content import load_corpus
from aseantui.content.load import Corpus
from aseantui.content.parse import MAX_TITLE, classify_href
from aseantui.render import article_markdown, reader_markdown
from aseantui.search.service import Library
from conftest import CliResult

Cli = Callable[..., CliResult]

FIXTURE_ARTICLES = 14


def front(id: str, lang: str = "en", title: str = "A title", extra: str = "") -> str:  # noqa: A002
    return (f"---\nid: {id}\nlang: {lang}\ntitle: {title}\ncategory: general\n"
            f"summary: A summary.\naliases: []\nsources: []\n{extra}---\n\n")


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def pair(root: Path, id: str, body: str, **kwargs: str) -> Path:  # noqa: A002
    """Write an entry in both languages (so no 'missing twin'); return the English one."""
    write(root / "id" / f"{id}.md", front(id, "id", **kwargs) + body)
    return write(root / "en" / f"{id}.md", front(id, "en", **kwargs) + body)


# Each broken file: its path relative to the content folder, the line and the
# message `check` must report for it, and whether the file is still loaded.
BROKEN: dict[str, tuple[int, str, bool]] = {}


def broken(relpath: str, line: int, message: str, loads: bool) -> str:
    BROKEN[relpath] = (line, message, loads)
    return relpath


def make_hostile(root: Path) -> None:
    en = root / "en"
    write(root / broken("en/bad-yaml.md", 4, "bad YAML in front matter: mapping values are "
                      "not allowed here", False),
          front("bad-yaml").replace("title: A title", "title: A: B"))
    write(root / broken("en/wrong-types.md", 4, "field 'title' must be a non-empty string, "
                      "not a list containing int", False),
          front("wrong-types").replace("title: A title", "title: [1, 2]"))
    write(root / broken("en/binary.md", 1, "binary file (contains NUL bytes)", False),
          b"\x89PNG\x00\x01\x02" * 100)
    write(root / broken("en/empty.md", 1, "empty file", False), b"")
    big = root / broken("en/huge.md", 1, "file too large (20.0 MB; the limit is 2 MB)", False)
    with open(big, "wb") as handle:  # sparse: cheap to make, 20 MB to read
        handle.write(front("huge").encode())
        handle.truncate(20_000_000)
    pair(root, "long-line", "word " * 19_999 + "needleword\n")  # a 100,000 character line
    nested = "\n".join("  " * depth + f"- level{depth}" for depth in range(300)) + "\n"
    pair(root, "nested", nested)
    BROKEN["en/nested.md"] = (29, "nested more than 20 levels deep; what is deeper is not "
                              "shown", True)
    write(root / broken("en/yaml-deep.md", 9, "bad YAML in front matter: nested more than 20 "
                      "levels deep", False),
          front("yaml-deep", extra="extra: " + "[" * 5000 + "]" * 5000 + "\n"))
    write(root / broken("en/yaml-alias.md", 10, "bad YAML in front matter: anchors and aliases "
                      "(*name) are not allowed", False),
          front("yaml-alias", extra="a: &a [x, x, x]\nb: [*a, *a, *a]\n"))
    write(root / broken("en/yaml-loop.md", 10, "bad YAML in front matter: anchors and aliases "
                      "(*name) are not allowed", False),
          front("yaml-loop", extra="loop: &loop\n  - *loop\n"))
    # a link cycle, and a page that links to itself
    pair(root, "cycle-a", "See [b](cycle-b.md) and [here](cycle-a.md#top).\n\n## Top\n")
    pair(root, "cycle-b", "See [a](cycle-a.md).\n\n## Top\n")
    links = pair(root, "links", (
        "[passwd](../../etc/passwd)\n"
        "[file](file:///etc/passwd)\n"
        "[script](javascript:alert(1))\n"
        "[vb](vbscript:msgbox)\n"
        "[data](data:text/html,<script>alert(1)</script>)\n"
        "[abs](/etc/passwd)\n"
        "[dots](%2e%2e/%2e%2e/etc/passwd.md)\n"
        "[back](..\\\\..\\\\secret.md)\n"
        "<file:///etc/shadow>\n"
    ))
    assert links
    BROKEN["en/links.md"] = (11, "link to '../../etc/passwd' leaves the content folder", True)
    pair(root, "long-title", "Body.\n", title="T" * 5000)
    BROKEN["en/long-title.md"] = (4, f"title longer than {MAX_TITLE} characters (shortened)",
                                  True)
    # ids that collide across case: an upper-case id is refused; a file name that
    # differs only in case is another entry (ids of plain files are their paths)
    if not (en / "GLOSSARY.md").exists():  # a case-sensitive file system
        write(root / broken("en/Founding.md", 2, "id 'Founding' must be lower-case letters, "
                          "digits, '-' or '_'", False), front("Founding"))
        write(root / broken("en/GLOSSARY.md", 1, "no front matter: using id 'GLOSSARY', "
                          "lang 'en', title 'Shouting glossary'", True),
              "# Shouting glossary\n\nA plain page whose name differs only in case.\n")
    # terminal control characters in YAML escapes and character references
    pair(root, "escapes", "Text &#x202e;reversed&rlm; and &#27;[31m red.\n",
         title='"Esc \\e[2J \\u202e \\x07"')
    BROKEN["en/escapes.md"] = (4, "terminal control characters removed", True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / broken("en/fifo.md", 1, "not a regular file", False))


@pytest.fixture
def hostile(corpus_dir: Path) -> Path:
    make_hostile(corpus_dir)
    return corpus_dir


def problems_of(corpus: Corpus, root: Path) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for problem in corpus.problems:
        relpath = Path(problem.path).relative_to(root).as_posix()
        found.setdefault(relpath, []).append((problem.line, problem.message))
    return found


def test_broken_files_are_reported_with_path_and_line_and_the_rest_load(hostile: Path) -> None:
    corpus = load_corpus(hostile)
    found = problems_of(corpus, hostile)
    for relpath, (line, message, loads) in BROKEN.items():
        assert (line, message) in found.get(relpath, []), (relpath, found.get(relpath))
        name = Path(relpath).stem
        loaded = {a.relpath for a in corpus.articles.values()}
        assert (relpath in loaded) == loads, relpath
        if not loads:
            assert name.lower() == "glossary" or (name, "en") not in corpus.articles
    # every article of the fixture corpus still loads, and the good hostile ones too
    good = {"long-line", "nested", "cycle-a", "cycle-b", "links", "long-title", "escapes"}
    shouting = int((hostile / "en" / "GLOSSARY.md").exists())  # its own entry
    assert len(corpus.articles) == FIXTURE_ARTICLES + 2 * len(good) + shouting
    assert corpus.articles[("glossary", "en")].relpath == "en/glossary.md"
    assert len(corpus.articles[("long-title", "en")].title) <= MAX_TITLE
    assert corpus.skipped == sum(1 for *_, loads in BROKEN.values() if not loads)


def test_every_link_problem_is_reported(hostile: Path) -> None:
    corpus = load_corpus(hostile)
    messages = {m for line, m in problems_of(corpus, hostile)["en/links.md"]}
    for expected in [
        "link to '../../etc/passwd' leaves the content folder",
        "link to 'file:///etc/passwd' uses the 'file:' scheme (only http, https and mailto "
        "are allowed)",
        "link to 'javascript:alert(1)' uses the 'javascript:' scheme (only http, https and "
        "mailto are allowed)",
        "link to 'vbscript:msgbox' uses the 'vbscript:' scheme (only http, https and mailto "
        "are allowed)",
        "link to '/etc/passwd' is not a relative path inside the content folder",
        "link to '%2e%2e/%2e%2e/etc/passwd.md' leaves the content folder",
        "link to 'file:///etc/shadow' uses the 'file:' scheme (only http, https and mailto "
        "are allowed)",
    ]:
        assert expected in messages, messages
    article = corpus.articles[("links", "en")]
    assert all(link.kind == "invalid" for link in article.links)
    assert all(corpus.resolve(link) is None for link in article.links)


def test_a_link_cycle_is_harmless(hostile: Path) -> None:
    corpus = load_corpus(hostile)
    assert corpus.backlinks("cycle-a") == ["cycle-b"]
    assert corpus.backlinks("cycle-b") == ["cycle-a"]
    markdown = reader_markdown(corpus.articles[("cycle-a", "en")], corpus, "en")
    assert markdown.count("entry:cycle-b") == 1  # "what links here" lists it once


def test_the_long_line_and_the_deep_list_are_searchable(hostile: Path) -> None:
    library = Library(hostile, cache_dir=False)
    assert [h.id for h in library.search("needleword").hits] == ["long-line"]
    assert [h.id for h in library.search("level18").hits] == ["nested"]
    text = library.corpus.articles[("nested", "en")].text
    assert "level18" in text and "level19" not in text  # deeper than shown, as reported


def test_control_characters_from_yaml_escapes_and_references_are_removed(
    hostile: Path,
) -> None:
    article = load_corpus(hostile).articles[("escapes", "en")]
    for text in (article.title, article.text, article.body):
        assert not set(text) & {"\x1b", "\x07", "\u202e", "\u200f"}, repr(text)
    assert article.title == "Esc"
    assert "reversed" in article.text


def test_check_reports_everything_and_exits_1(hostile: Path, cli: Cli) -> None:
    result = cli("check", "--verbose", "--content", hostile)
    assert result.code == 1
    for relpath, (line, message, _) in BROKEN.items():
        note = "note: " if message.startswith("no front matter") else ""
        assert f"{hostile / relpath}:{line}: {note}{message}" in result.out.splitlines()
    assert "Traceback" not in result.err


def test_the_other_commands_work_on_a_hostile_folder(hostile: Path, cli: Cli) -> None:
    skipped = sum(1 for *_, loads in BROKEN.values() if not loads)
    search = cli("search", "jakarta", "--content", hostile, "--json")
    assert search.code == 0 and json.loads(search.out)["hits"][0]["id"] == "headquarters"
    assert f"skipped {skipped} broken article(s)" in search.err
    for entry in ("long-line", "nested", "links", "escapes", "long-title", "cycle-a"):
        for fmt in ("markdown", "text"):
            shown = cli("show", entry, "--content", hostile, "--format", fmt)
            assert shown.code == 0, (entry, fmt, shown.err)
    listing = cli("list", "--content", hostile, "--json")
    shouting = int((hostile / "en" / "GLOSSARY.md").exists())  # its own entry
    assert listing.code == 0 and len(json.loads(listing.out)) == 7 + 7 + shouting


# -- nothing outside the content folder is read through a link ------------------------------


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every path opened (by open, io.open, os.open or Path.open), resolved."""
    seen: list[str] = []

    def recording(real: Callable[..., Any]) -> Callable[..., Any]:
        def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)):
                seen.append(os.path.realpath(os.fsdecode(file)))
            return real(file, *args, **kwargs)

        return spy

    monkeypatch.setattr(builtins, "open", recording(builtins.open))
    monkeypatch.setattr(io, "open", recording(io.open))
    monkeypatch.setattr(os, "open", recording(os.open))
    yield seen


SECRET = "SENTINEL-SECRET-7f3a"


def test_no_link_reads_outside_the_content_folder(tmp_path: Path, corpus_dir: Path,
                                                  opened: list[str], cli: Cli) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    write(secret, front("secret") + SECRET + "\n")
    rel = os.path.relpath(secret, corpus_dir / "en")
    body = (
        f"[rel]({rel}) [abs]({secret}) [file](file://{secret}) "
        f"[enc]({rel.replace('.', '%2e')}) [back]({rel.replace('/', chr(92))}) "
        f"[dots](../../outside/secret.md) <file://{secret}>\n"
    )
    pair(corpus_dir, "leaky", body)
    (corpus_dir / "en" / "symlinked.md").symlink_to(secret)
    (corpus_dir / "id" / "linked-dir").symlink_to(outside, target_is_directory=True)
    opened.clear()  # from here on, only what aseantui opens

    corpus = load_corpus(corpus_dir)
    article = corpus.articles[("leaky", "en")]
    assert len(article.links) == 7
    for link in article.links:
        assert link.kind == "invalid" and corpus.resolve(link) is None
        assert classify_href(link.href, article.relpath).kind == "invalid"
    library = Library(corpus_dir, cache_dir=False, corpus=corpus)
    assert library.search(SECRET).hits == []
    for each in corpus.articles.values():
        assert SECRET not in reader_markdown(each, corpus, "en")
        assert SECRET not in article_markdown(each, corpus)
    for fmt in ("markdown", "text"):
        assert SECRET not in cli("show", "leaky", "--content", corpus_dir, "--format", fmt).out
    assert json.loads(cli("search", SECRET, "--content", corpus_dir, "--json").out)["hits"] == []

    real_outside = os.path.realpath(outside)
    assert opened, "the spy saw the content being read"
    assert not [p for p in opened if p.startswith(real_outside)]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_a_file_name_with_escapes_is_printed_inert(corpus_dir: Path, cli: Cli) -> None:
    write(corpus_dir / "en" / "\x1b]0;owned\x07\x1b[2J.md", b"")
    result = cli("check", "--content", corpus_dir)
    assert result.code == 1
    assert "empty file" in result.out
    assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
