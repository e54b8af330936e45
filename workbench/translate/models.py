"""Argos Translate packages: find, install (from a file or the Argos index), remove, route.

Packages are installed where argostranslate/argospm install them
(``$ARGOS_PACKAGES_DIR``, or else ``$XDG_DATA_HOME/argos-translate/packages``,
default ``~/.local/share/...``), so ``argospm list`` sees them, and are looked
for there and in the workbench's older models folder (``settings.models_dir``).
Nothing here imports argostranslate (its settings module creates folders and
its install path imports torch); the package format is read directly.

An ``.argosmodel`` is a zip of one package folder holding ``metadata.json``,
``model/`` (a CTranslate2 model) and ``sentencepiece.model`` or ``bpe.model``.
Archives are checked before anything is written: entries must stay inside one
folder (no absolute paths, ``..`` or links) and the unpacked size is bounded.
Language codes in ``metadata.json`` must look like ISO 639 codes, since the
install folder's name is built from them, and a package is installed only
after its models load (CTranslate2 and SentencePiece) from a staging folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.errors import InputError, ModelError, NotFoundError
from workbench.settings import Settings

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
PIVOT = "en"
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_ENTRIES = 5000
MAX_RATIO = 200  # uncompressed/compressed for any entry larger than 1 MiB
# ISO 639-1/-2/-3 letters, optionally a region or script subtag (argos uses e.g. "zt", "pb")
LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")


@dataclass(frozen=True)
class InstalledModel:
    from_code: str
    to_code: str
    package_version: str
    argos_version: str
    name: str
    path: Path
    size_bytes: int
    location: str          # "workbench" or "argos"
    tokenizer: str         # "sentencepiece" or "bpe"
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}-{self.to_code}"

    def checksum(self, cache: Path | None = None) -> str:
        """SHA-256 of the model weights and the tokenizer: a job records it, so a model
        replaced in place (same name and version) is noticed. With ``cache`` (a JSON file),
        a checksum is hashed once and then remembered by its files' identity (device,
        inode, size, modification and change times): a file written or replaced gets a new
        change time, which no program can set back, and is hashed again (files changed in
        the last two seconds are not remembered). Hashing a base-size model's 90 MB takes
        0.07 s of every job's start."""
        identity = [_identity(self.path / part) for part in self._checksummed()]
        remembered = _read_cache(cache).get(str(self.path.resolve())) if cache else None
        if remembered and remembered.get("files") == identity:
            return remembered["sha256"]
        import hashlib

        digest = hashlib.sha256()
        for part in self._checksummed():
            with open(self.path / part, "rb") as f:
                while block := f.read(1 << 22):
                    digest.update(block)
        if cache and not _racy(identity):
            _remember(cache, str(self.path.resolve()), {"files": identity, "sha256": digest.hexdigest()})
        return digest.hexdigest()

    def _checksummed(self) -> tuple[str, str]:
        return ("model/model.bin", f"{self.tokenizer}.model")

    @property
    def label(self) -> str:
        """Provenance: which model produced a translation."""
        return f"argos {self.from_code}->{self.to_code} {self.package_version} ({self.name})"


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


RACY_NS = 2_000_000_000   # a file changed this recently is not remembered (see _racy)


def _racy(identity: list[list[int]]) -> bool:
    """Whether a file changed so recently that another change could still leave the same
    change time (file systems keep times in clock ticks of milliseconds to seconds): such a
    checksum is not remembered, as git treats racily clean files."""
    import time

    return any(ctime_ns > time.time_ns() - RACY_NS for *_, ctime_ns in identity)


def _read_cache(cache: Path) -> dict:
    try:
        found = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):   # none yet, or unreadable: hash again
        return {}
    return found if isinstance(found, dict) else {}


def _remember(cache: Path, key: str, entry: dict) -> None:
    """Add one checksum to the cache file (written whole, atomically); a cache that cannot be
    written only means hashing again next time."""
    from workbench.files import write_text_atomic

    entries = _read_cache(cache)
    entries[key] = entry
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(cache, json.dumps(entries, sort_keys=True))
    except (OSError, InputError):
        pass


def argos_packages_dir(environ: dict | None = None) -> Path:
    """Where argostranslate installs packages, computed as argostranslate does."""
    env = os.environ if environ is None else environ
    if env.get("ARGOS_PACKAGES_DIR"):
        return Path(env["ARGOS_PACKAGES_DIR"]).expanduser()
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home).expanduser() / "argos-translate" / "packages"


