"""Tiny random-weight translation models built on the spot, for tests that need a real model.

No weights can be downloaded in CI, so the tests train a SentencePiece model on a
few dozen sentences and save a transformers model of a few thousand parameters
with the same files a hub checkpoint has. ``init_std=1.0`` makes the output
depend on the input (the default init gives the same output for every input);
everything is seeded, so the models and their outputs are deterministic.

:func:`install_in_hub_cache` lays a saved model out exactly as the Hugging Face
hub cache does, so tests load it by hub id with ``HF_HUB_OFFLINE=1`` the way
users load real models.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

TRAINING_SENTENCES = (
    "The minister arrived in Seoul on Monday.",
    "Officials said the talks would continue next week.",
    "Prices rose by three percent in October.",
    "The river flooded several villages after the storm.",
    "She thanked the volunteers for their help.",
    "A new bridge will open in the spring.",
    "Министр прибыл в Сеул в понедельник.",
    "Чиновники заявили, что переговоры продолжатся на следующей неделе.",
    "Цены выросли на три процента в октябре.",
    "После шторма река затопила несколько деревень.",
    "Она поблагодарила волонтёров за помощь.",
    "Весной откроется новый мост.",
    "장관은 월요일에 서울에 도착했다.",
    "관리들은 회담이 다음 주에도 계속될 것이라고 말했다.",
    "10월에 물가가 3퍼센트 올랐다.",
    "폭풍 후 강이 여러 마을을 침수시켰다.",
    "그녀는 자원봉사자들에게 감사를 표했다.",
    "봄에 새 다리가 개통된다.",
    "Le ministre est arrivé à Séoul lundi.",
    "Les responsables ont déclaré que les pourparlers se poursuivraient.",
    "Les prix ont augmenté de trois pour cent en octobre.",
    "La rivière a inondé plusieurs villages après la tempête.",
    "Elle a remercié les bénévoles pour leur aide.",
    "Un nouveau pont ouvrira au printemps.",
    "Der Minister kam am Montag in Seoul an.",
    "Die Preise stiegen im Oktober um drei Prozent.",
    "Nach dem Sturm überflutete der Fluss mehrere Dörfer.",
    "Sie dankte den Freiwilligen für ihre Hilfe.",
    "Im Frühling wird eine neue Brücke eröffnet.",
    "0123456789 ,.;:!?()-\"'",
)

# The revision a test model gets in the fake hub cache: a 40-hex commit hash like the hub's.
TINY_REVISION = "0123456789abcdef0123456789abcdef01234567"

_TINY_DIMS: dict[str, Any] = {
    "d_model": 16,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 32,
    "decoder_ffn_dim": 32,
    "max_position_embeddings": 128,
    "init_std": 1.0,
    "dropout": 0.0,
    "attention_dropout": 0.0,
    "activation_dropout": 0.0,
    "scale_embedding": True,
}


def train_sentencepiece(vocab_size: int = 400, model_type: str = "unigram") -> bytes:
    """A SentencePiece model trained on :data:`TRAINING_SENTENCES` (serialised bytes)."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_SENTENCES),
        model_writer=buffer,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        model_type=model_type,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    return buffer.getvalue()


def _pieces(spm_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _seed() -> None:
    import torch

    torch.manual_seed(1234)


def build_marian(dest: Path) -> Path:
    """Save a tiny MarianMT model (like Helsinki-NLP/opus-mt-xx-en) into ``dest``."""
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    dest.mkdir(parents=True, exist_ok=True)
    spm_bytes = train_sentencepiece()
    (dest / "source.spm").write_bytes(spm_bytes)
    (dest / "target.spm").write_bytes(spm_bytes)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in _pieces(spm_bytes):
        if piece not in vocab and piece not in {"<s>", "<unk>", "</s>"}:
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(dest / "source.spm"),
        target_spm=str(dest / "target.spm"),
        vocab=str(dest / "vocab.json"),
    )
    tokenizer.save_pretrained(dest)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        **_TINY_DIMS,
    )
    _seed()
    model = MarianMTModel(config)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad,
        pad_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        bad_words_ids=[[pad]],
        max_length=32,
        num_beams=1,
    )
    model.save_pretrained(dest)
    return dest


