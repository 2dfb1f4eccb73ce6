"""The answer card: the fact that answers the query, shown above the results.

The card shows the value, its label, the entry it comes from, the date it
holds at and the sources. Enter (or a click) posts `AnswerCard.Chosen`; the
screen opens the entry at the section that states the fact. The card hides
itself when there is no answer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from aseantui.i18n import long_date, tr

if TYPE_CHECKING:  # not imported at start-up: the card shows before the library loads
    from aseantui.search.answers import Answer


def citation_keys(sources: tuple[str, ...]) -> str:
    """The sources as the article cites them: '[@facts; @charter]'."""
    return f"[{'; '.join('@' + s for s in sources)}]" if sources else ""


def card_content(answer: Answer, lang: str) -> Content:
    """Three lines: the label, the value in bold, then entry, date and sources (dim)."""
    details = [answer.title]
    if answer.as_of:
        details.append(tr("as of {date}", lang, date=long_date(answer.as_of, lang)))
    if answer.sources:
        details.append(citation_keys(answer.sources))
    return Content.assemble(
        Content.styled(answer.label, "italic"),
        "\n",
        Content.styled(answer.value, "bold"),
        "\n",
        Content.styled(" · ".join(details), "dim"),
    )


class AnswerCard(Static, can_focus=True):
    """The answer to the query, or nothing (hidden)."""

    DEFAULT_CSS = """
    AnswerCard {
        height: auto;
        padding: 0 1;
        margin: 0 0 1 0;
        border: round $accent;
        border-title-color: $accent;
        border-subtitle-color: $text-muted;
        display: none;
    }
    AnswerCard.-shown {
        display: block;
    }
    AnswerCard:focus {
        border: round $accent-lighten-2;
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("enter", "choose", "Open", show=False),
        # Between the search box above and the results below, in the screen's order.
        Binding("up", "app.focus_previous", "Up", show=False),
        Binding("down", "app.focus_next", "Down", show=False),
    ]

    class Chosen(Message):
        """The reader chose the answer: open `answer.entry` at `answer.anchor`."""

        def __init__(self, answer: Answer) -> None:
            super().__init__()
            self.answer = answer

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.answer: Answer | None = None
        self._shown: tuple[object, ...] = (None, "")

    def show_answer(self, answer: Answer | None, lang: str) -> None:
        """Show `answer` with its labels in the interface language `lang`; None hides the card."""
        self.answer = answer
        shown = (replace(answer, score=0.0) if answer else None, lang)
        if shown == self._shown:
            return  # the same card (or none) as for the last key: nothing to lay out again
        self._shown = shown
        self.set_class(answer is not None, "-shown")
        if answer is None:
            self.update("")
            return
        self.border_title = tr("Answer", lang)
        self.border_subtitle = tr("Enter: open the entry", lang)
        self.update(card_content(answer, lang))

    def action_choose(self) -> None:
        if self.answer is not None:
            self.post_message(self.Chosen(self.answer))

    def on_click(self) -> None:
        self.action_choose()
