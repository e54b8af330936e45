"""Other tools' own test files, imported by the workbench and read by translate-toolkit.

    python bench/formats_real.py [--list]

The files (OmegaT's TMX compliance kit and TMX/XLIFF/TBX test files, TBX-Basic's
examples) are fetched once into the git-ignored bench/data/formats/private/ from the
pinned addresses in bench/data/formats/SOURCES.txt. Each is imported into a fresh
store exactly as ``workbench tm import`` / ``workbench glossary import`` would
(parse, map, validate, store); the named baseline is translate-toolkit reading the
same file (its TMX, XLIFF 1.2, XLIFF 2 and TBX readers). Reported per format: files
imported, files refused (with the first messages), entries stored by us against
entries translate-toolkit reads, and what our read logs counted. Nothing in the
workbench was tuned on these files before the first run; the fixes made after it
are listed in the commit history, so these numbers are not held out.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/translate.py would hide translate-toolkit's 'translate' package: drop the script's folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "bench" / "data" / "formats"
PRIVATE = DATA / "private"


def fetch() -> list[Path]:
    paths = []
    for line in (DATA / "SOURCES.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        repo, commit, path = line.split(maxsplit=2)
        local = PRIVATE / f"{repo}/{path}".replace("/", "_")
        if not local.exists():
            PRIVATE.mkdir(parents=True, exist_ok=True)
            url = f"https://raw.githubusercontent.com/{repo}/{commit}/{path}"
            with urllib.request.urlopen(url, timeout=60) as response:
                local.write_bytes(response.read())
        paths.append(local)
    return [p for p in paths if p.suffix.lower() in (".tmx", ".xlf", ".xliff", ".tbx")]


def ours(path: Path) -> tuple[int | None, str, list[str]]:
    """(entries stored, error, log lines) for one file imported into a fresh store."""
    from workbench.errors import WorkbenchError
    from workbench.formats.base import ReadLog
    from workbench.glossary.termbase import import_file as import_glossary
    from workbench.store import Store
    from workbench.tm import import_file as import_pairs

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "s.sqlite3") as store:
        try:
            if path.suffix.lower() == ".tbx":
                log = ReadLog()
                report = import_glossary(store, path, user="bench", log=log)
                return report.added + report.updated, "", log.lines()
            done = import_pairs(store, path, user="bench")
            return len({(u.source, u.target) for a, b, _ in store.tm.pairs() for u in store.tm.units(a, b)
                        if a < b}) or done.added, "", list(done.log)
        except WorkbenchError as exc:
            return None, str(exc), []


def theirs(path: Path) -> tuple[int | None, str]:
    """Entries translate-toolkit reads (TBX: entries; TMX/XLIFF: units with a source and a
    target), or its error."""
    data = path.read_bytes()
    try:
        if path.suffix.lower() == ".tbx":
            from translate.storage.tbx import tbxfile as cls
        elif path.suffix.lower() == ".tmx":
            from translate.storage.tmx import tmxfile as cls
        elif b'version="2.' in data[:600]:
            from translate.storage.xliff2 import Xliff2File as cls
        else:
            from translate.storage.xliff import xlifffile as cls
        units = [u for u in cls.parsestring(data).units if not u.isheader() and u.source]
        if path.suffix.lower() != ".tbx":   # a pair needs both sides, as ours do
            units = [u for u in units if u.target]
        return len(units), ""
    except Exception as exc:   # the baseline's own failures are part of the result
        return None, f"{type(exc).__name__}: {str(exc)[:80]}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="one line per file")
    args = parser.parse_args()
    try:
        files = fetch()
    except OSError as exc:
        print(f"test files not in {PRIVATE} and not fetched ({exc}); skipped")
        return
    table: dict[str, Counter] = {}
    refusals: dict[str, list[str]] = {}
    logs: Counter = Counter()
    for path in files:
        kind = path.suffix.lower().lstrip(".").replace("xliff", "xlf")
        row = table.setdefault(kind, Counter())
        n, error, log = ours(path)
        t, t_error = theirs(path)
        row["files"] += 1
        row["ours ok"] += n is not None
        row["tt ok"] += t is not None
        row["ours entries"] += n or 0
        row["tt entries"] += t or 0
        logs.update(line.split(" (e.g.")[0].split("× ")[-1] for line in log)
        if error:
            refusals.setdefault(kind, []).append(error.split(": ", 1)[-1][:90])
        if args.list:
            print(f"{path.name[-60:]:60} ours {n if n is not None else 'refused':>8}  tt {t if t is not None else 'fails':>6}"
                  f"  {error[:60] or t_error[:60]}")
    print(f"{'format':8} {'files':>5} {'ours imported':>14} {'tt reads':>9} {'ours entries':>13} {'tt entries':>11}")
    for kind, row in sorted(table.items()):
        print(f"{kind:8} {row['files']:>5} {row['ours ok']:>14} {row['tt ok']:>9} {row['ours entries']:>13} "
              f"{row['tt entries']:>11}")
    for kind, lines in sorted(refusals.items()):
        print(f"refused {kind}: " + " | ".join(lines[:6]))
    print("read-log lines over all files:", "; ".join(f"{m} ({n} files)" for m, n in logs.most_common(8)))


if __name__ == "__main__":
    main()
