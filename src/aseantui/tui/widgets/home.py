"""The home view: what the folder is, its core sections and topics, recent reading.

Everything it shows is plain data (`aseantui.tui.homecache.HomeData`, made
from `aseantui.content.folder.home`): the ASEAN sections only for content that
declares them in its aseantui.yaml. It imports nothing of the search stack, so
it can be drawn before the library has loaded. A choice is posted as
`HomeView.Chosen`; the screen decides what it opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aseantui.i18n import category_name, tr
from aseantui.tui.homecache import HomeData
from aseantui.tui.messages import FocusSearch

RECENT_SHOWN = 5


class HomeMenu(OptionList):
    BINDINGS = [Binding("up", "cursor_up_or_leave", "Up", show=False)]

    def action_cursor_up_or_leave(self) -> None:
        first = next((i for i, o in enumerate(self.options) if not o.disabled), 0)
        if self.highlighted is None or self.highlighted <= first:
            self.post_message(FocusSearch())
        else:
            self.action_cursor_up()


def _heading(text: str) -> Option:
    return Option(Content.styled(text, "bold underline"), disabled=True)


def _row(key: str, label: str, option_id: str) -> Option:
    return Option(Content.assemble(Content.styled(f"{key:<8}", "bold"), label), id=option_id)


class HomeView(Vertical):
    """The folder's intro over a menu of sections, topics, recent entries and more."""

    @dataclass
    class Chosen(Message):
        """A menu row was chosen: `kind` is "entry", "cat", "random" or "browse"."""

        kind: str
        value: str = ""

    def compose(self) -> ComposeResult:
        yield Static(id="home-intro")
        yield HomeMenu(id="home-menu")

    @on(OptionList.OptionSelected, "#home-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, value = (event.option.id or "").partition(":")
        self.post_message(self.Chosen(kind, value))

    def focus_menu(self) -> None:
        """Put the focus on the menu, on its first row if none is highlighted."""
        menu = self.query_one(HomeMenu)
        self.screen.set_focus(menu)
        if menu.highlighted is None:
            menu.action_first()  # the menu starts with no row highlighted

    def refresh_home(self, about: HomeData | None, lang: str,
                     recent: list[dict[str, str]]) -> None:
        """Draw home from `about` (None: not known yet) in `lang`, with the `recent` visits."""
        intro = Content.assemble(
            Content.styled(about.intro if about else tr("Search", lang), "bold"),
            "\n",
            Content.styled(about.hint if about else "", "dim"),
        )
        self.query_one("#home-intro", Static).update(intro)
        menu = self.query_one(HomeMenu)
        highlighted = menu.highlighted
        options: list[Option | None] = []
        if about and about.core:
            options.append(_heading(tr("Core sections", lang)))
            for number, category in enumerate(about.core, 1):
                options.append(
                    _row(f"Alt+{number}", category_name(category, lang), f"cat:{category}"))
        if about and about.topics:
            if options:
                options.append(None)
            options.append(_heading(tr("More topics" if about.core else "Topics", lang)))
            for category, count in about.topics:
                label = category_name(category, lang)
                options.append(_row("", label if about.core else f"{label} ({count})",
                                    f"cat:{category}"))
        if options:
            options.append(None)
        options.append(_heading(tr("Recently read", lang)))
        titles = about.titles if about else {}
        shown = [v for v in recent
                 if not (about and about.complete) or v["entry"] in titles][:RECENT_SHOWN]
        for visit in shown:
            title = titles.get(visit["entry"], visit["title"])
            options.append(_row("", title, f"entry:{visit['entry']}"))
        if not shown:
            options.append(Option(Content.styled(tr("Nothing read yet", lang), "dim"),
                                  disabled=True))
        options += [
            None,
            _row("Ctrl+R", tr("Random entry", lang), "random"),
            _row("F2", tr("Browse by category", lang), "browse"),
        ]
        menu.clear_options()
        menu.add_options(options)
        if highlighted is not None and highlighted < menu.option_count:
            menu.highlighted = highlighted
