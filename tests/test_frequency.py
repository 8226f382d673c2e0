"""Word frequencies: wordfreq's values, remembered on disk between runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import fresh_python
from mtcheck import frequency


def test_common_and_unseen_words() -> None:
    assert frequency.zipf("the", "en") > 6
    assert frequency.zipf("qzxvbnwq", "en") == 0.0
    assert frequency.zipf("the", "la") == 0.0  # no data for Latin: no nearest-language answer


def test_values_are_remembered_between_runs_and_equal_wordfreqs(tmp_path: Path) -> None:
    code = ("from mtcheck.frequency import zipf\n"
            "print(repr(zipf('Haus', 'de')), repr(zipf('maison', 'fr-CA')))")
    first = fresh_python(code, tmp_path)
    memo = {p.name: json.loads(p.read_text("utf-8"))
            for p in (tmp_path / "mtcheck" / "wordfreq").glob("zipf-*.json")}
    assert sorted(name.rsplit("-", 1)[1] for name in memo) == ["de.json", "fr.json"]
    from wordfreq import zipf_frequency

    assert first == f"{zipf_frequency('Haus', 'de')!r} {zipf_frequency('maison', 'fr')!r}"
    # The second run answers from the memo without opening wordfreq's tables.
    second = fresh_python(code.replace("print(", "import wordfreq\n"
                                       "wordfreq.get_frequency_dict = None\nprint("), tmp_path)
    assert second == first


def test_a_damaged_memo_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "mtcheck" / "wordfreq"
    from importlib.metadata import version

    folder.mkdir(parents=True)
    (folder / f"zipf-{version('wordfreq')}-en.json").write_text('{"the": "not a number"}')
    code = "from mtcheck.frequency import zipf\nprint(zipf('the', 'en') > 6)"
    assert fresh_python(code, tmp_path) == "True"


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_memo_does_not_change_answers(lang: str) -> None:
    from wordfreq import zipf_frequency

    for word in ("city", "Stadt", "город", "xyzzyq"):
        assert frequency.zipf(word, lang) == zipf_frequency(word, lang)


def test_a_language_whose_tokenizer_is_missing_does_not_import_wordfreq_again(
        tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("jieba") is not None:
        pytest.skip("jieba is installed here: Chinese has its tokenizer")
    code = ("import sys\nfrom mtcheck.frequency import zipf\n"
            "print(zipf('伊朗', 'zh'), 'wordfreq' in sys.modules)")
    assert fresh_python(code, tmp_path) == "0.0 True"
    assert fresh_python(code, tmp_path) == "0.0 False"  # the next run knows without looking


def test_a_tokenizer_installed_later_is_used(tmp_path: Path) -> None:
    memo = frequency._DiskMemo()
    memo._lacking = {"xx": "json"}  # "missing" then, importable now
    assert not memo.lacks_tokenizer("xx")
    memo._lacking = {"xx": "no_such_module_qq"}
    assert memo.lacks_tokenizer("xx")
