"""Back-translation speed: the default backend against transformers float32, and a cached re-run.

Run from the repository root::

    python benchmarks/bench_backtranslate.py            # full table, about 5 minutes on 2 cores
    python benchmarks/bench_backtranslate.py --quick    # batch 8 only, about 2 minutes
    python benchmarks/bench_backtranslate.py --engines "transformers int8" "ctranslate2 int8 1x"

The model has random weights but the real opus-mt shape (Marian, d_model 512,
6+6 layers, 8 heads, FFN 2048, vocabulary 58,101: 74M parameters), so the
speed is that of a real Helsinki-NLP/opus-mt-xx-en model; no download is
needed. Every sentence is generated to exactly ``--output-tokens`` tokens
(end-of-sentence suppressed) so that backends do the same work. Sentences run
through mtcheck's own engines (tokenization, length batching, decoding).

Engines: ``default`` is what a run uses with no backend configured (``backend =
"auto"``: CTranslate2 int8 on CPU, one model replica per CPU thread, every batch
handed over in one call); the baseline is ``transformers float32``; ``--engines``
adds others (``transformers int8``; ``ctranslate2 int8 1x``: CTranslate2 int8 with
one replica using every thread, the earlier ctranslate2 setting). Each cell
translates at least two batches' worth of sentences (so that batch 32 is not one
lone batch), the same sentences for every engine. Figures are sentences per second
and the ratio to the baseline at the same batch size and beam; the goal for the
default is >= 4x in every cell. The second part times the
whole stage (``backtranslate()``) in a fresh process with an empty cache
(cold: imports, model load, generation) and again with the cache filled (warm).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]
os.environ.setdefault("HF_HUB_OFFLINE", "1")

OPUS_MT_SHAPE: dict[str, Any] = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
    "max_position_embeddings": 512,
    "scale_embedding": True,
    "share_encoder_decoder_embeddings": True,
}
VOCAB_SIZE = 58_101  # opus-mt-de-en's vocabulary


def build_opus_mt_shaped(dest: Path) -> Path:
    """A random Marian model of the opus-mt shape, saved with a working tokenizer."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from tiny_models import TRAINING_SENTENCES, train_sentencepiece

    dest.mkdir(parents=True, exist_ok=True)
    spm_bytes = train_sentencepiece()
    (dest / "source.spm").write_bytes(spm_bytes)
    (dest / "target.spm").write_bytes(spm_bytes)
    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    for filler in range(VOCAB_SIZE - len(vocab) - 1):
        vocab[f"▁w{filler}"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    MarianTokenizer(source_spm=str(dest / "source.spm"), target_spm=str(dest / "target.spm"),
                    vocab=str(dest / "vocab.json")).save_pretrained(dest)
    pad = vocab["<pad>"]
    torch.manual_seed(0)
    model = MarianMTModel(MarianConfig(vocab_size=len(vocab), pad_token_id=pad,
                                       decoder_start_token_id=pad, eos_token_id=0,
                                       **OPUS_MT_SHAPE))
    model.generation_config = GenerationConfig(decoder_start_token_id=pad, pad_token_id=pad,
                                               eos_token_id=0, bad_words_ids=[[pad]])
    model.save_pretrained(dest)
    assert len(TRAINING_SENTENCES) > 0
    return dest


def sentences(count: int) -> list[str]:
    """Distinct Russian-like sentences of 10-30 subword tokens."""
    from tiny_models import TRAINING_SENTENCES

    russian = [s for s in TRAINING_SENTENCES if any("а" <= c <= "я" for c in s)]
    return [f"{russian[i % len(russian)]} {russian[(i * 7 + 3) % len(russian)]} ({i})"
            for i in range(count)]


BASELINE = "transformers float32"
DEFAULT = "default"
# Engine name -> (backend, quantization, one replica using every thread).
ENGINES: dict[str, tuple[str, str, bool]] = {
    BASELINE: ("transformers", "float32", False),
    DEFAULT: ("auto", "auto", False),
    "transformers int8": ("transformers", "int8", False),
    "ctranslate2 int8 1x": ("ctranslate2", "int8", True),
}


def load_engine(name: str, model_dir: Path, work_dir: Path, tokens: int) -> tuple[Any, float]:
    from mtcheck.backtranslate import engine_ctranslate2
    from mtcheck.backtranslate.engines import load_translator, settings_from_config
    from mtcheck.backtranslate.families import FAMILIES
    from mtcheck.backtranslate.resolve import locate_model
    from mtcheck.config import BacktranslationConfig

    backend, quantization, one_replica = ENGINES[name]
    config = BacktranslationConfig(backend=backend, quantization=quantization, device="cpu",
                                   max_length=tokens)
    started = time.perf_counter()
    settings = settings_from_config(config)
    replicas = engine_ctranslate2.MAX_REPLICAS
    if one_replica:
        engine_ctranslate2.MAX_REPLICAS = 1
    try:
        translator = load_translator(locate_model(str(model_dir)), FAMILIES["marian"],
                                     settings, work_dir)
    finally:
        engine_ctranslate2.MAX_REPLICAS = replicas
    fix_output_length(translator, tokens)
    return translator, time.perf_counter() - started


def fix_output_length(translator: Any, tokens: int) -> None:
    """Make every output exactly ``tokens`` long, whichever backend runs."""
    if hasattr(translator, "model"):
        translator.model.generation_config.min_new_tokens = tokens
        return
    translator.translator = _FixedLength(translator.translator, tokens)


class _FixedLength:
    """Wraps a ``ctranslate2.Translator`` so that outputs have a minimum length."""

    def __init__(self, inner: Any, tokens: int) -> None:
        self.inner = inner
        self.tokens = tokens

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        return self.inner.translate_batch(*args, min_decoding_length=self.tokens, **kwargs)


def rate(translator: Any, texts: list[str], beam: int, batch: int) -> float:
    # The engines read beam and batch size from their settings at each call.
    translator.settings = dataclasses.replace(translator.settings, beam_size=beam,
                                              batch_size=batch)
    translator.translate(texts[:2], "ru", "en")  # warm-up: first calls allocate
    started = time.perf_counter()
    translator.translate(texts, "ru", "en")
    return len(texts) / (time.perf_counter() - started)


def speed_table(model_dir: Path, work_dir: Path, engines: list[str], batches: list[int],
                beams: list[int], tokens: int, per_batch: int,
                repeats: int) -> list[dict[str, Any]]:
    """Sentences/s per engine and cell; engines alternate within a cell, best run kept.

    Alternating the engines and keeping each one's best of ``repeats`` runs makes
    the ratios robust to other load on the machine, which only ever slows a run.
    """
    loaded = {}
    for name in engines:
        translator, load_s = load_engine(name, model_dir, work_dir, tokens)
        loaded[name] = (translator, load_s)
        settings = translator.settings
        print(f"  loaded {name} ({settings.backend} {settings.quantization}) in {load_s:.1f} s",
              flush=True)
    rows = []
    for beam in beams:
        for batch in batches:
            count = per_batch if batch > 1 else max(4, per_batch // 4)
            count = max(count, 2 * batch)
            texts = sentences(count)
            best = dict.fromkeys(loaded, 0.0)
            for _ in range(repeats):
                for name, (translator, _) in loaded.items():
                    best[name] = max(best[name], rate(translator, texts, beam, batch))
            for name, speed in best.items():
                rows.append({"engine": name, "beam": beam, "batch": batch, "sentences": count,
                             "sent_per_s": speed, "load_s": loaded[name][1]})
                print(f"  {name:22} beam {beam} batch {batch:2}: {speed:6.2f} sent/s "
                      f"({count} sentences, best of {repeats})", flush=True)
    return rows


STAGE_SCRIPT = """
import json, sys, time
sys.path[:0] = {paths!r}
started = time.perf_counter()
from builders import segmented
from mtcheck.backtranslate import backtranslate
from mtcheck.config import BacktranslationConfig
config = BacktranslationConfig(**json.loads(sys.argv[1]))
texts = json.loads(sys.argv[2])
stage_started = time.perf_counter()
out = backtranslate({{"ru": segmented("ru", texts)}}, config)
done = time.perf_counter()
print(json.dumps({{"stage_s": done - stage_started, "process_s": done - started,
                  "status": out["ru"].status, "torch": "torch" in sys.modules}}))
"""


def cold_and_warm(model_dir: Path, cache_dir: Path, count: int,
                  tokens: int) -> dict[str, Any]:
    config = {"model": str(model_dir), "cache_dir": str(cache_dir), "device": "cpu",
              "max_length": tokens}
    script = STAGE_SCRIPT.format(paths=[str(ROOT / "src"), str(ROOT / "tests")])
    runs = []
    for _ in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-c", script, json.dumps(config),
                               json.dumps(sentences(count))],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"cold": runs[0], "warm": runs[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="batch 8 only, fewer sentences")
    parser.add_argument("--output-tokens", type=int, default=30)
    parser.add_argument("--sentences", type=int, default=32,
                        help="sentences per measurement (batch 1 uses a quarter)")
    parser.add_argument("--repeats", type=int, default=2,
                        help="runs per engine and cell; the best is kept")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--model-dir", type=Path,
                        help="keep the built model in this folder and reuse it next time")
    parser.add_argument("--engines", nargs="*", default=[], choices=sorted(ENGINES),
                        help="engines to time besides the default and the baseline")
    parser.add_argument("--no-stage", action="store_true",
                        help="skip the cold/warm run of the whole stage")
    args = parser.parse_args()
    engines = list(dict.fromkeys([BASELINE, DEFAULT, *args.engines]))
    batches = [8] if args.quick else [1, 8, 32]
    per_batch = 16 if args.quick else args.sentences
    if args.quick:
        args.repeats = 1
    from mtcheck.backtranslate.engines import available_cores

    print(f"back-translation benchmark: {available_cores()} CPU threads, "
          f"{args.output_tokens} output tokens per sentence", flush=True)
    with tempfile.TemporaryDirectory(prefix="mtcheck-bench-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        model_dir = args.model_dir or work / "opus-mt-shaped"
        if not (model_dir / "config.json").is_file():
            build_opus_mt_shaped(model_dir)
        print(f"built the opus-mt-shaped model in {time.perf_counter() - started:.1f} s",
              flush=True)
        rows = speed_table(model_dir, work / "engines", engines, batches, [1, 4],
                           args.output_tokens, per_batch, args.repeats)
        stage: dict[str, Any] = {}
        if not args.no_stage:
            stage_count = 32 if args.quick else 100
            print(f"cold vs warm stage, {stage_count} sentences, default backend, beam 4 ...",
                  flush=True)
            stage = cold_and_warm(model_dir, work / "stage-cache", stage_count,
                                  args.output_tokens)
    report(rows, stage)
    if args.json:
        args.json.write_text(json.dumps({"speed": rows, "stage": stage}, indent=2), "utf-8")


def report(rows: list[dict[str, Any]], stage: dict[str, Any]) -> None:
    baseline = {(r["beam"], r["batch"]): r["sent_per_s"] for r in rows
                if r["engine"] == BASELINE}
    print("\n| engine | beam | batch | sentences/s | vs transformers float32 |")
    print("|---|---|---|---|---|")
    for r in rows:
        ratio = r["sent_per_s"] / baseline[(r["beam"], r["batch"])]
        print(f"| {r['engine']} | {r['beam']} | {r['batch']} | {r['sent_per_s']:.2f} "
              f"| {ratio:.2f}x |")
    default = [r for r in rows if r["engine"] == DEFAULT]
    worst = min(default, key=lambda r: r["sent_per_s"] / baseline[(r["beam"], r["batch"])])
    worst_ratio = worst["sent_per_s"] / baseline[(worst["beam"], worst["batch"])]
    print(f"\ndefault vs {BASELINE}, slowest cell: beam {worst['beam']} batch "
          f"{worst['batch']}: {worst_ratio:.2f}x (goal >= 4x in every cell)")
    if not stage:
        return
    cold, warm = stage["cold"], stage["warm"]
    print(f"stage cold: {cold['stage_s']:.2f} s in backtranslate() "
          f"({cold['process_s']:.2f} s with imports); warm (all cached): "
          f"{warm['stage_s']:.3f} s ({warm['process_s']:.2f} s with imports; torch imported: "
          f"{warm['torch']})")
    print(f"warm re-run speed-up: {cold['stage_s'] / warm['stage_s']:.0f}x in the stage, "
          f"{cold['process_s'] / warm['process_s']:.0f}x with imports (goal >= 50x)")


if __name__ == "__main__":
    main()
