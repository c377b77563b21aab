from __future__ import annotations

from pathlib import Path

import pytest

from storylens.settings import Settings, describe


def test_every_setting_has_help_and_default() -> None:
    table = describe()
    assert {name for name, _, _ in table} == set(Settings.__dataclass_fields__)
    assert all(help_text for _, _, help_text in table)


def test_file_then_flags_overlay_defaults(tmp_path: Path) -> None:
    config = tmp_path / "s.toml"
    config.write_text('[storylens]\ncluster_threshold = 0.5\nspacy_model = "my_model"\n')
    settings = Settings.from_file(config).with_overrides(spacy_model="flag_model", db=None)
    assert (settings.cluster_threshold, settings.spacy_model, settings.db) == (0.5, "flag_model", "storylens.db")


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown setting"):
        Settings().with_overrides(clustr_threshold=0.5)


def test_readme_documents_every_setting_and_command() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, default, _ in describe():
        assert f"| `{name}` | `{default!r}` |" in readme, f"README settings table is stale for {name}"
    for command in ("analyze", "stories", "show", "clean", "serve", "settings"):
        assert f"storylens {command}" in readme, command
