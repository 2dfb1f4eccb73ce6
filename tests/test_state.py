"""Unit tests of the saved state (settings, bookmarks, history) and the back/forward history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aseantui.state import (
    MAX_RECENT,
    STATE_VERSION,
    History,
    Location,
    UserState,
    system_language,
)


def article(entry: str, section: int = -1) -> Location:
    return Location("article", entry, "en", section=section)


# -- History -----------------------------------------------------------------------


def test_history_back_and_forward_like_a_browser():
    history = History()
    assert history.current is None
    assert not history.back() and not history.forward()
    for entry in ("a", "b", "c"):
        history.visit(article(entry))
    assert history.current == article("c")
    assert history.back() and history.current == article("b")
    assert history.back() and history.current == article("a")
    assert not history.back() and history.current == article("a")
    assert history.forward() and history.current == article("b")
    assert history.can_go_back and history.can_go_forward


def test_visiting_drops_what_was_ahead():
    history = History()
    for entry in ("a", "b", "c"):
        history.visit(article(entry))
    history.back()
    history.back()
    history.visit(article("d"))
    assert not history.can_go_forward
    assert history.back() and history.current == article("a")


def test_visiting_the_same_place_replaces_it():
    history = History()
    history.visit(Location("search", query="sekjen"))
    history.visit(Location("search", query="sekjen", lang="id"))
    history.visit(article("a", section=2))
    history.visit(article("a", section=5))
    assert history.current == article("a", section=5)
    assert history.back() and history.current == Location("search", query="sekjen", lang="id")
    assert not history.back()


def test_replace_updates_the_current_place():
    history = History()
    history.replace(article("a"))  # nothing yet: same as a visit
    assert history.current == article("a")
    history.visit(article("b"))
    history.replace(article("b", section=3))
    assert history.current == article("b", section=3)
    assert history.back() and history.current == article("a")


def test_history_is_bounded():
    history = History(maxlen=3)
    for entry in "abcde":
        history.visit(article(entry))
    assert history.current == article("e")
    assert history.back() and history.back()
    assert history.current == article("c")
    assert not history.back()


# -- files on disk -----------------------------------------------------------------


def test_fresh_state_and_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    state = UserState(tmp_path)
    assert state.settings == {"lang": "en", "theme": ""}
    assert state.bookmarks == [] and state.recent == [] and state.notices == []
    assert list(tmp_path.iterdir()) == []  # nothing written until something changes

    state.set("lang", "id")
    assert state.toggle_bookmark("location", "en", "Location") is True
    state.record_visit("history", "en", "History")
    state.record_visit("location", "en", "Location")
    state.record_visit("history", "en", "History")

    again = UserState(tmp_path)
    assert again.settings["lang"] == "id"
    assert [(b.entry, b.title) for b in again.bookmarks] == [("location", "Location")]
    assert [v["entry"] for v in again.recent] == ["history", "location"]  # latest first, once
    for name, key in (("settings", "settings"), ("bookmarks", "bookmarks"),
                      ("history", "history")):
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert data["version"] == STATE_VERSION and key in data
    assert not list(tmp_path.glob("*.tmp")), "atomic writes leave no temporary files"


def test_toggle_and_remove_bookmarks(tmp_path: Path):
    state = UserState(tmp_path)
    assert state.toggle_bookmark("a", "en", "A")
    assert state.toggle_bookmark("b", "id", "B")
    assert state.is_bookmarked("a")
    assert state.toggle_bookmark("a", "en", "A") is False
    assert not state.is_bookmarked("a")
    state.remove_bookmark("b")
    assert UserState(tmp_path).bookmarks == []


def test_recent_reading_is_bounded(tmp_path: Path):
    state = UserState(tmp_path)
    for number in range(MAX_RECENT + 20):
        state.record_visit(f"e{number}", "en", "")
    assert len(UserState(tmp_path).recent) == MAX_RECENT


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("settings.json", "{not json"),
        ("settings.json", '["a list"]'),
        ("settings.json", '{"settings": {"lang": "id"}}'),  # no version
        ("settings.json", '{"version": 1, "settings": "en"}'),
        ("bookmarks.json", '{"version": 1, "bookmarks": [{"title": "no entry"}]}'),
        ("history.json", '{"version": 1, "history": [1, 2]}'),
        ("history.json", "\x00\x01garbage"),
    ],
)
def test_a_corrupt_file_is_set_aside_never_deleted(tmp_path: Path, name: str, text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    state = UserState(tmp_path)
    stem = name.removesuffix(".json")
    kept = list(tmp_path.glob(f"{stem}.corrupt-*.json"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == text
    assert not (tmp_path / name).exists()
    (notice,) = state.take_notices()
    assert notice.startswith(f"{name} could not be read") and kept[0].name in notice
    assert state.take_notices() == []  # told once
    # the app carries on with defaults and saves afresh
    state.set("theme", "nord")
    state.toggle_bookmark("a", "en", "A")
    state.record_visit("a", "en", "A")
    assert UserState(tmp_path).notices == []


def test_two_corrupt_copies_in_the_same_second_are_both_kept(tmp_path: Path):
    for text in ("{first", "{second"):
        (tmp_path / "settings.json").write_text(text, encoding="utf-8")
        UserState(tmp_path)
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("settings.corrupt-*"))
    assert kept == ["{first", "{second"]


def test_an_unreadable_file_is_left_in_place_and_not_written(tmp_path: Path):
    (tmp_path / "bookmarks.json").mkdir()
    state = UserState(tmp_path)
    (notice,) = state.take_notices()
    assert "bookmarks.json" in notice and "will not be saved" in notice
    state.toggle_bookmark("a", "en", "A")  # kept in memory for the session only
    assert state.is_bookmarked("a")
    assert (tmp_path / "bookmarks.json").is_dir()
    assert state.take_notices() == []


def test_a_newer_file_is_read_and_never_overwritten(tmp_path: Path):
    newer = {"version": STATE_VERSION + 1, "settings": {"lang": "id", "future": True}}
    text = json.dumps(newer)
    (tmp_path / "settings.json").write_text(text, encoding="utf-8")
    state = UserState(tmp_path)
    assert state.settings["lang"] == "id"
    assert any("newer aseantui" in n for n in state.take_notices())
    state.set("lang", "en")
    assert (tmp_path / "settings.json").read_text(encoding="utf-8") == text


def test_a_save_that_fails_is_a_notice(tmp_path: Path):
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the data dir should be", encoding="utf-8")
    state = UserState(folder)
    state.set("lang", "id")
    (notice,) = state.take_notices()
    assert notice.startswith("cannot save settings.json")
    assert state.settings["lang"] == "id"


def test_unknown_values_fall_back_to_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    payload = {"version": 1, "settings": {"lang": "fr", "theme": 3, "extra": "kept out"}}
    (tmp_path / "settings.json").write_text(json.dumps(payload), encoding="utf-8")
    state = UserState(tmp_path)
    assert state.settings == {"lang": "en", "theme": ""}
    assert state.notices == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LC_ALL": "id_ID.UTF-8"}, "id"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "in_ID"}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "id:en", "LANG": "en_US.UTF-8"}, "id"),
        ({"LANGUAGE": "fr:id", "LANG": "en_US.UTF-8"}, "id"),
        ({"LANGUAGE": "en_GB:id", "LANG": "id_ID.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "id_ID.UTF-8"}, "id"),
        ({"LANGUAGE": "id", "LANG": "C"}, "en"),
    ],
)
def test_system_language(env: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert system_language() == expected


def test_notices_are_translatable_messages(tmp_path: Path) -> None:
    from aseantui.i18n import Notice, tr

    folder = tmp_path / "state"
    folder.mkdir()
    (folder / "bookmarks.json").write_text("{not json", encoding="utf-8")
    state = UserState(folder)
    [notice] = state.take_notices()
    assert isinstance(notice, Notice)
    assert notice.startswith("bookmarks.json could not be read")
    indonesian = tr(notice, "id")
    assert indonesian.startswith("bookmarks.json tidak dapat dibaca")
    assert notice.values["kept"] in indonesian
