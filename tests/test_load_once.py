"""Large tables are built once per process, however many threads ask for them at once."""

from __future__ import annotations

import threading

import pytest

from workbench.load_once import load_once


def _ask_together(load, *args, threads=4):
    """Call `load(*args)` from several threads released at the same moment; their results."""
    start = threading.Barrier(threads)
    results = [None] * threads

    def ask(i):
        start.wait()
        results[i] = load(*args)

    workers = [threading.Thread(target=ask, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return results


def test_threads_asking_at_once_wait_for_one_build():
    builds = []
    all_asked = threading.Event()

    @load_once()
    def table(lang):
        builds.append(lang)
        all_asked.wait(timeout=0.5)   # slow enough that the other threads ask while it builds
        return {"lang": lang}

    timer = threading.Timer(0.2, all_asked.set)
    timer.start()
    results = _ask_together(table, "tr")
    timer.cancel()
    assert builds == ["tr"]
    assert all(result is results[0] for result in results)
    assert table("tr") is results[0] and builds == ["tr"]
    assert table("de") == {"lang": "de"} and builds == ["tr", "de"]


def test_a_failed_build_keeps_nothing_and_the_next_call_builds_again():
    calls = []

    @load_once()
    def table(lang):
        calls.append(lang)
        if len(calls) == 1:
            raise OSError("the list could not be read")
        return lang.upper()

    with pytest.raises(OSError):
        table("es")
    assert table("es") == "ES" and calls == ["es", "es"]


def test_beyond_maxsize_the_oldest_is_dropped_and_cache_clear_drops_all():
    calls = []

    @load_once(maxsize=2)
    def table(lang, low=False):
        calls.append((lang, low))
        return (lang, low)

    table("en"), table("es"), table("en", low=True)      # "en" is dropped
    table("es"), table("en", low=True)
    assert calls == [("en", False), ("es", False), ("en", True)]
    table("en")
    assert calls[-1] == ("en", False)
    table.cache_clear()
    table("es")
    assert calls[-1] == ("es", False)


def test_a_word_list_asked_for_by_two_threads_at_once_is_read_once():
    """The app's background warm-up and a page asking for the same language's word list:
    both get the one table (before, each read its own, and both took longer)."""
    from workbench.langid_lexicon import _table

    first, second = _ask_together(_table, "ms", threads=2)   # a list no other test reads
    assert len(first) > 10_000
    assert first is second is _table("ms")
