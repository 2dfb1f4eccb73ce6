"""What `aseantui --help` says beyond the options: commands, examples, environment, exit codes.

Kept apart from cli.py so the parser code stays short and the text is one
place to read and translate. The help is rendered by rich-argparse when it is
installed (colour only on a terminal, and never with a non-empty NO_COLOR).
"""

from __future__ import annotations

import argparse
import os

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


def formatter() -> type[argparse.HelpFormatter]:
    """rich-argparse's formatter that keeps the epilog's layout, or argparse's own."""
    try:
        from rich_argparse import RawDescriptionRichHelpFormatter
    except ImportError:  # pragma: no cover - a declared dependency
        return argparse.RawDescriptionHelpFormatter
    return RawDescriptionRichHelpFormatter