def model_dirs(settings: Settings, environ: dict | None = None) -> list[tuple[Path, str]]:
    """Argos's package folder (where installs go) first, then the workbench's older models folder."""
    return [(argos_packages_dir(environ), "argos"), (settings.models_dir, "workbench")]


def list_models(settings: Settings, environ: dict | None = None) -> list[InstalledModel]:
    """Every installed translation package, Argos's folder first; broken folders are skipped."""
    found: list[InstalledModel] = []
    seen: set[Path] = set()
    for folder, location in model_dirs(settings, environ):
        if not folder.is_dir():
            continue
        for pkg in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            real = pkg.resolve()
            if real in seen:
                continue
            seen.add(real)
            try:
                model = read_package(pkg, location)
            except ModelError:
                continue
            if model is not None:
                found.append(model)
    return found


def read_package(pkg: Path, location: str = "workbench") -> InstalledModel | None:
    """Read an unpacked package folder; None for non-translation packages (e.g. sbd)."""
    meta = _read_metadata(pkg / "metadata.json", str(pkg / "metadata.json"))
    if meta.get("type", "translate") != "translate":
        return None
    if _inside_file(pkg, "sentencepiece.model"):
        tokenizer = "sentencepiece"
    elif _inside_file(pkg, "bpe.model"):
        tokenizer = "bpe"
    else:
        raise ModelError(f"{pkg}: no sentencepiece.model or bpe.model")
    if not _inside_file(pkg, "model/model.bin"):
        raise ModelError(f"{pkg}: no model/model.bin")
    size = sum(f.stat().st_size for f in pkg.rglob("*") if f.is_file() and not f.is_symlink())
    return InstalledModel(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")),
                          str(meta.get("argos_version", "")), pkg.name, pkg, size, location, tokenizer,
                          str(meta.get("target_prefix", "") or ""))


def _inside_file(pkg: Path, rel: str) -> bool:
    """A regular file under ``pkg`` that stays inside it (a link pointing out does not count)."""
    path = pkg / rel
    try:
        return path.is_file() and path.resolve().is_relative_to(pkg.resolve())
    except OSError:
        return False


def _read_metadata(path: Path, name: str) -> dict:
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{name}: missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{name}: not valid JSON ({exc})") from None
    return _check_metadata(meta, name)


def _check_metadata(meta, name: str) -> dict:
    if not isinstance(meta, dict):
        raise ModelError(f"{name}: expected a JSON object")
    if meta.get("type", "translate") == "translate":
        for key in ("from_code", "to_code"):
            if not isinstance(meta.get(key), str) or not meta[key].strip():
                raise ModelError(f"{name}: field {key} is missing")
            if not LANG_CODE.fullmatch(meta[key]):
                raise ModelError(f"{name}: field {key} {meta[key][:60]!r} is not a language code "
                                 "(ISO 639, like en or spa)")
    return meta


# --------------------------------------------------------------------------- routing

def find_route(models: list[InstalledModel], src: str, tgt: str, via: str = PIVOT) -> list[InstalledModel]:
    """One model for a direct pair, or two through ``via`` (English) as argos does."""
    by_pair: dict[tuple[str, str], InstalledModel] = {}
    for m in models:
        by_pair.setdefault((m.from_code, m.to_code), m)
    if (src, tgt) in by_pair:
        return [by_pair[(src, tgt)]]
    if src != via and tgt != via and (src, via) in by_pair and (via, tgt) in by_pair:
        return [by_pair[(src, via)], by_pair[(via, tgt)]]
    have = ", ".join(sorted(f"{a}-{b}" for a, b in by_pair)) or "none"
    raise NotFoundError(f"no translation model for {src}->{tgt} (directly or through {via}); "
                        f"installed pairs: {have}. Install one with: workbench models install {src} {tgt}")


# --------------------------------------------------------------------------- install

def install_file(settings: Settings, archive: str | Path, environ: dict | None = None) -> InstalledModel:
    """Install a ``.argosmodel`` into Argos's package folder, replacing packages of the same pair.

    The package is unpacked into a hidden staging folder and its models loaded
    before it takes its place; a package that does not load leaves nothing behind."""
    archive = Path(archive)
    top, meta = validate_archive(archive)
    dest_root = argos_packages_dir(environ)
    try:
        dest_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the models folder {dest_root}: {exc.strerror}") from exc
    final = dest_root / f"translate-{meta['from_code']}_{meta['to_code']}"
    if final.parent != dest_root:  # the codes were checked; this guards the folder itself
        raise InputError(f"{archive}: unsafe package name {final.name!r}")
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=dest_root))
    try:
        _extract(archive, top, staging / "pkg")
        model = read_package(staging / "pkg")
        if model is None:
            raise ModelError(f"{archive}: not a translation package (type {meta.get('type')!r})")
        verify_loads(model, str(archive))
        _replace_pair(dest_root, model, final, staging / "pkg")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return read_package(final, "argos")


