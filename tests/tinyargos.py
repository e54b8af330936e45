"""Build a tiny but valid Argos Translate package in well under a second.

The package has everything a real one has, only very small:

* ``sentencepiece.model``: a SentencePiece model trained on a few sentences
  (``hard_vocab_limit=False`` lets the trainer settle on a small vocabulary);
* ``model/``: a CTranslate2 Transformer built from
  ``ctranslate2.specs.TransformerSpec.from_config`` with tiny dimensions and
  seeded random weights; its vocabularies are the SentencePiece pieces, and a
  positive bias on the ``</s>`` logit keeps the random outputs short;
* ``minisbd/tiny.onnx``: a sentence splitter that MiniSBD (and so Argos) can
  load, so Argos never downloads one; it ends a sentence after ``.``, ``!``
  and ``?``;
* ``metadata.json`` with from_code, to_code, package_version, argos_version
  and type.

The translations are random but deterministic for a given seed. Nothing here
imports torch: ``ctranslate2.specs`` is imported with torch hidden.

Use ``argos_environ(root)`` for the ``XDG_*``/``ARGOS_*`` variables to set
before the first ``argostranslate`` import of a process.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

TRAINING_TEXT = """\
The workers of the shipyard met on Monday and voted to strike.
The union leaders asked for patience, but the assembly refused.
Rents rose again this year while wages stayed where they were.
A delegation travelled to the capital to meet the miners.
The committee published a statement in four languages.
Los trabajadores votaron la huelga en una asamblea abierta.
Die Belegschaft hat die Forderungen der Gewerkschaft abgelehnt.
İşçiler fabrikanın önünde toplandı ve basın açıklaması yaptı.
Numbers like 1917, 40 hours and 12 percent appear in the press.
Who decides? The workers decide! Solidarity across borders.
"""

D_MODEL, FFN, HEADS = 16, 32, 2
WEIGHT_SCALE = 0.3


def argos_environ(root: str | Path) -> dict[str, str]:
    """Environment that keeps argostranslate inside ``root`` (set it before importing argos)."""
    root = Path(root)
    return {
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "ARGOS_PACKAGES_DIR": str(root / "packages"),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "ARGOS_DEVICE_TYPE": "cpu",
    }


def package_name(from_code: str, to_code: str, version: str = "1.0") -> str:
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def build_package(parent: str | Path, from_code: str = "en", to_code: str = "es", *,
                  seed: int = 0, version: str = "1.0", layers: int = 1, eos_bias: float = 2.0,
                  training_text: str = TRAINING_TEXT, d_model: int = D_MODEL, ffn: int = FFN,
                  heads: int = HEADS, vocab_size: int | None = None, quantization: str | None = None) -> Path:
    """Write an installed-style package folder under ``parent``; returns its path.

    The defaults make a model of a few hundred KB; larger ``d_model``/``ffn``/``layers``
    give a model whose compute per token is closer to a real one (for benchmarks).
    ``vocab_size`` pads the model's vocabularies with pieces the tokenizer never produces
    (the output layer then costs what a real 32k vocabulary costs); ``quantization``
    (e.g. ``int8``) stores the weights as CTranslate2's converters would."""
    pkg = Path(parent) / package_name(from_code, to_code, version)
    (pkg / "model").mkdir(parents=True, exist_ok=True)
    (pkg / "minisbd").mkdir(exist_ok=True)
    sp_bytes = _train_sentencepiece(training_text)
    (pkg / "sentencepiece.model").write_bytes(sp_bytes)
    pieces = _pieces(sp_bytes)
    if vocab_size and vocab_size > len(pieces):
        pieces += [f"\u2581pad{i}" for i in range(vocab_size - len(pieces))]
    _build_ctranslate2_model(pkg / "model", pieces, seed=seed, layers=layers, eos_bias=eos_bias,
                             d_model=d_model, ffn=ffn, heads=heads, quantization=quantization)
    (pkg / "minisbd" / "tiny.onnx").write_bytes(minisbd_onnx())
    metadata = {
        "package_version": version, "argos_version": "1.9", "from_code": from_code,
        "from_name": from_code.upper(), "to_code": to_code, "to_name": to_code.upper(),
        "type": "translate", "links": [],
    }
    (pkg / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
    (pkg / "README.md").write_text(f"Tiny random test model {from_code}->{to_code} (seed {seed}).\n",
                                   encoding="utf-8")
    return pkg


def build_argosmodel(path: str | Path, from_code: str = "en", to_code: str = "es", **kwargs) -> Path:
    """Write a ``.argosmodel`` zip (a package folder inside a zip) at ``path``."""
    import tempfile

    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        pkg = build_package(tmp, from_code, to_code, **kwargs)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(pkg.rglob("*")):
                if file.is_file():
                    zf.write(file, f"{pkg.name}/{file.relative_to(pkg).as_posix()}")
    return path


# --------------------------------------------------------------------------- sentencepiece

def _train_sentencepiece(text: str) -> bytes:
    import sentencepiece as spm

    out = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()), model_writer=out, vocab_size=300,
        hard_vocab_limit=False, model_type="unigram", character_coverage=1.0,
        minloglevel=3, num_threads=1)
    return out.getvalue()


