from pathlib import Path

import pytest

from mtcheck.config import Config, load_config
from mtcheck.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mtcheck.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    config = load_config(None)
    assert config == Config()
    assert config.source == "built-in defaults"


def test_values_override_defaults_and_digest_is_recorded(tmp_path: Path) -> None:
    path = write(tmp_path, '[score]\nbootstrap_resamples = 10\n[backtranslation]\n'
                           'models = { ru = "my/model" }\non_missing = "fail"\n')
    config = load_config(path)
    assert config.score.bootstrap_resamples == 10
    assert config.backtranslation.models == {"ru": "my/model"}
    assert config.backtranslation.on_missing == "fail"
    assert config.source == str(path)
    assert len(config.digest) == 12


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[score]\nbootstrap = 3\n", "unknown key 'score.bootstrap'"),
        ("[nosuch]\nx = 1\n", "unknown key 'nosuch'"),
        ("[score]\nbootstrap_resamples = \"many\"\n", "must be an integer"),
        ("[score]\nbootstrap_resamples = true\n", "must be an integer"),
        ("[backtranslation]\nenabled = 1\n", "must be a bool"),
        ("[checks]\ndisabled = \"names.missing\"\n", "must be a list"),
        ("[score\n", "invalid TOML"),
    ],
)
def test_bad_configs_name_the_key_and_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "absent.toml")


def test_relative_paths_resolve_next_to_the_config(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[names]\nglossary = "glossary.toml"\n'))
    assert config.resolve_path(config.names.glossary) == tmp_path / "glossary.toml"


def test_shipped_configs_load() -> None:
    for path in sorted(Path(__file__).parent.parent.joinpath("configs").glob("*.toml")):
        if path.name == "glossary.toml":
            continue
        load_config(path)


def test_toml_examples_in_the_readme_are_valid_configs(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    for block in blocks:
        load_config(write(tmp_path, block))
