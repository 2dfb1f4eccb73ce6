"""The home view: core sections, other topics, recent reading."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aseantui.content.load import Corpus
from aseantui.content.model import CATEGORIES, CORE_CATEGORIES
from aseantui.i18n import category_name, tr
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
    def compose(self) -> ComposeResult:
        yield Static(id="home-intro")
        yield HomeMenu(id="home-menu")

    def refresh_home(self, corpus: Corpus | None, lang: str, recent: list[dict[str, str]]) -> None:
        intro = Content.assemble(
            Content.styled(tr("Search the ASEAN Secretariat encyclopedia", lang), "bold"),
            "\n",
            Content.styled(
                tr("Type to search in English or Indonesian, e.g. 'sekjen' or "
                   "'where is the secretariat'", lang),
                "dim",
            ),
        )
        self.query_one("#home-intro", Static).update(intro)
        menu = self.query_one(HomeMenu)
        highlighted = menu.highlighted
        options: list[Option | None] = [_heading(tr("Core sections", lang))]
        for number, category in enumerate(CORE_CATEGORIES, 1):
            options.append(_row(f"Alt+{number}", category_name(category, lang), f"cat:{category}"))
        present = {a.category for a in corpus.articles.values()} if corpus else set()
        others = [c for c in CATEGORIES if c not in CORE_CATEGORIES and c in present]
        if others:
            options += [None, _heading(tr("More topics", lang))]
            names = [category_name(c, lang) for c in others]
            for category, name in zip(others, names, strict=True):
                options.append(_row("", name, f"cat:{category}"))
        options += [None, _heading(tr("Recently read", lang))]
        shown = [v for v in recent if corpus is None or corpus.get(v["entry"], lang)][:RECENT_SHOWN]
        for visit in shown:
            article = corpus.get(visit["entry"], lang) if corpus else None
            title = article.title if article else visit["title"]
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