def build_m2m100(dest: Path) -> Path:
    """Save a tiny M2M100 model (like facebook/m2m100_418M) into ``dest``."""
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    dest.mkdir(parents=True, exist_ok=True)
    spm_bytes = train_sentencepiece()
    (dest / "sentencepiece.bpe.model").write_bytes(spm_bytes)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _pieces(spm_bytes):
        if piece not in vocab:
            vocab[piece] = len(vocab)
    (dest / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    # Like the real checkpoints, the language tokens are declared special (so decoding drops them).
    language_tokens = [f"__{code}__" for code in FAIRSEQ_LANGUAGE_CODES["m2m100"]]
    tokenizer = M2M100Tokenizer(
        vocab_file=str(dest / "vocab.json"),
        spm_file=str(dest / "sentencepiece.bpe.model"),
        additional_special_tokens=language_tokens,
    )
    tokenizer.save_pretrained(dest)
    # len(tokenizer) omits the language tokens, which sit after the vocabulary.
    vocab_size = max(tokenizer.lang_token_to_id.values()) + 1 + tokenizer.num_madeup_words
    return _save_m2m100_model(dest, vocab_size, M2M100Config, M2M100ForConditionalGeneration,
                              GenerationConfig)


def build_nllb(dest: Path) -> Path:
    """Save a tiny NLLB-200 model (like facebook/nllb-200-distilled-600M) into ``dest``."""
    from transformers import AutoTokenizer, GenerationConfig, M2M100Config, M2M100ForConditionalGeneration

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "sentencepiece.bpe.model").write_bytes(train_sentencepiece(model_type="bpe"))
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    tokenizer_config = {
        "tokenizer_class": "NllbTokenizer",
        "src_lang": "eng_Latn",
        "extra_special_tokens": list(FAIRSEQ_LANGUAGE_CODES),
    }
    (dest / "tokenizer_config.json").write_text(json.dumps(tokenizer_config), "utf-8")
    tokenizer = AutoTokenizer.from_pretrained(str(dest))
    tokenizer.save_pretrained(dest)
    return _save_m2m100_model(dest, len(tokenizer), M2M100Config, M2M100ForConditionalGeneration,
                              GenerationConfig)


def _save_m2m100_model(dest: Path, vocab_size: int, config_class: Any, model_class: Any,
                       generation_class: Any) -> Path:
    config = config_class(
        vocab_size=vocab_size,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        **_TINY_DIMS,
    )
    _seed()
    model = model_class(config)
    model.generation_config = generation_class(
        decoder_start_token_id=2, pad_token_id=1, bos_token_id=0, eos_token_id=2,
        max_length=32, num_beams=1,
    )
    model.save_pretrained(dest)
    return dest


def install_in_hub_cache(model_dir: Path, hf_home: Path, repo_id: str,
                         revision: str = TINY_REVISION) -> Path:
    """Copy a saved model into ``hf_home`` as the hub cache stores ``repo_id`` at ``revision``.

    Real caches keep blobs by hash and link them from the snapshot; plain copies
    in the snapshot folder load the same way and work on every file system.
    """
    repo_dir = hf_home / "hub" / ("models--" + repo_id.replace("/", "--"))
    snapshot = repo_dir / "snapshots" / revision
    if snapshot.exists():
        shutil.rmtree(snapshot)
    shutil.copytree(model_dir, snapshot)
    (repo_dir / "refs").mkdir(parents=True, exist_ok=True)
    (repo_dir / "refs" / "main").write_text(revision, "utf-8")
    (repo_dir / "blobs").mkdir(exist_ok=True)
    return snapshot


def build_sentence_embedder(dest: Path) -> Path:
    """Save a tiny sentence-transformers model (BERT + mean pooling, like all-MiniLM-L6-v2)."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizer

    bert_dir = dest.parent / f"{dest.name}-bert"
    bert_dir.mkdir(parents=True, exist_ok=True)
    characters = sorted({c for s in TRAINING_SENTENCES for c in s.lower() if not c.isspace()})
    words = sorted({w.strip(".,;:!?()\"'").lower() for s in TRAINING_SENTENCES for w in s.split()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *characters,
             *(f"##{c}" for c in characters), *(w for w in words if len(w) > 1)]
    (bert_dir / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", "utf-8")
    tokenizer = BertTokenizer(str(bert_dir / "vocab.txt"))
    tokenizer.save_pretrained(bert_dir)
    _seed()
    bert = BertModel(BertConfig(vocab_size=len(tokenizer), hidden_size=16, num_hidden_layers=1,
                                num_attention_heads=2, intermediate_size=32,
                                max_position_embeddings=64, initializer_range=1.0))
    bert.save_pretrained(bert_dir)
    transformer = Transformer(str(bert_dir), max_seq_length=64)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling, Normalize()],
                        device="cpu").save(str(dest))
    shutil.rmtree(bert_dir)
    return dest
