"""Keys as terminals really send them, and the app's shared key lists.

Alt+1 … Alt+4 arrive as ESC followed by the digit in most Linux terminals and
in tmux; the app reads them as Alt+digit (`terminal_input.esc_digits_as_alt`),
so they open the core sections and a text box never types them, while "¡ ™ £
¢" typed as themselves (Option+digit on macOS) are text like any other.
"""

from __future__ import annotations

from textual.binding import Binding


def core_section_bindings(names: list[str]) -> list[Binding]:
    """Alt+1 … (with priority, so no text box takes it), and the digit alone where
    no text box has the focus, for each core section in order."""
    bindings = []
    for number, name in enumerate(names, 1):
        action = f"core({number - 1})"
        bindings += [
            Binding(f"alt+{number}", action, name, show=False, priority=True,
                    id=f"core.{number}"),
            Binding(str(number), action, name, show=False, id=f"core.{number}.key"),
        ]
    return bindings


ARTICLE_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("tab", "next_link", "Next link", show=False, id="article.next_link"),
    Binding("shift+tab", "previous_link", "Previous link", show=False,
            id="article.previous_link"),
    Binding("right_square_bracket", "next_citation", "Next source", show=False,
            id="article.next_source"),
    Binding("left_square_bracket", "previous_citation", "Previous source", show=False,
            id="article.previous_source"),
    Binding("enter", "follow_link", "Follow link", show=False, id="article.follow"),
    Binding("n", "next_match", "Next match", show=False, id="article.next_match"),
    Binding("N,shift+n", "previous_match", "Previous match", show=False,
            id="article.previous_match"),
    Binding("right,l", "scroll_table(1)", "Table right", show=False, id="article.table_right"),
    Binding("left,h", "scroll_table(-1)", "Table left", show=False, id="article.table_left"),
]
"""The keys of an article view, shared by ArticleView and LongMarkdown (same ids)."""

TABLE_STEP = 8
"""Cells a wide table moves sideways for each Left / Right."""


class LinkKeys:
    """The link and citation cycling actions of an article view (ArticleView,
    LongMarkdown): each view moves its own selection in `_move_link`."""

    def _move_link(self, step: int, *, citations: bool = False) -> None:
        raise NotImplementedError

    def action_next_link(self) -> None:
        self._move_link(+1)

    def action_previous_link(self) -> None:
        self._move_link(-1)

    def action_next_citation(self) -> None:
        self._move_link(+1, citations=True)

    def action_previous_citation(self) -> None:
        self._move_link(-1, citations=True)
