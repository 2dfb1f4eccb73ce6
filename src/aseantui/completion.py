"""`aseantui completion bash|zsh|fish`: shell completion generated from the parser.

bash and zsh scripts come from shtab; shtab has no fish backend, so the fish
script is written here from the same parser (subcommands, their options and
the choices of options such as --lang).
"""

from __future__ import annotations

import argparse
import shlex

SHELLS = ("bash", "zsh", "fish")


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    if shell == "fish":
        return fish(parser)
    import shtab

    return str(shtab.complete(parser, shell=shell))


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse offers no public walk of subparsers
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help_of(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name:
                    return choice.help or ""
    return ""


def fish(parser: argparse.ArgumentParser) -> str:
    prog = parser.prog
    lines = [f"# fish completion for {prog}", f"complete -c {prog} -f"]
    commands = _subparsers(parser)
    names = " ".join(commands)
    for name, sub in commands.items():
        lines.append(
            f"complete -c {prog} -n 'not __fish_seen_subcommand_from {names}' "
            f"-a {name} -d {shlex.quote(_help_of(parser, name))}")
        for action in sub._actions:
            for option in action.option_strings:
                flag = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
                extra = ""
                if action.choices:
                    extra = f" -x -a {shlex.quote(' '.join(map(str, action.choices)))}"
                elif action.metavar in ("DIR", "PATH"):
                    extra = " -r -F"
                help_text = shlex.quote(action.help or "")
                lines.append(f"complete -c {prog} -n '__fish_seen_subcommand_from {name}' "
                             f"{flag}{extra} -d {help_text}")
    return "\n".join(lines) + "\n"