def _replace_pair(dest_root: Path, model: InstalledModel, final: Path, unpacked: Path) -> None:
    """Move ``unpacked`` to ``final``; older folders of the same pair go (renamed first, then deleted)."""
    same_pair = [p for p in dest_root.iterdir() if p.is_dir() and not p.name.startswith(".")
                 and _pair_of(p) == (model.from_code, model.to_code)]
    old = []
    for n, folder in enumerate(same_pair):
        moved = dest_root / f".old-{os.getpid()}-{n}-{folder.name}"
        folder.rename(moved)
        old.append(moved)
    unpacked.rename(final)
    for folder in old:
        shutil.rmtree(folder, ignore_errors=True)


def _pair_of(pkg: Path) -> tuple[str, str] | None:
    try:
        model = read_package(pkg)
    except ModelError:
        return None
    return (model.from_code, model.to_code) if model else None


def verify_loads(model: InstalledModel, name: str) -> None:
    """Load the package's models and translate one word; ModelError says why it cannot be used."""
    import ctranslate2
    import sentencepiece

    try:
        translator = ctranslate2.Translator(str(model.path / "model"), device="cpu", intra_threads=1)
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError with its own text
        raise ModelError(f"{name}: model/model.bin does not load in CTranslate2 ({_first_line(exc)}); "
                         "nothing was installed") from None
    if model.tokenizer != "sentencepiece":
        return
    try:
        sp = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        tokens = sp.encode("test", out_type=str)
        translator.translate_batch([tokens], beam_size=1, max_decoding_length=4)
    except Exception as exc:
        raise ModelError(f"{name}: sentencepiece.model does not load or does not fit the model "
                         f"({_first_line(exc)}); nothing was installed") from None


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def validate_archive(archive: Path) -> tuple[str, dict]:
    """Check an .argosmodel without unpacking it; returns (top folder, metadata)."""
    name = str(archive)
    if not archive.is_file():
        raise InputError(f"cannot read {name}: no such file")
    if not zipfile.is_zipfile(archive):
        raise InputError(f"{name}: not a zip archive (an .argosmodel file is a zip)")
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            top = _check_entries(infos, name)
            names = {i.filename.rstrip("/") for i in infos}
            for needed in ("metadata.json", "model/model.bin"):
                if f"{top}/{needed}" not in names:
                    raise InputError(f"{name}: {needed} is missing from the package")
            if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
                raise InputError(f"{name}: the tokenizer (sentencepiece.model or bpe.model) is missing")
            try:
                meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"{name}: metadata.json is not valid JSON ({exc})") from None
    except zipfile.BadZipFile as exc:
        raise InputError(f"{name}: damaged zip archive ({exc})") from None
    try:
        meta = _check_metadata(meta, f"{name}: metadata.json")
    except ModelError as exc:
        raise InputError(str(exc)) from None
    if meta.get("type", "translate") != "translate":
        raise InputError(f"{name}: not a translation package (type {meta.get('type')!r})")
    return top, meta


def _check_entries(infos: list[zipfile.ZipInfo], name: str) -> str:
    if not infos:
        raise InputError(f"{name}: the archive is empty")
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"{name}: too many entries ({len(infos)}); refusing a possible zip bomb")
    tops, total = set(), 0
    for info in infos:
        path = info.filename
        parts = PurePosixPath(path).parts
        if path.startswith(("/", "\\")) or "\\" in path or ".." in parts or (parts and ":" in parts[0]):
            raise InputError(f"{name}: unsafe path in archive: {path!r}")
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise InputError(f"{name}: the archive holds a link ({path!r}); refusing it")
        if not parts:
            raise InputError(f"{name}: empty entry name in archive")
        tops.add(parts[0])
        total += info.file_size
        if info.file_size > 1024**2 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name}: entry {path!r} expands {info.file_size // max(info.compress_size, 1)}x; "
                             "refusing a possible zip bomb")
    if total > MAX_UNPACKED_BYTES:
        raise InputError(f"{name}: unpacks to {total} bytes, more than {MAX_UNPACKED_BYTES}; refusing it")
    if len(tops) != 1 or all(len(PurePosixPath(i.filename).parts) == 1 for i in infos):
        raise InputError(f"{name}: expected one package folder at the top of the archive, found "
                         f"{', '.join(sorted(tops)[:5])}")
    return tops.pop()


