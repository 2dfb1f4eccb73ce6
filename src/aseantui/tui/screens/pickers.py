"""Modal lists the reader picks from: categories, browse, timeline, bookmarks, history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from aseantui.content.model import CATEGORIES
from aseantui.i18n import category_name, tr
from aseantui.search.service import Library
from aseantui.state import UserState


@dataclass
class Row:
    """One line of a pick list: `value` is returned when chosen; None makes a heading."""

    label: Content | str
    value: str | None = None


class PickScreen(ModalScreen[str | None]):
    """A titled list; Enter returns the row's value, Esc returns None."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("delete,d", "remove", "Remove", show=False),
    ]

    def __init__(
        self,
        title: str,
        rows: list[Row],
        hint: str,
        *,
        empty: str = "",
        on_remove: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.hint = hint
        self.empty = empty
        self.on_remove = on_remove

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(Content.styled(self.title_text, "bold"), id="pick-title")
            yield OptionList(*self._options(), id="pick-list")
            yield Static(Content.styled(self.hint, "dim"), id="pick-hint")

    def _options(self) -> list[Option]:
        options = []
        for number, row in enumerate(self.rows):
            if row.value is None:
                options.append(Option(Content.styled(str(row.label), "bold underline"),
                                      disabled=True))
            else:
                label = Content(row.label) if isinstance(row.label, str) else row.label
                options.append(Option(label, id=str(number)))  # a str prompt would be markup
        if not options and self.empty:
            options.append(Option(Content.styled(self.empty, "dim"), disabled=True))
        return options

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        first = next((i for i, o in enumerate(option_list.options) if not o.disabled), None)
        option_list.highlighted = first

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self.rows[int(event.option.id)].value)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_remove(self) -> None:
        option_list = self.query_one(OptionList)
        index = option_list.highlighted
        if self.on_remove is None or index is None:
            return
        option = option_list.get_option_at_index(index)
        if option.id is None:
            return
        value = self.rows[int(option.id)].value
        if value is not None:
            self.on_remove(value)
            option_list.remove_option_at_index(index)


HINT = "Press Enter to open, Esc to close"


def _entry_label(title: str, detail: str) -> Content:
    return Content.assemble(title, Content.styled(f"  {detail}", "dim") if detail else "")


def category_picker(lang: str, library: Library | None) -> PickScreen:
    present = {a.category for a in library.corpus.articles.values()} if library else set()
    rows = [Row(tr("all categories", lang), "")]
    rows += [Row(category_name(c, lang), c) for c in CATEGORIES if c in present]
    return PickScreen(tr("Filter results by category", lang), rows, tr(HINT, lang))


def browse_picker(lang: str, library: Library) -> PickScreen:
    articles = library.corpus.in_lang(lang)
    rows: list[Row] = []
    for category in CATEGORIES:
        inside = [a for a in articles if a.category == category]
        if inside:
            rows.append(Row(category_name(category, lang)))
            rows += [Row(_entry_label(a.title, "" if a.lang == lang else a.lang.upper()), a.id)
                     for a in inside]
    return PickScreen(tr("Categories", lang), rows, tr(HINT, lang))


def timeline_picker(lang: str, library: Library) -> PickScreen:
    rows: list[Row] = []
    decade = None
    for event in library.corpus.timeline:
        if event.year // 10 != decade:
            decade = event.year // 10
            rows.append(Row(f"{decade * 10}s"))
        text = event.text.get(lang) or next(iter(event.text.values()))
        label = Content.assemble(Content.styled(f"{event.date:<10}", "bold"), " ● ", text)
        rows.append(Row(label, event.entry))
    return PickScreen(tr("Timeline of the ASEAN Secretariat", lang), rows, tr(HINT, lang))


def bookmarks_picker(lang: str, state: UserState) -> PickScreen:
    rows = [Row(_entry_label(b.title, b.lang.upper()), b.entry) for b in state.bookmarks]
    return PickScreen(
        tr("Bookmarks ({n})", lang, n=len(rows)),
        rows,
        tr(HINT, lang) + " · d: " + tr("Remove", lang),
        empty=tr("No bookmarks yet: press b while reading to add one", lang),
        on_remove=state.remove_bookmark,
    )


def history_picker(lang: str, state: UserState) -> PickScreen:
    rows = [Row(_entry_label(v["title"] or v["entry"], v["at"][:16].replace("T", " ")),
                v["entry"]) for v in state.recent]
    return PickScreen(tr("Reading history", lang), rows, tr(HINT, lang),
                      empty=tr("No entries read yet", lang))
