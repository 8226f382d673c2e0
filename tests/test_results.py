import json
from pathlib import Path

import jsonschema
import pytest

from builders import one_to_one, segmented
from mtcheck.errors import InputError
from mtcheck.results import dump_results, dump_schema, json_schema, load_results
from mtcheck.types import (
    Finding,
    MetricScore,
    NameVariant,
    RunResult,
    RunSignature,
    ScoreKind,
    SegmentResult,
    Severity,
    TextSpan,
    TranslationResult,
)

SCHEMA_FILE = Path(__file__).parent.parent / "src" / "mtcheck" / "data" / "results.schema.json"


def sample_run() -> RunResult:
    source = segmented("en", ["Shoigu visits Iran", "Pezeshkian met Shoigu."])
    target = segmented("ru", ["Шойгу посетил Иран", "Пезешкиан встретился с Шойгу."])
    finding = Finding(
        check="names.inconsistent", severity=Severity.ERROR, message="two spellings",
        target_ids=(1,), spans=(TextSpan("target", 1, 0, 9, "Пезешкиан"),), entity="Pezeshkian",
        variants=(NameVariant("пезешкиан", ("Пезешкиан",), 1, (1,)),),
    )
    translation = TranslationResult(
        lang="ru", target=target, alignment=one_to_one(2),
        scores=(MetricScore("chrF", ScoreKind.REFERENCE, 55.5, "nrefs:1", 50.0, 60.0),),
        segments=(SegmentResult(0, "Шойгу прибыл в Иран", None, {"reference.chrF": 40.0}),),
        coverage=1.0, findings=(finding,),
    )
    return RunResult(
        document_id="doc", source=source, translations=(translation,),
        signature=RunSignature("0.1.0", "built-in defaults", "seg", "align",
                               "2024-08-06T00:00:00Z", scorers={"reference.chrF": "nrefs:1"}),
    )


def test_round_trip_is_lossless_and_byte_stable(tmp_path: Path) -> None:
    run = sample_run()
    text = dump_results(run)
    path = tmp_path / "results.json"
    path.write_text(text, encoding="utf-8")
    loaded = load_results(path)
    assert loaded == run
    assert dump_results(loaded) == text
    assert "Пезешкиан" in text  # readable, not \u-escaped


def test_results_validate_against_the_shipped_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(dump_results(sample_run())), schema)


def test_shipped_schema_is_generated_from_the_types() -> None:
    # Regenerate with: mtcheck schema > src/mtcheck/data/results.schema.json
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dump_schema()
    assert json_schema()["properties"]["schema_version"]["pattern"] == r"^1\.\d+$"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not valid JSON"),
        ('{"schema_version": "1.0"}', "no 'run' object"),
        ('{"schema_version": "9.0", "run": {}}', "schema version '9.0' is not supported"),
        ('{"schema_version": "1.0", "run": {"document_id": 3}}', "malformed results"),
    ],
)
def test_bad_results_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_results(path)
