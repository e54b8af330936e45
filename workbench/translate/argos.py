"""The Argos engine: an Argos package's CTranslate2 and SentencePiece models, used directly.

argostranslate itself translates one paragraph per call with batches of 32
*tokens* (about one sentence each). Here a call's sentences (a job chunk) are
sorted by length and cut into one batch per model replica, all started at once
(asynchronous ``translate_batch`` calls), each searched first with a length bound
whose answers are kept only when provably the unbounded search's
(``workbench.translate.bounded``); beam size and threads configurable, CUDA used
when CTranslate2 sees a GPU.
Models load once per engine object (keep one engine per process; the app
caches it with ``st.cache_resource``). torch is never imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from workbench.errors import ModelError, NotFoundError
from workbench.translate.bounded import decoding_bound, proven_best
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
    max_decoding_length: int = 256    # CTranslate2's default, as argostranslate
    # a first search of each batch stops at factor x its longest source + margin tokens; answers
    # the bound may have changed are searched again to max_decoding_length (0: no bound)
    max_length_factor: float = 2.0
    max_length_margin: int = 10

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
    checksum_cache: Path | None = None   # a JSON file remembering checksums (see InstalledModel.checksum)
    _loaded: dict = field(default_factory=dict, repr=False)
    _checksums: dict = field(default_factory=dict, repr=False)

    def supports(self, src: str, tgt: str) -> bool:
        return self._model(src, tgt) is not None

    def describe(self, src: str, tgt: str) -> str:
        model = self._require(src, tgt)
        return f"{model.label} {self.options.signature()}"

    def checksum(self, src: str, tgt: str) -> str:
        """The model's checksum, computed once per engine (and once per model with a cache)."""
        if (src, tgt) not in self._checksums:
            self._checksums[(src, tgt)] = self._require(src, tgt).checksum(self.checksum_cache)
        return self._checksums[(src, tgt)]

    def runtime(self, src: str, tgt: str) -> str:
        """The device and compute type the model runs with, as asked ("default": the type it was
        saved in, "auto": the fastest the device offers), the device resolved: a job's machine
        translations are taken by a later job only where this is the same (``jobs._take_earlier``)."""
        self._require(src, tgt)
        return f"device={self.device()} compute_type={self.options.compute_type}"

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
        search = _Search(self, loaded, max(1, n_best), max(self.options.beam_size, n_best),
                         suppress_sequences(loaded.sp, suppress) if suppress else [])
        # every batch its own call, all started before any is awaited: the replicas take them in turn
        started = [(batch, search.start([tokens[k] for k in batch])) for batch in self._batches(tokens)]

        def wait() -> list[list[str]]:
            done: dict[int, list[list[str]]] = {}
            for batch, get in started:
                done.update(zip(batch, get()))
            # every hypothesis decoded in one SentencePiece call (as _detok does one by one)
            prefix = loaded.model.target_prefix
            pieces = [_strip_prefix(h, prefix) for k in sorted(done) for h in done[k]]
            decoded = loaded.sp.decode_pieces(pieces, num_threads=1) if pieces else []
            texts = iter([t.replace("\u2581", " ").strip() for t in decoded])
            for k in sorted(done):
                out[todo[k]] = [next(texts) for _ in done[k]] or [""]
            return out

        if asynchronous:
            return wait
        result = wait()
        return lambda: result

    def _batches(self, tokens: list[list[str]]) -> list[list[int]]:
        """The call's sentences longest first, cut into batches of ``_batch_size``, as CTranslate2
        would cut one call (a batch of similar lengths pads little and shares one length bound)."""
        order = sorted(range(len(tokens)), key=lambda k: -len(tokens[k]))
        size = self._batch_size(len(order))
        return [order[i:i + size] for i in range(0, len(order), size)]

    def _batch_size(self, n: int) -> int:
        """With several model replicas (``inter_threads``), CTranslate2 runs one batch per replica
        at a time, so a call with one batch (a job chunk) would keep all but one idle: cut the
        call into as many batches as replicas. The cut depends only on the call's sentences,
        so a chunk translates the same way in a resumed run."""
        replicas = self.options.thread_split()[0]
        return max(1, min(self.options.max_batch_size, -(-n // replicas)))


class _Search:
    """One call's beam search settings; ``start`` runs a batch with its length bound (see
    ``workbench.translate.bounded``) and gives a function that waits for its n best hypotheses,
    translating again without the bound the sentences whose answer the bound may have changed."""

    def __init__(self, engine: ArgosEngine, loaded: _Loaded, n: int, beam: int, suppress: list[list[str]]):
        self.loaded, self.n, self.beam = loaded, n, beam
        self.options = engine.options
        self.full = self.options.max_decoding_length
        self.bounded = bool(self.options.max_length_factor and self.options.length_penalty
                            and not loaded.model.target_prefix)
        self.kwargs = dict(beam_size=beam, length_penalty=self.options.length_penalty, replace_unknowns=True,
                           return_scores=True)
        if suppress:
            self.kwargs["suppress_sequences"] = suppress

    def start(self, batch: list[list[str]]) -> Callable[[], list[list[list[str]]]]:
        longest = max(len(t) for t in batch)
        bound = decoding_bound(longest, self.options.max_length_factor, self.options.max_length_margin, self.full) \
            if self.bounded else self.full
        results = self._run(batch, bound)
        return lambda: self._collect(batch, bound, results)

    def _run(self, batch: list[list[str]], bound: int) -> list:
        prefix = self.loaded.model.target_prefix
        extra = {"target_prefix": [[prefix]] * len(batch)} if prefix else {}
        # a bounded search returns all its beams, for the proof
        hypotheses = self.n if bound >= self.full else self.beam
        try:
            return self.loaded.translator.translate_batch(
                batch, max_batch_size=0, asynchronous=True, max_decoding_length=bound,
                num_hypotheses=hypotheses, **self.kwargs, **extra)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"{self.loaded.model.label}: translation failed: {exc}") from None

    def _collect(self, batch: list[list[str]], bound: int, results: list) -> list[list[list[str]]]:
        done = [self._result(r) for r in results]
        if bound >= self.full:
            return [list(r.hypotheses) for r in done]
        answers = [proven_best(r.hypotheses, r.scores, bound=bound, full=self.full, n=self.n, beam_size=self.beam,
                               length_penalty=self.options.length_penalty) for r in done]
        again = [i for i, a in enumerate(answers) if a is None]
        if again:
            for i, result in zip(again, self._run([batch[i] for i in again], self.full)):
                answers[i] = list(self._result(result).hypotheses)
        return answers

    def _result(self, pending):
        try:
            return pending.result()
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"{self.loaded.model.label}: translation failed: {exc}") from None


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
