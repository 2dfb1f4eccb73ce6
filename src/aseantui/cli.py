"""The command line: `aseantui [ID]` opens the app; subcommands serve scripts.

Exit codes: 0 success (a reader that closed the pipe early, as `| head` does,
included); 1 not found, validation problems, or output that could not be
written (a full disk, a closed stdout: one line on stderr); 2 usage errors,
and the app started without a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from aseantui import __version__
from aseantui.content.model import CATEGORIES, LANGS
from aseantui.output import (
    OutputError,
    _bold,
    _err,
    _GuardedStream,
    _highlight,
    _is_terminal,
    _open,
    _out,
    _output_failed,
    _print_json,
    _reserve_standard_fds,
    _say_skipped,
    _tolerant_streams,
)
from aseantui.text import sanitize

COMMANDS = (
    "search", "ask", "show", "list", "check", "index", "paths", "completion", "serve",
)
GLOBAL_OPTIONS = ("--content", "--lang")
"""Options of the app that take a value and may also come before a command."""
EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder of Markdown articles "
        "(default: $ASEANTUI_CONTENT, else the shipped encyclopedia)",
    )


def _lang(parser: argparse.ArgumentParser, default: str | None = "en") -> None:
    parser.add_argument("--lang", choices=LANGS, default=default, help="language (en or id)")


def build_parser() -> argparse.ArgumentParser:
    from aseantui.helptext import EPILOG, Parser, formatter

    parser = Parser(
        prog="aseantui",
        usage="aseantui [ID] [--lang en|id] [--content DIR]\n       aseantui COMMAND ...",
        description="An offline, bilingual (English / Bahasa Indonesia) terminal encyclopedia "
        "of the ASEAN Secretariat. Without a command, opens the app (at entry ID if given).",
        epilog=EPILOG,
        formatter_class=formatter(),
    )
    parser.add_argument("-V", "--version", action="version", version=f"aseantui {__version__}")
    _common(parser)
    _lang(parser, default=None)
    parser.add_argument("entry", nargs="?", metavar="ID",
                        help="open the app at this entry (an id, a title or an alias)")
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    from aseantui.helptext import EPILOG, Parser, formatter

    parser = Parser(prog="aseantui", epilog=EPILOG, formatter_class=formatter())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    search = sub.add_parser("search", help="search the encyclopedia")
    search.add_argument("query", help="what to look for (any text; after -- it may start "
                        "with '-': aseantui search -- --force)")
    _lang(search)
    search.add_argument("--limit", type=_limit, default=10, metavar="N",
                        help=f"most results to show, 1-{MAX_LIMIT} (default 10)")
    search.add_argument("--category", metavar="C",
                        help="only this category (its id or the name shown for it)")
    search.add_argument("--json", action="store_true", help="print one JSON object")

    show = sub.add_parser("show", help="print an entry")
    show.add_argument("id", metavar="ID", help="the entry: its id, title or an alias")
    _lang(show)
    show.add_argument("--format", choices=("markdown", "text"), default="markdown",
                      help="Markdown as written (default), or plain text for reading")

    listing = sub.add_parser("list", help="list the entries")
    listing.add_argument("--category", metavar="C",
                         help="only this category (its id or the name shown for it)")
    _lang(listing)
    listing.add_argument("--json", action="store_true", help="print one JSON array")

    check = sub.add_parser("check", help="validate the content folder")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="also print notes about metadata inferred from paths and headings")

    ask = sub.add_parser("ask", help="answer a question from the entries' facts")
    ask.add_argument("question", help='e.g. "who leads the ASEAN Secretariat?"')
    _lang(ask)
    ask.add_argument("--json", action="store_true", help="print one JSON object")

    index = sub.add_parser("index", help="build or inspect the search index")
    index.add_argument("--rebuild", action="store_true", help="rebuild it from scratch")
    index.add_argument("--status", action="store_true", help="where it is and what it holds")

    paths_cmd = sub.add_parser(
        "paths", help="where the content, index, state and configuration live")
    paths_cmd.add_argument("--json", action="store_true", help="print one JSON object")

    completion = sub.add_parser(
        "completion", help="print a shell completion script",
        description="Print a completion script. bash: eval \"$(aseantui completion bash)\"; "
        "zsh: aseantui completion zsh > ~/.zfunc/_aseantui; "
        "fish: aseantui completion fish > ~/.config/fish/completions/aseantui.fish")
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="your shell")

    serve = sub.add_parser(
        "serve", help="serve the app to web browsers (textual-serve)",
        description="Serve the app to web browsers: one app process per browser tab, "
        "each with its own private, temporary history and bookmarks.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only; "
                       "0.0.0.0 for every network interface)")
    serve.add_argument("--port", type=_port, default=8000, help="TCP port (default 8000)")
    serve.add_argument("--public-url", metavar="URL",
                       help="the address browsers reach the server at, when it is not "
                       "http://HOST:PORT (behind a proxy, or with --host 0.0.0.0)")
    _lang(serve, default=None)

    for subparser in sub.choices.values():
        _common(subparser)
    return parser


MAX_LIMIT = 500


def _limit(value: str) -> int:
    """`--limit`: a whole number from 1 to MAX_LIMIT."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= number <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_LIMIT}, not {number}")
    return number


