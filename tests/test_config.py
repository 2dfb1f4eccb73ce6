"""The configuration file: valid settings are used, anything else is reported and ignored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from aseantui.config import EXAMPLE, MAX_BYTES, config_path, load


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_absent_file_means_defaults(tmp_path: Path) -> None:
    config = load(tmp_path / "none.toml")
    assert (config.content, config.language, config.theme, config.keys) == (None, None, None, {})
    assert config.problems == ()


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, 'content = "~/notes"\nlanguage = "id"\ntheme = "nord"\n'
                 '[keys]\nback = "alt+left, ctrl+o"\nbookmark = "m"\n')
    config = load(path)
    assert config.content == str(Path("~/notes").expanduser())
    assert config.language == "id"
    assert config.theme == "nord"
    assert config.keys == {"back": "alt+left,ctrl+o", "bookmark": "m"}
    assert config.problems == ()


def test_the_example_is_valid_and_sets_nothing(tmp_path: Path) -> None:
    config = load(write(tmp_path, EXAMPLE))
    assert config.problems == () and config.keys == {} and config.language is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('language = "fr"\n', "'language' must be one of en, id"),
        ("theme = 3\n", "'theme' must be a non-empty string"),
        ('colour = "red"\n', "unknown setting 'colour'"),
        ('keys = "x"\n', "'keys' must be a table"),
        ('[keys]\nback = 5\n', "is not a key list"),
        ('[keys]\n"Not An Id" = "x"\n', "is not a binding id"),
        ('language = "id"\nlanguage = "en"\n', "not valid TOML"),
        ("language = \n", "line 1"),
    ],
)
def test_invalid_settings_are_reported_with_the_file_and_ignored(
    tmp_path: Path, text: str, message: str
) -> None:
    config = load(write(tmp_path, text))
    assert config.problems, text
    assert message in config.problems[0]
    assert str(tmp_path / "config.toml") in config.problems[0]


def test_valid_settings_survive_beside_invalid_ones(tmp_path: Path) -> None:
    config = load(write(tmp_path, 'language = "id"\ncolour = "red"\n'))
    assert config.language == "id"
    assert len(config.problems) == 1


def test_bad_bytes_big_files_and_folders_are_refused(tmp_path: Path) -> None:
    assert "not UTF-8" in load(write(tmp_path, b"language = \"\xff\"\n")).problems[0]
    assert "larger than" in load(write(tmp_path, "#" * (MAX_BYTES + 1))).problems[0]
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    assert "not a regular file" in load(folder).problems[0]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert load(write(tmp_path, b'\xef\xbb\xbflanguage = "id"\n')).language == "id"


def test_the_path_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASEANTUI_CONFIG", str(tmp_path / "c.toml"))
    assert config_path() == tmp_path / "c.toml"
    monkeypatch.delenv("ASEANTUI_CONFIG")
    assert config_path().name == "config.toml"
    assert "aseantui" in config_path().parts


def test_the_configured_content_folder_is_used_and_options_still_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_dir: Path
) -> None:
    from aseantui.paths import content_dir, shipped_content

    config = tmp_path / "config.toml"
    monkeypatch.setenv("ASEANTUI_CONFIG", str(config))
    assert content_dir() == shipped_content()
    config.write_text(f'content = "{corpus_dir}"\n', encoding="utf-8")
    assert content_dir() == corpus_dir
    assert content_dir(tmp_path) == tmp_path
    monkeypatch.setenv("ASEANTUI_CONTENT", str(tmp_path / "env"))
    assert content_dir() == tmp_path / "env"


def test_the_command_line_reports_a_bad_configuration_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    (tmp_path / "config.toml").write_text('language = "fr"\n', encoding="utf-8")
    result = cli("list")
    assert result.code == 0
    assert "'language' must be one of en, id" in result.err
    assert result.out.strip()
