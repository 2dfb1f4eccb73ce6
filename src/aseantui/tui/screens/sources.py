"""The sources an entry cites, resolved against the source registry."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from aseantui.content.load import Corpus
from aseantui.content.model import Article
from aseantui.i18n import tr
from aseantui.text import slugify
from aseantui.tui.widgets.footer import LocalFooter


def sources_markdown(article: Article, corpus: Corpus, lang: str) -> str:
    ids = article.cited_ids() or list(article.sources)
    lines = [f"# {tr('Sources of “{title}”', lang, title=article.title)}", ""]
    if not ids:
        lines.append(tr("No sources cited", lang))
    for source_id in ids:
        source = corpus.sources.get(source_id)
        lines += [f"## [{source_id}]", ""]
        if source is None:
            lines += [tr("Source not in the registry: {id}", lang, id=source_id), ""]
            continue
        facts = ", ".join(x for x in (source.publisher, source.language.upper(), source.date)
                          if x and x != "undated")
        lines += [f"**{source.title}**", "", facts, ""]
        if source.describe(lang):
            lines += [source.describe(lang), ""]
        if source.assess(lang):
            lines += [f"*{tr('Reliability', lang)}:* {source.assess(lang)}", ""]
        if source.url:
            lines += [source.url, ""]
    return "\n".join(lines)


class SourcesScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,s,q", "dismiss", "Close", id="sources.close")]

    def __init__(self, article: Article, corpus: Corpus, lang: str, focus: str = "") -> None:
        super().__init__()
        self.markdown = sources_markdown(article, corpus, lang)
        self.focus_id = focus

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sources-box"):
            yield Markdown(self.markdown, open_links=False)
        yield LocalFooter(compact=True)

    async def on_mount(self) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.focus()
        if self.focus_id:
            self.call_after_refresh(
                self.query_one(Markdown).goto_anchor, slugify(f"[{self.focus_id}]")
            )
