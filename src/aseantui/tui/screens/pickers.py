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

from aseantui.content.lookup import event_anchor
from aseantui.content.model import CATEGORIES
from aseantui.i18n import category_name, tr
from aseantui.search.service import Library
from aseantui.state import UserState
from aseantui.tui.widgets.footer import LocalFooter


@dataclass
class Row:
    """One line of a pick list: `value` is returned when chosen; None makes a heading."""

    label: Content | str
    value: str | None = None


class PickScreen(ModalScreen[str | None]):
    """A titled list; Enter returns the row's value, Esc returns None.

    With `on_remove`, `d` removes the highlighted row and `u` puts the last
    removed row back, until the list is closed; `title` may hold `{n}`, the
    number of rows, kept true as rows go and come back.
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="list.close"),
        Binding("delete,d", "remove", "Remove", id="list.remove"),
        Binding("u", "undo", "Undo", id="list.undo"),
    ]

    def __init__(
        self,
        title: str,
        rows: list[Row],
        hint: str,
        *,
        empty: str = "",
        on_remove: Callable[[str], None] | None = None,
        on_restore: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows
        self.hint = hint
        self.empty = empty
        self.on_remove = on_remove
        self.on_restore = on_restore
        self.removed: list[int] = []
        """Rows removed while the list is open, last last (what `u` puts back)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box"):
            yield Static(self._title(), id="pick-title")
            yield OptionList(*self._options(), id="pick-list")
            yield Static(Content.styled(self.hint, "dim"), id="pick-hint")
        yield LocalFooter(compact=True)

    def _title(self) -> Content:
        shown = sum(1 for number, row in enumerate(self.rows)
                    if row.value is not None and number not in self.removed)
        return Content.styled(self.title_text.replace("{n}", str(shown)), "bold")

    def _options(self) -> list[Option]:
        options = []
        for number, row in enumerate(self.rows):
            if number in self.removed:
                continue
            if row.value is None:
                options.append(Option(Content.styled(str(row.label), "bold underline"),
                                      disabled=True))
            else:
                label = Content(row.label) if isinstance(row.label, str) else row.label
                options.append(Option(label, id=str(number)))  # a str prompt would be markup
        if not any(o.id for o in options) and self.empty:
            options.append(Option(Content.styled(self.empty, "dim"), disabled=True))
        return options

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.on_remove is not None
        if action == "undo":
            return bool(self.removed) and self.on_restore is not None
        return True

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
            self.removed.append(int(option.id))
            self._refill(min(index, option_list.option_count - 2))
            self.notify(tr("Removed: press u to undo", self.app_lang), markup=False)

    def action_undo(self) -> None:
        if not self.removed or self.on_restore is None:
            return
        number = self.removed.pop()
        value = self.rows[number].value
        if value is not None:
            self.on_restore(value)
        self._refill(None, restored=number)

    def _refill(self, highlight: int | None, restored: int = -1) -> None:
        option_list = self.query_one(OptionList)
        option_list.clear_options()
        option_list.add_options(self._options())
        if restored >= 0:
            ids = [o.id for o in option_list.options]
            highlight = ids.index(str(restored)) if str(restored) in ids else None
        enabled = [i for i, o in enumerate(option_list.options) if not o.disabled]
        if enabled:
            option_list.highlighted = highlight if highlight in enabled else enabled[0]
        self.query_one("#pick-title", Static).update(self._title())
        self.refresh_bindings()

    @property
    def app_lang(self) -> str:
        return str(getattr(self.app, "lang", "en"))


HINT = "Press Enter to open, Esc to close"
FILTER_HINT = "Press Enter to filter, Esc to close"


def _entry_label(title: str, detail: str) -> Content:
    return Content.assemble(title, Content.styled(f"  {detail}", "dim") if detail else "")


def category_picker(lang: str, library: Library | None) -> PickScreen:
    present = {a.category for a in library.corpus.articles.values()} if library else set()
    rows = [Row(tr("all categories", lang), "")]
    rows += [Row(category_name(c, lang), c) for c in CATEGORIES if c in present]
    return PickScreen(tr("Filter results by category", lang), rows, tr(FILTER_HINT, lang))


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
            rows.append(Row(tr("{decade}s", lang, decade=decade * 10)))
        text = event.text.get(lang) or next(iter(event.text.values()))
        label = Content.assemble(Content.styled(f"{event.date:<10}", "bold"), " ● ", text)
        article = library.corpus.get(event.entry, lang)
        anchor = event_anchor(article, event.year, text) if article else ""
        rows.append(Row(label, f"{event.entry}#{anchor}" if anchor else event.entry))
    return PickScreen(tr("Timeline of the ASEAN Secretariat", lang), rows, tr(HINT, lang))


def _title_in(library: Library | None, entry: str, lang: str, saved: str) -> str:
    """The entry's title in the interface language (the saved one if it is gone)."""
    article = library.corpus.get(entry, lang) if library else None
    return article.title if article else saved


def bookmarks_picker(lang: str, state: UserState, library: Library | None = None) -> PickScreen:
    rows = []
    for mark in state.bookmarks:
        article = library.corpus.get(mark.entry, lang) if library else None
        title = article.title if article else mark.title
        shown_lang = article.lang if article else mark.lang
        rows.append(Row(_entry_label(title, shown_lang.upper()), mark.entry))
    saved = {b.entry: b for b in state.bookmarks}

    def restore(entry: str) -> None:
        mark = saved[entry]
        if not state.is_bookmarked(entry):
            state.toggle_bookmark(mark.entry, mark.lang, mark.title)

    return PickScreen(
        tr("Bookmarks ({n})", lang, n="{n}"),
        rows,
        tr(HINT, lang) + " · d: " + tr("Remove", lang) + " · u: " + tr("Undo", lang),
        empty=tr("No bookmarks yet: press m while reading to add one", lang),
        on_remove=state.remove_bookmark,
        on_restore=restore,
    )


def history_picker(lang: str, state: UserState, library: Library | None = None) -> PickScreen:
    rows = [Row(_entry_label(_title_in(library, v["entry"], lang, v["title"] or v["entry"]),
                             v["at"][:16].replace("T", " ")), v["entry"]) for v in state.recent]
    return PickScreen(tr("Reading history", lang), rows, tr(HINT, lang),
                      empty=tr("No entries read yet", lang))
