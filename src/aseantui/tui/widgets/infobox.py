"""The infobox: an entry's facts, one row each, with the sources they rest on.

Rows are options: Enter (or a click) on one posts `Infobox.SourceChosen`
with that fact's sources, which the screen opens as it opens a citation
(`]`/`[` then Enter in the reader). The box hides itself when the entry has
no facts. It sits beside the article at wide widths; the screen adds the
class `-above` to place it above the article at narrow ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from aseantui.content.facts import Fact
from aseantui.i18n import long_date, tr
from aseantui.tui.widgets.answer_card import citation_keys


def fact_prompt(fact: Fact, lang: str) -> Content:
    """The label (dim), then the value with its citation key and date."""
    value = Content.assemble(
        Content.styled(fact.value, "bold"),
        Content.styled(f" {citation_keys(fact.sources)}" if fact.sources else "", "dim"),
    )
    lines: list[str | Content] = [Content.styled(fact.label, "italic"), "\n", value]
    if fact.as_of:
        dated = tr("as of {date}", lang, date=long_date(fact.as_of, lang))
        lines += ["\n", Content.styled(dated, "dim")]
    return Content.assemble(*lines)


class Infobox(OptionList):
    """The facts of the entry being read, in the interface language."""

    DEFAULT_CSS = """
    Infobox {
        width: 38;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-color: $primary;
        padding: 0 1;
        display: none;
    }
    Infobox.-shown {
        display: block;
    }
    Infobox.-above {
        width: 100%;
        max-height: 12;
    }
    """

    BINDINGS = [Binding("enter", "open_source", "Sources", show=False)]

    class SourceChosen(Message):
        """Open the source `source_id` (the first of `sources`, the fact's citation)."""

        def __init__(self, fact: Fact, entry: str) -> None:
            super().__init__()
            self.fact = fact
            self.entry = entry
            self.sources = fact.sources
            self.source_id = fact.sources[0]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: tuple[Fact, ...] = ()
        self.entry = ""

    def show_facts(self, entry: str, facts: Sequence[Fact], lang: str) -> None:
        """Show `facts` of `entry` (give those of the article in the interface language)."""
        self.entry = entry
        self.facts = tuple(facts)
        self.set_class(bool(self.facts), "-shown")
        self.border_title = tr("Key facts", lang)
        self.border_subtitle = tr("Enter: open the source", lang) if self.facts else ""
        self.clear_options()
        self.add_options([Option(fact_prompt(fact, lang), id=f"fact:{fact.key}")
                          for fact in self.facts])
        if self.facts:
            self.highlighted = 0

    @property
    def current(self) -> Fact | None:
        index = self.highlighted
        return self.facts[index] if index is not None and 0 <= index < len(self.facts) else None

    def action_open_source(self) -> None:
        fact = self.current
        if fact is not None and fact.sources:
            self.post_message(self.SourceChosen(fact, self.entry))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_source()