def _category(library, name: str | None,  # type: ignore[no-untyped-def]
              command: str = "search") -> str | None:
    """The category `--category NAME` means in this folder; exits 2 when there is none."""
    if name is None:
        return None
    from aseantui.i18n import category_for

    known = library.categories()
    found = category_for(name, [*known, *CATEGORIES])
    if found is None:
        _err(f"usage: aseantui {command} --category C\n"
             f"aseantui {command}: error: unknown category '{name}' "
             f"(this folder has: {', '.join(known)})")
        raise SystemExit(EXIT_USAGE)
    return found


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a TCP port: {value!r} (1-65535)")
    return port


def _command_at(args: Sequence[str]) -> int:
    """Index of the subcommand in `args`, or -1 when there is none (the app opens).

    The values of `--content DIR` and `--lang L` given before the command are
    skipped, so `aseantui --content DIR check` checks DIR instead of opening
    the app at an entry called 'DIR'.
    """
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--":
            return -1
        elif arg in GLOBAL_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return index if arg in COMMANDS else -1
    return -1


def main(argv: Sequence[str] | None = None) -> int:
    """The `aseantui` command; output errors end in one line on stderr, never a traceback."""
    stdout_closed = sys.stdout is None
    _reserve_standard_fds()
    if stdout_closed:
        _err("aseantui: cannot write the output: standard output is closed")
        return EXIT_PROBLEM
    real = sys.stdout
    sys.stdout = _GuardedStream(real)
    try:
        try:
            code = _main(argv)
        except SystemExit:  # argparse: --help, --version, usage errors
            sys.stdout.flush()
            raise
        sys.stdout.flush()
        return code
    except OutputError as exc:
        return _output_failed(exc.__cause__)
    finally:
        sys.stdout = real


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):  # answered before any parser or import
        sys.stdout.write(f"aseantui {__version__}\n")
        return EXIT_OK
    if not any(a in ("-h", "--help") for a in args_list):
        _config_problems()
    at = _command_at(args_list)
    if at >= 0:
        # Options given before the command belong to it: `search --content DIR ...`.
        args_list = [args_list[at], *args_list[:at], *args_list[at + 1 :]]
        args = build_command_parser().parse_args(args_list)
        return _run_command(args)
    args = build_parser().parse_args(args_list)
    # A served app (aseantui serve) talks to the browser through Textual's web driver.
    served = bool(os.environ.get("TEXTUAL_DRIVER"))
    if not served and not (_is_terminal(sys.stdin) and _is_terminal(sys.stdout)):
        _err("aseantui: the app needs a terminal (standard input and output are not one); "
             "in pipes and scripts use a command such as 'aseantui search' "
             "(aseantui --help lists them)")
        return EXIT_USAGE
    from aseantui.tui import run_app

    return run_app(content=getattr(args, "content", None), entry=args.entry, lang=args.lang)


def _config_problems() -> None:
    """Say once what is wrong in the configuration file; its valid settings still apply."""
    from aseantui.config import load

    for problem in load().problems:
        _err(f"aseantui: {problem}")


