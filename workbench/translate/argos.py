"""The Argos engine: an Argos package's CTranslate2 and SentencePiece models, used directly.

argostranslate itself translates one paragraph per call with batches of 32
*tokens* (about one sentence each). Here all sentences of a job go to one
``translate_batch`` call: batches counted in examples, sorted by length,
beam size and threads configurable, CUDA used when CTranslate2 sees a GPU.
Models load once per engine object (keep one engine per process; the app
caches it with ``st.cache_resource``). torch is never imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Sequence

from workbench.errors import ModelError, NotFoundError
from workbench.translate.models import InstalledModel


@dataclass(frozen=True)
class ArgosOptions:
    beam_size: int = 4
    max_batch_size: int = 64          # sentences per batch (a job chunk is one batch by default, or one per replica)
    intra_threads: int = 0            # threads per replica; 0 with inter_threads 0: see thread_split
    inter_threads: int = 0            # model replicas translating batches in parallel; 0: see thread_split
    device: str = "auto"              # "auto", "cpu" or "cuda"
    # the type the model was saved in (int8 for Argos's packages): "auto" picks the fastest type
    # the CPU offers and converts float32 weights to it at load time, 0.3-1.6 s of a job's start
    compute_type: str = "default"
    length_penalty: float = 0.2       # as argostranslate
    max_decoding_length: int = 256

    def signature(self) -> str:
        return f"beam={self.beam_size}"

    def thread_split(self, cores: int | None = None) -> tuple[int, int]:
        """(replicas, threads each). Given: as given (threads alone: one replica). Not given: on
        up to 4 cores one single-threaded replica per core, else replicas of 4 threads; on 2
        shared cores the bench's grid found 2x1 faster than 1x2, and CTranslate2's own default
        (4 threads) oversubscribes a small machine."""
        if self.inter_threads or self.intra_threads:
            return max(1, self.inter_threads), self.intra_threads
        cores = cores or default_threads()
        return (cores, 1) if cores <= 4 else (cores // 4, 4)


@dataclass
class _Loaded:
    translator: object
    sp: object
    model: InstalledModel


@dataclass
class ArgosEngine:
    models: list[InstalledModel]
    options: ArgosOptions = field(default_factory=ArgosOptions)
    _loaded: dict = field(default_factory=dict, repr=False)
    _checksums: dict = field(default_factory=dict, repr=False)

    def supports(self, src: str, tgt: str) -> bool:
        return self._model(src, tgt) is not None

    def describe(self, src: str, tgt: str) -> str:
        model = self._require(src, tgt)
        return f"{model.label} {self.options.signature()}"

    def checksum(self, src: str, tgt: str) -> str:
        """The model's checksum, computed once per engine."""
        if (src, tgt) not in self._checksums:
            self._checksums[(src, tgt)] = self._require(src, tgt).checksum()
        return self._checksums[(src, tgt)]

    def _model(self, src: str, tgt: str) -> InstalledModel | None:
        return next((m for m in self.models if m.from_code == src and m.to_code == tgt), None)

    def _require(self, src: str, tgt: str) -> InstalledModel:
        model = self._model(src, tgt)
        if model is None:
            raise NotFoundError(f"no translation model for {src}->{tgt}; "
                                f"install one with: workbench models install {src} {tgt}")
        return model

    def device(self) -> str:
        if self.options.device != "auto":
            return self.options.device
        import ctranslate2

        try:
            return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        except Exception:  # pragma: no cover - broken CUDA set-up
            return "cpu"

    def load(self, src: str, tgt: str) -> _Loaded:
        key = (src, tgt)
        if key not in self._loaded:
            model = self._require(src, tgt)
            if model.tokenizer != "sentencepiece":
                raise ModelError(f"{model.path}: BPE-tokenised packages are not supported yet")
            import ctranslate2
            import sentencepiece

            try:
                translator = ctranslate2.Translator(
                    str(model.path / "model"), device=self.device(), compute_type=self.options.compute_type,
                    inter_threads=self.options.thread_split()[0], intra_threads=self.options.thread_split()[1])
                sp = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(f"cannot load the model in {model.path}: {exc}") from None
            self._loaded[key] = _Loaded(translator, sp, model)
        return self._loaded[key]

    def translate(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                  suppress: Sequence[str] = ()) -> list[list[str]]:
        return self._start(sentences, src, tgt, n_best, suppress, asynchronous=False)()

    def translate_later(self, sentences: Sequence[str], src: str, tgt: str, *, n_best: int = 1,
                        suppress: Sequence[str] = ()) -> Callable[[], list[list[str]]]:
        """Start translating and return a function that waits for ``translate``'s answer.
        CTranslate2 works in its own threads meanwhile (a job saves one chunk while the next
        is translated); the batches, and so the translations, are ``translate``'s."""
        return self._start(sentences, src, tgt, n_best, suppress, asynchronous=True)

    def _start(self, sentences: Sequence[str], src: str, tgt: str, n_best: int, suppress: Sequence[str],
               asynchronous: bool) -> Callable[[], list[list[str]]]:
        loaded = self.load(src, tgt)
        out: list[list[str]] = [[""] for _ in sentences]
        todo = [i for i, s in enumerate(sentences) if s.strip()]
        if not todo:
            return lambda: out
        # one SentencePiece thread: its default starts a thread pool per call, which costs more than
        # it saves on a chunk and competes with CTranslate2's threads for the cores
        tokens = loaded.sp.encode([sentences[i] for i in todo], out_type=str, num_threads=1)
        order = sorted(range(len(todo)), key=lambda k: len(tokens[k]))
        prefix = loaded.model.target_prefix
        kwargs = dict(
            max_batch_size=self._batch_size(len(order)), batch_type="examples",
            beam_size=max(self.options.beam_size, n_best), num_hypotheses=max(1, n_best),
            length_penalty=self.options.length_penalty, replace_unknowns=True,
            max_decoding_length=self.options.max_decoding_length)
        if prefix:
            kwargs["target_prefix"] = [[prefix]] * len(order)
        if suppress:
            seqs = suppress_sequences(loaded.sp, suppress)
            if seqs:
                kwargs["suppress_sequences"] = seqs
        try:
            results = loaded.translator.translate_batch([tokens[k] for k in order], asynchronous=asynchronous,
                                                        **kwargs)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"{loaded.model.label}: translation failed: {exc}") from None

        def wait() -> list[list[str]]:
            done = results
            if asynchronous:
                try:
                    done = [r.result() for r in results]
                except (ValueError, RuntimeError) as exc:
                    raise ModelError(f"{loaded.model.label}: translation failed: {exc}") from None
            # every hypothesis decoded in one SentencePiece call (as _detok does one by one)
            pieces = [_strip_prefix(h, prefix) for result in done for h in result.hypotheses]
            decoded = loaded.sp.decode_pieces(pieces, num_threads=1) if pieces else []
            texts = iter([t.replace("\u2581", " ").strip() for t in decoded])
            for k, result in zip(order, done):
                hyps = [next(texts) for _ in result.hypotheses]
                out[todo[k]] = hyps or [""]
            return out

        return wait

    def _batch_size(self, n: int) -> int:
        """With several model replicas (``inter_threads``), CTranslate2 runs one batch per replica
        at a time, so a call with one batch (a job chunk) would keep all but one idle: cut the
        call into as many batches as replicas. The cut depends only on the call's sentences,
        so a chunk translates the same way in a resumed run."""
        replicas = self.options.thread_split()[0]
        return max(1, min(self.options.max_batch_size, -(-n // replicas)))


def suppress_sequences(sp, phrases: Sequence[str]) -> list[list[str]]:
    """Token sequences of each phrase as the model may produce it: as written and capitalised,
    with and without SentencePiece's word-start mark on the first piece."""
    out: list[list[str]] = []
    unk = sp.unk_id()
    for phrase in dict.fromkeys(p.strip() for p in phrases if p.strip()):
        for variant in dict.fromkeys([phrase, phrase[:1].upper() + phrase[1:]]):
            pieces = sp.encode(variant, out_type=str)
            if not pieces:
                continue
            candidates = [pieces]
            head = pieces[0]
            if head == "\u2581" and len(pieces) > 1:
                candidates.append(pieces[1:])
            elif head.startswith("\u2581") and sp.piece_to_id(head[1:]) != unk:
                candidates.append([head[1:], *pieces[1:]])
            for seq in candidates:  # a piece outside the vocabulary cannot be produced as such
                if seq not in out and all(sp.piece_to_id(piece) != unk for piece in seq):
                    out.append(seq)
    return out


def _strip_prefix(pieces: list[str], prefix: str) -> list[str]:
    return pieces[1:] if prefix and pieces and pieces[0] == prefix else pieces


def _detok(sp, pieces: list[str], prefix: str) -> str:
    return sp.decode_pieces(_strip_prefix(pieces, prefix)).replace("\u2581", " ").strip()


def default_threads() -> int:
    return max(1, (os.cpu_count() or 1))
