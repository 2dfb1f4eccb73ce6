"""Metadata of other people's Markdown, inferred from where a file sits.

A file without our front matter gets its id from its path relative to the
content folder, without the language part and the extension
(`pages.id/common/tar.md` -> `pages/common/tar`), so ids never collide and
translations pair up by path. Its language comes from a path part that is a
language code (`en/`, `pages.id/`, `docs-id/`, `notes_id/`) or from a
`name.id.md` suffix.
"""

from __future__ import annotations

import posixpath
import re

from aseantui.content.model import LANGS

ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
    ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
    ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
    ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
    ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
    yo za zh zu
    """.split()
)
"""Two-letter language codes (ISO 639-1)."""

PATH_CODES = frozenset(LANGS) | ISO_639_1 - frozenset(
    "aa am an as be bi bo br ca ce ch co cr cu cv do go he hi ho ia ie ii io is it ki kg la "
    "li ln lo lu me mg mi mr ms my na nd ne ng no nr ny oc oj om or os pa pi sa sc sd se sg "
    "si sm sn so ss st su ta te tn to ts tt tw ty ve vo wa wo za".split()
)
"""Codes that count as a language in a path (`fr/`, `pages.fr/`, `guide.fr.md`): the
others are also common words or abbreviations (`it/`, `my/`, `how-to/`, `ms/`)."""

_REGION = r"(?:[-_][A-Za-z]{2})?"
_SUFFIX = re.compile(r"^(?P<base>.+?)[._-](?P<code>[a-z]{2})" + _REGION + r"$")
_BARE = re.compile(r"^(?P<code>[a-z]{2})" + _REGION + r"$")
_FILE_SUFFIX = re.compile(r"^(?P<base>.+)\.(?P<code>[a-z]{2})" + _REGION + r"$")
_NUMBERING = re.compile(r"^(?:ch)?\d+(?:[-_.]\d+)*[-_. ]+", re.IGNORECASE)


def language_code(value: object) -> str:
    """`en`, `id`, ... from front matter `lang: id-ID` / `language: en_US` ('' if none)."""
    if not isinstance(value, str):
        return ""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    names = {"english": "en", "indonesian": "id", "bahasa indonesia": "id", "indonesia": "id"}
    code = names.get(value.strip().lower(), code)
    return code if code in ISO_639_1 else ""


def split_path(relpath: str) -> tuple[str, str]:
    """(id, language code or '') of a file: its path without language part and extension."""
    parts = relpath.split("/")
    stem = re.sub(r"\.(md|markdown)$", "", parts[-1], flags=re.IGNORECASE)
    lang = ""
    match = _FILE_SUFFIX.match(stem)
    if match and match.group("code") in PATH_CODES:
        stem, lang = match.group("base"), match.group("code")
    folders: list[str] = []
    for part in parts[:-1]:
        bare = _BARE.match(part)
        if bare and bare.group("code") in PATH_CODES:
            lang = lang or bare.group("code")
            continue
        suffix = _SUFFIX.match(part)
        if suffix and suffix.group("code") in PATH_CODES:
            lang = lang or suffix.group("code")
            part = suffix.group("base")
        folders.append(part)
    return "/".join([*folders, stem]), lang


def top_folder(entry_id: str) -> str:
    """The first folder of an inferred id ('' for a file at the top)."""
    return entry_id.split("/", 1)[0] if "/" in entry_id else ""


def humanise(relpath: str) -> str:
    """A title from a file name: 'ch03-02-data-types.md' -> 'Data types'."""
    stem = posixpath.splitext(posixpath.basename(relpath))[0]
    match = _FILE_SUFFIX.match(stem)
    stem = match.group("base") if match and match.group("code") in PATH_CODES else stem
    words = _NUMBERING.sub("", stem).replace("-", " ").replace("_", " ").strip()
    words = " ".join(words.split()) or stem
    return words[:1].upper() + words[1:]
