"""The Textual app (the only part of aseantui that imports Textual)."""

from __future__ import annotations


def run_app(content: str | None = None, entry: str | None = None, lang: str | None = None) -> int:
    from aseantui.serve import private_state_dir, remove_state_dir

    private = private_state_dir()  # served to a browser: state of this session only
    try:
        from aseantui.tui.app import make_app
        from aseantui.tui.terminal_input import esc_digits_as_alt, replace_invalid_input

        replace_invalid_input()  # a byte that is not UTF-8 is shown as U+FFFD, not fatal
        esc_digits_as_alt()  # Alt+1 sent as ESC 1 is Alt+1, not "¡"
        app = make_app(content=content, entry=entry, lang=lang)
        app.run()
        return int(app.return_code or 0)
    finally:
        remove_state_dir(private)
