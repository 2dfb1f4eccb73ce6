"""The help screen: every key, grouped by where it works, in the interface language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from aseantui.i18n import tr
from aseantui.tui.widgets.footer import LocalFooter

KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("F1", "Help"),
        ("Ctrl+L", "Language"),
        ("Alt+← · Backspace", "back (Backspace outside text boxes)"),
        ("Alt+→", "Forward"),
        ("Alt+1 … Alt+4", "open the core sections"),
        ("1 … 4", "the same, outside text boxes"),
        ("Ctrl+R", "Random entry"),
        ("F2", "Browse by category"),
        ("F3", "Timeline"),
        ("F4 · Ctrl+B", "Bookmarks"),
        ("F5", "History"),
        ("Ctrl+P", "Commands"),
        ("Ctrl+Q", "Quit"),
    ]),
    ("Search box and results", [
        ("a … z", "search as you type"),
        ("↓ · ↑", "move between the search box, the answer card and the results"),
        ("Enter", "open the selected result"),
        ("Enter", "on the answer card: open the entry at the fact"),
        ("Esc", "back to the search box, or clear it"),
        ("/", "to the search box from a list"),
        ("Ctrl+G", "Accept suggestion"),
        ("Ctrl+T", "Filter results by category"),
    ]),
    ("Reading an entry", [
        ("Tab · Shift+Tab", "cycle through the links, from the first or last on screen"),
        ("] · [", "cycle through the cited sources"),
        ("Enter", "follow the selected link"),
        ("c", "copy the link's target, or the entry's reference"),
        ("/ · Ctrl+F", "Find in page"),
        ("n · N", "next / previous match or marked word"),
        ("Esc", "close find, clear the marks, then to the search box"),
        ("t", "Contents (↑ ↓ Enter, Esc to close)"),
        ("s", "Sources"),
        ("m", "Bookmark"),
        ("i", "the key facts (Enter: a fact's source; i again: the article)"),
        ("j · k", "scroll a line down / up"),
        ("Space · b", "scroll a page down / up"),
        ("g · G", "to the top / the end"),
        ("q", "Back"),
        ("↑ ↓ PgUp PgDn", "scroll"),
        ("← → · h l", "move a table wider than the screen sideways (also Shift+wheel)"),
    ]),
    ("Lists (bookmarks, history, browse, timeline)", [
        ("Enter", "Open"),
        ("d · Delete", "Remove"),
        ("u", "undo the last removal (until the list closes)"),
        ("Esc · q", "Close"),
    ]),
]

KEYMAP_NOTE = (
    "Keys can be changed in keymap.json in the data folder, by binding id "
    "(see README)."
)


def help_markdown(lang: str) -> str:
    lines = [f"# {tr('Keys', lang)}", ""]
    for section, keys in KEYS:
        lines += [f"## {tr(section, lang)}", ""]
        lines += [f"- `{key}` {tr(action, lang)}" for key, action in keys]
        lines.append("")
    lines.append(tr(KEYMAP_NOTE, lang))
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close", id="help.close"),
        # a modal screen hides the app's own keys; this one should still work here
        Binding("ctrl+l", "app.switch_language", "Language", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_markdown(self.lang), open_links=False)
        yield LocalFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    async def set_language(self, lang: str) -> None:
        """Redraw in `lang` (the language key works while help is open)."""
        self.lang = lang
        await self.query_one(Markdown).update(help_markdown(lang))
