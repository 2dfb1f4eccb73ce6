"""What `aseantui --help` says beyond the options: commands, examples, environment, exit codes.

Kept apart from cli.py so the parser code stays short and the text is one
place to read and translate. The help is rendered by rich-argparse when it is
installed (colour only on a terminal, and never with a non-empty NO_COLOR).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

COMMANDS_HELP = """\
commands (aseantui COMMAND --help for each):
  search QUERY       search as the app does; --json for scripts
  ask QUESTION       a direct answer with its source, or the best entries
  show ID            print an entry (Markdown, or --format text)
  list               the entries, by category
  check              validate a content folder (problems, then notes with --verbose)
  index              build, rebuild or describe the search index
  paths              where the content, index, state and configuration live
  completion SHELL   shell completion script (bash, zsh, fish)
  serve              the same app in web browsers (one private session per tab)
"""

EXAMPLES = """\
examples:
  aseantui                              open the app
  aseantui leadership --lang id         open the app at an entry, in Indonesian
  aseantui search "sekjen asean" --json
  aseantui ask "who leads the asean secretariat"
  aseantui search -- -word              a query that starts with '-'
  aseantui --content ~/notes check      validate your own folder of Markdown
  aseantui serve --host 0.0.0.0 --port 8000
  eval "$(aseantui completion bash)"
"""

ENVIRONMENT = """\
environment:
  ASEANTUI_CONTENT    content folder (like --content)
  ASEANTUI_CACHE_DIR  where the search index and parse cache live
  ASEANTUI_DATA_DIR   where settings, bookmarks and reading history live
  ASEANTUI_CONFIG     the configuration file (default: user config dir/config.toml)
  LANGUAGE, LC_ALL, LC_MESSAGES, LANG
                      the interface language until you choose one (id* = Indonesian)
  NO_COLOR            any non-empty value turns colour off
"""

EXIT_CODES = """\
exit status:
  0  success (ask: answered)
  1  not found, no direct answer, or problems found by check
  2  usage error, or the app started without a terminal
"""

EPILOG = "\n".join((COMMANDS_HELP, EXAMPLES, ENVIRONMENT, EXIT_CODES))


def no_color() -> bool:
    """The NO_COLOR convention: set *and non-empty* turns colour off."""
    return bool(os.environ.get("NO_COLOR"))


class LazyRichFormatter(argparse.RawDescriptionHelpFormatter):
    """Stands for rich-argparse's formatter until help is printed (see `Parser`)."""


def formatter() -> type[argparse.HelpFormatter]:
    """rich-argparse's formatter that keeps the epilog's layout, or argparse's own."""
    return LazyRichFormatter


def _rich_formatter() -> type[argparse.HelpFormatter]:
    try:
        from rich_argparse import RawDescriptionRichHelpFormatter
    except ImportError:  # pragma: no cover - a declared dependency
        return argparse.RawDescriptionHelpFormatter
    return RawDescriptionRichHelpFormatter


class Parser(argparse.ArgumentParser):
    """argparse's parser that imports rich (30 ms) only to print help or a usage error.

    argparse makes a formatter for every `add_argument` too (to check its
    metavar): with rich-argparse's as the class, every command paid for rich.
    """

    def format_help(self) -> str:
        return self._rich(super().format_help)

    def format_usage(self) -> str:
        return self._rich(super().format_usage)

    def _rich(self, make: Callable[[], str]) -> str:
        if self.formatter_class is not LazyRichFormatter:
            return make()
        self.formatter_class = _rich_formatter()
        try:
            return make()
        finally:
            self.formatter_class = LazyRichFormatter