def _library(args: argparse.Namespace, *, lazy: bool = False):  # type: ignore[no-untyped-def]
    """The Library of `--content`. `lazy`: its articles are read only if needed (a search
    on an unchanged folder needs only the index); call `_open(library)` next."""
    from aseantui.search.service import Library

    library = Library(getattr(args, "content", None), lazy=lazy)
    if not library.content_dir.is_dir():
        _err(f"aseantui: content folder not found: {library.content_dir}")
        raise SystemExit(EXIT_PROBLEM)
    if not lazy:
        _say_skipped(library)
    return library  # lazy: output._open(library) opens it and says what was skipped


def _run_command(args: argparse.Namespace) -> int:
    _tolerant_streams()
    return int(globals()[f"cmd_{args.command}"](args))


def cmd_search(args: argparse.Namespace) -> int:
    library = _library(args, lazy=True)
    _open(library)
    category = _category(library, args.category)
    results = library.search(args.query, lang=args.lang, limit=args.limit, category=category)
    for notice in library.index_info.notices if library.index_info else []:
        _err(f"aseantui: {notice}")
    if results.notice:
        _err(f"aseantui: {results.notice}")
    if args.json:
        _print_json(results.as_json())
        return EXIT_OK
    if results.suggestion:
        _out(f"Did you mean: {results.suggestion.strip()}?")
    if not results.hits:
        _out(f"No results for {args.query!r}.")
        return EXIT_OK
    shown = f" (showing {len(results.hits)})" if len(results.hits) < results.total else ""
    _out(f"{results.total} result(s) for {args.query!r}{shown}:")
    from aseantui.i18n import category_name

    for number, hit in enumerate(results.hits, 1):
        _out(f"{number:>2}. {hit.title}")
        language = hit.lang if not hit.translated else f"{hit.lang} (no {args.lang} version)"
        _out(f"    id: {hit.id} · category: {category_name(hit.category, args.lang)} · "
             f"language: {language}")
        snippet = "".join(_highlight(sanitize(t)) if m else sanitize(t)
                          for t, m in hit.snippet.parts)
        if snippet:
            _out(f"    {snippet}", safe=True)
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    library = _library(args)
    from aseantui.content.lookup import find_entry

    article = find_entry(library.corpus, args.id, args.lang)  # id, alias or title
    if article is None:
        close = library.corpus.closest(args.id)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        _err(f"aseantui: no entry '{args.id}'.{hint}")
        return EXIT_PROBLEM
    if article.lang != args.lang:
        _err(f"aseantui: '{article.id}' has no {args.lang} version; showing {article.lang}")
    from aseantui.render import article_markdown, numbered_markdown

    if args.format == "markdown":
        _out(f"# {article.title}\n\n{article_markdown(article, library.corpus)}".rstrip("\n"))
        return EXIT_OK
    markdown = f"# {article.title}\n\n{numbered_markdown(article, library.corpus)}"
    from rich.console import Console
    from rich.markdown import Markdown

    console = Console(width=88, no_color=True, force_terminal=False, highlight=False)
    with console.capture() as capture:
        console.print(Markdown(markdown, hyperlinks=False))
    _out("\n".join(line.rstrip() for line in capture.get().splitlines()).strip("\n"))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    library = _library(args)
    category = _category(library, args.category, "list")
    articles = [
        a for a in library.corpus.in_lang(args.lang)
        if category is None or a.category == category
    ]
    if args.json:
        rows = [
            {"id": a.id, "lang": a.lang, "title": a.title, "category": a.category,
             "summary": a.summary}
            for a in articles
        ]
        _print_json(rows)
        return EXIT_OK
    width = max((len(a.id) for a in articles), default=2)
    for a in articles:
        _out(f"{a.id:<{width}}  {a.lang}  {a.category:<12}  {a.title}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Problems exit 1; notes (what was inferred, links in other people's pages) exit 0."""
    from aseantui.content.files import article_files
    from aseantui.content.load import load_corpus
    from aseantui.paths import content_dir

    root = content_dir(getattr(args, "content", None))
    if not root.is_dir():
        _err(f"aseantui: content folder not found: {root}")
        return EXIT_PROBLEM
    if next(iter(article_files(root)), None) is None:
        _err(f"aseantui: no Markdown articles (*.md) in {root}")
        return EXIT_PROBLEM
    corpus = load_corpus(root)
    found = sorted(corpus.problems, key=lambda p: (p.path, p.line))
    problems = [p for p in found if not p.note]
    notes = [p for p in found if p.note]
    for problem in found if args.verbose else problems:
        _out(str(problem))
    entries = len(corpus.ids())
    summary = (
        f"{len(corpus.articles)} article(s) in {entries} entries loaded, "
        f"{corpus.skipped} skipped, {len(problems)} problem(s), {len(notes)} note(s)"
    )
    if notes and not args.verbose:
        summary += " (--verbose shows them)"
    _err(f"aseantui check: {summary}")
    return EXIT_PROBLEM if problems else EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    library = _library(args, lazy=True)
    info = _open(library, rebuild=args.rebuild)
    for notice in info.notices:
        _err(f"aseantui: {notice}")
    if args.status or not args.rebuild:
        _out(f"location:    {info.location}")
        _out(f"entries:     {info.entries}")
        _out(f"built:       {info.built_at}")
        _out(f"fingerprint: {info.fingerprint}")
        _out(f"this run:    {info.action}")
    else:
        _out(f"index {info.action}: {info.entries} entries at {info.location}")
    return EXIT_OK


ASK_HITS = 3
"""Entries shown with an answer, or instead of one."""


def cmd_ask(args: argparse.Namespace) -> int:
    from aseantui.search.answers import Answerer

    library = _library(args)
    results = library.search(args.question, lang=args.lang)
    answerer = Answerer(library.corpus, library.fact_cache)
    answer = answerer.answer(args.question, args.lang, [hit.id for hit in results.hits])
    results.hits = results.hits[:ASK_HITS]
    if args.json:
        _print_json({"question": args.question,
                     "answer": answer.as_json() if answer else None,
                     "hits": [hit.as_json() for hit in results.hits]})
        return EXIT_OK if answer else EXIT_PROBLEM
    if answer is None:
        _out(f"No direct answer to {args.question!r}.")
        if results.hits:
            _out("Entries that may help:")
    else:
        _out(f"{answer.label}: {_bold(sanitize(answer.value))}", safe=True)
        dated = f", as of {answer.as_of}" if answer.as_of else ""
        _out(f"    {answer.title} ({answer.entry}){dated}")
        for source_id in answer.sources:
            source = library.corpus.sources.get(source_id)
            _out(f"    [@{source_id}] {source.title if source else ''}".rstrip())
        if results.hits:
            _out("See also:")
    for number, hit in enumerate(results.hits, 1):
        _out(f"{number:>2}. {hit.title}  ({hit.category}; {hit.id})")
    return EXIT_OK if answer else EXIT_PROBLEM


def cmd_serve(args: argparse.Namespace) -> int:
    from aseantui.paths import content_dir
    from aseantui.serve import serve

    content = getattr(args, "content", None)
    if not content_dir(content).is_dir():
        _err(f"aseantui: content folder not found: {content_dir(content)}")
        return EXIT_PROBLEM
    try:
        return serve(args.host, args.port, content, args.lang, args.public_url)
    except OSError as exc:  # the port is taken, or the address is not this machine's
        _err(f"aseantui serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_PROBLEM


def cmd_paths(args: argparse.Namespace) -> int:
    from aseantui import paths
    from aseantui.config import config_path

    data = paths.data_dir()
    where = {
        "content": str(paths.content_dir(getattr(args, "content", None))),
        "index": str(paths.cache_dir() / "index"),
        "cache": str(paths.cache_dir()),
        "state": str(data),
        "settings": str(data / "settings.json"),
        "bookmarks": str(data / "bookmarks.json"),
        "history": str(data / "history.json"),
        "config": str(config_path()),
    }
    if args.json:
        _print_json(where)
        return EXIT_OK
    width = max(map(len, where))
    for name, path in where.items():
        _out(f"{name + ':':<{width + 1}} {path}")
    return EXIT_OK


def cmd_completion(args: argparse.Namespace) -> int:
    from aseantui.completion import script

    parser = build_command_parser()
    sys.stdout.write(script(args.shell, parser))
    return EXIT_OK