def _extract(archive: Path, top: str, dest: Path) -> None:
    """Unpack ``top/`` into ``dest``, counting real bytes (declared sizes can lie)."""
    budget = MAX_UNPACKED_BYTES
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            rel = PurePosixPath(info.filename).relative_to(top)
            target = dest.joinpath(*rel.parts) if rel.parts else dest
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with zf.open(info) as src, open(target, "wb") as out:
                while chunk := src.read(1 << 20):
                    written += len(chunk)
                    budget -= len(chunk)
                    if written > info.file_size or budget < 0:
                        raise InputError(f"{archive}: entry {info.filename!r} is larger than declared; "
                                         "refusing a possible zip bomb")
                    out.write(chunk)


def install_pair(settings: Settings, src: str, tgt: str, index_url: str | None = None,
                 environ: dict | None = None, timeout: float = 20.0) -> InstalledModel:
    """Download the package for src->tgt from the Argos index and install it."""
    for code in (src, tgt):
        if not LANG_CODE.fullmatch(code):
            raise InputError(f"{code[:60]!r} is not a language code (ISO 639, like en or spa)")
    env = os.environ if environ is None else environ
    base = index_url or env.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    url = base if base.endswith(".json") else base.rstrip("/") + "/index.json"
    index = json.loads(_fetch(url, timeout, "the Argos package index").decode("utf-8"))
    entry = next((e for e in index if isinstance(e, dict) and e.get("from_code") == src
                  and e.get("to_code") == tgt and e.get("type", "translate") == "translate"), None)
    if entry is None or not entry.get("links"):
        raise NotFoundError(f"the Argos package index has no package for {src}->{tgt}")
    with tempfile.TemporaryDirectory(prefix="workbench-download-") as folder:
        tmp = Path(folder) / f"{src}_{tgt}.argosmodel"
        tmp.write_bytes(_fetch(entry["links"][0], max(timeout, 600.0), f"the package {src}->{tgt}"))
        return install_file(settings, tmp, environ)


def _fetch(url: str, timeout: float, what: str) -> bytes:
    import urllib.error  # here: urllib.request pulls in http.client, ~10 ms no offline command needs
    import urllib.request

    try:
        req = urllib.request.Request(url, headers={"User-Agent": "workbench"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ModelError(f"cannot download {what} from {url} ({reason}); offline? "
                         "Install a downloaded .argosmodel with: workbench models install FILE") from None


# --------------------------------------------------------------------------- remove

def remove_model(settings: Settings, ref: str, environ: dict | None = None) -> InstalledModel:
    """Remove an installed package given as ``en-es``, ``en_es`` or its folder name."""
    wanted = ref.strip().replace("_", "-")
    for model in list_models(settings, environ):
        if wanted in (model.pair, model.name.replace("_", "-")):
            shutil.rmtree(model.path)
            return model
    raise NotFoundError(f"no installed model {ref!r}; see: workbench models list")


def install_upload(settings: Settings, name: str, data) -> InstalledModel:
    """Install an uploaded ``.argosmodel`` (bytes, or a readable file such as the app's
    upload, copied to disk in pieces) under its file name."""
    safe = Path(name).name or "upload.argosmodel"
    with tempfile.TemporaryDirectory(prefix="workbench-upload-") as tmp:
        path = Path(tmp) / safe
        if isinstance(data, (bytes, bytearray)):
            path.write_bytes(data)
        else:
            with path.open("wb") as fh:
                data.seek(0)
                shutil.copyfileobj(data, fh, 1 << 20)
        try:
            return install_file(settings, path)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), safe)) from None


def reachable_pairs(models: list[InstalledModel], via: str = PIVOT) -> list[tuple[str, str, bool]]:
    """(src, tgt, pivoted) for every pair the installed models can translate, directly or through ``via``."""
    direct = {(m.from_code, m.to_code) for m in models}
    pairs = {(a, b, False) for a, b in direct}
    for a, b in direct:
        if b == via:
            pairs |= {(a, c, True) for x, c in direct if x == via and c != a and (a, c) not in direct}
    return sorted(pairs)