def _pieces(sp_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


# --------------------------------------------------------------------------- ctranslate2

def _import_specs():
    """Import ctranslate2.specs with torch hidden (a None entry makes the import fail fast)."""
    hidden = "torch" not in sys.modules
    if hidden:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import ctranslate2.specs as specs
    finally:
        if hidden:
            del sys.modules["torch"]
    return specs


def _build_ctranslate2_model(out_dir: Path, pieces: list[str], *, seed: int, layers: int,
                             eos_bias: float, d_model: int = D_MODEL, ffn: int = FFN, heads: int = HEADS,
                             quantization: str | None = None) -> None:
    specs = _import_specs()
    spec = specs.TransformerSpec.from_config(layers, heads)
    rng = np.random.default_rng(seed)
    vocab = len(pieces)
    eos = pieces.index("</s>")

    def fill(layer, name, value):
        if value is not None:
            return
        attr = name.rsplit("/", 1)[-1]
        setattr(layer, attr, _shape_for(name, vocab, rng, d_model, ffn))

    spec._visit(fill)
    bias = np.zeros(vocab, dtype=np.float32)
    bias[eos] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    if quantization:
        spec.optimize(quantization=quantization)
    spec.save(str(out_dir))


def _shape_for(name: str, vocab: int, rng, d: int = D_MODEL, ffn: int = FFN) -> np.ndarray:
    if name.endswith("/gamma"):
        return np.ones(d, dtype=np.float32)
    if name.endswith("/beta"):
        return np.zeros(d, dtype=np.float32)
    if "embeddings" in name or name.endswith("projection/weight"):
        shape = (vocab, d)
    elif "self_attention/linear_0" in name:
        shape = (3 * d, d)
    elif "/attention/linear_1" in name:
        shape = (2 * d, d)
    elif "ffn/linear_0" in name:
        shape = (ffn, d)
    elif "ffn/linear_1" in name:
        shape = (d, ffn)
    else:
        shape = (d, d)
    scale = WEIGHT_SCALE * (D_MODEL / d) ** 0.5  # keep activations in range as the model grows
    return (rng.standard_normal(shape) * scale).astype(np.float32)


# --------------------------------------------------------------------------- minisbd onnx

_ENDERS = ".!?"


def minisbd_onnx() -> bytes:
    """A MiniSBD model: per character, class 2 (end of sentence) after . ! ?, else 0.

    Inputs ``units`` (int64 [batch, chars]) and ``features`` (float [batch, chars, 1]);
    output logits [batch, chars, 5] = Gather(table, units) + MatMul(features, zeros).
    Written as ONNX protobuf by hand so no ``onnx`` package is needed.
    """
    units = ["<PAD>", "<UNK>", " "] + list(_ENDERS)
    table = np.zeros((len(units), 5), dtype=np.float32)
    table[:, 0] = 1.0
    for ch in _ENDERS:
        table[units.index(ch)] = [0, 0, 1, 0, 0]
    vocab = {"lang": "xx", "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": {u: i for i, u in enumerate(units)}, "_id2unit": units}
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32}
    graph = b"".join([
        _field(1, _node(["table", "units"], ["emb"], "Gather", [_attr_int("axis", 0)])),
        _field(1, _node(["features", "zeros"], ["feat"], "MatMul")),
        _field(1, _node(["emb", "feat"], ["logits"], "Add")),
        _field(2, b"tinysbd"),
        _field(5, _tensor("table", table)),
        _field(5, _tensor("zeros", np.zeros((1, 5), dtype=np.float32))),
        _field(11, _value_info("units", 7, ["batch", "chars"])),
        _field(11, _value_info("features", 1, ["batch", "chars", 1])),
        _field(12, _value_info("logits", 1, ["batch", "chars", 5])),
    ])
    meta = [("lang_code", "xx"), ("config", json.dumps(config)), ("vocab", json.dumps(vocab)),
            ("lexicon", "null")]
    return b"".join([
        _varint_field(1, 8),                                   # ir_version
        _field(2, b"tinyargos"),                               # producer_name
        _field(7, graph),
        _field(8, _field(1, b"") + _varint_field(2, 13)),      # opset_import: ai.onnx 13
        *[_field(14, _field(1, k.encode()) + _field(2, v.encode())) for k, v in meta],
    ])


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _varint_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _node(inputs, outputs, op, attrs=()) -> bytes:
    parts = [_field(1, i.encode()) for i in inputs] + [_field(2, o.encode()) for o in outputs]
    parts += [_field(3, f"{op}_{outputs[0]}".encode()), _field(4, op.encode())]
    parts += [_field(5, a) for a in attrs]
    return b"".join(parts)


def _attr_int(name: str, value: int) -> bytes:
    return _field(1, name.encode()) + _varint_field(3, value) + _varint_field(20, 2)  # type INT


def _tensor(name: str, array: np.ndarray) -> bytes:
    dims = b"".join(_varint_field(1, d) for d in array.shape)
    return dims + _varint_field(2, 1) + _field(8, name.encode()) + _field(9, array.tobytes())


def _value_info(name: str, elem_type: int, dims) -> bytes:
    shape = b"".join(_field(1, _varint_field(1, d) if isinstance(d, int) else _field(2, d.encode()))
                     for d in dims)
    tensor_type = _varint_field(1, elem_type) + _field(2, shape)
    return _field(1, name.encode()) + _field(2, _field(1, tensor_type))


if __name__ == "__main__":  # pragma: no cover - manual check
    import tempfile
    import time

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        print(build_package(tmp), f"{time.perf_counter() - start:.3f}s")
