from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import load_settings
from newsprism.errors import ConfigError


def test_defaults_are_embedded_sqlite(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s.sqlalchemy_url == "sqlite:///data/newsprism.db"
    assert s.port == 8000


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSPRISM_PORT", "9001")
    monkeypatch.setenv("NEWSPRISM_ALLOW_HOSTS", '["127.0.0.0/8"]')
    s = load_settings()
    assert s.port == 9001
    assert s.allow_hosts == ["127.0.0.0/8"]


def test_toml_file_is_read_below_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsprism.toml").write_text('port = 8100\nsynthesizer = "llm"\n')
    monkeypatch.setenv("NEWSPRISM_PORT", "8200")
    s = load_settings()
    assert s.synthesizer == "llm"
    assert s.port == 8200


def test_invalid_setting_names_the_setting_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSPRISM_MIN_FACTUALITY", "pretty good")
    with pytest.raises(ConfigError) as err:
        load_settings()
    message = str(err.value)
    assert "NEWSPRISM_MIN_FACTUALITY" in message
    assert "very_high" in message


def test_unknown_toml_key_is_rejected(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsprism.toml").write_text("prot = 8100\n")
    with pytest.raises(ConfigError, match="prot"):
        load_settings()


def test_database_url_must_be_sqlite_or_postgresql(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSPRISM_DATABASE_URL", "mysql://x")
    with pytest.raises(ConfigError, match="NEWSPRISM_DATABASE_URL"):
        load_settings()


def test_invalid_json_list_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSPRISM_ALLOW_HOSTS", "[127.0.0.1")
    with pytest.raises(ConfigError, match="NEWSPRISM_ALLOW_HOSTS") as err:
        load_settings()
    assert "\n" not in str(err.value)


def test_broken_toml_is_a_config_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsprism.toml").write_text("port = = 1\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()


def test_several_invalid_settings_are_named_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSPRISM_PORT", "0")
    monkeypatch.setenv("NEWSPRISM_RETRIES", "-3")
    with pytest.raises(ConfigError) as err:
        load_settings()
    message = str(err.value)
    assert "NEWSPRISM_PORT" in message
    assert "NEWSPRISM_RETRIES" in message
    assert "\n" not in message


def test_data_dir_that_is_a_file_or_below_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plain").write_text("")
    with pytest.raises(ConfigError, match="is a file"):
        load_settings(data_dir=tmp_path / "plain").ensure_data_dir()
    with pytest.raises(ConfigError, match="cannot be created"):
        load_settings(data_dir=tmp_path / "plain" / "sub").ensure_data_dir()
    load_settings(data_dir=tmp_path / "new" / "deep").ensure_data_dir()
    assert (tmp_path / "new" / "deep").is_dir()
