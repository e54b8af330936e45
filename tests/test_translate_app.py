"""The Translate and Models pages, through Streamlit's AppTest, with the tiny Argos model."""

from __future__ import annotations

import os
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from tests.tinyargos import build_package
from workbench.ingest import ingest_text
from workbench.store import Store

ARTICLE = "# Strike news\n\nThe workers met on Monday. They voted to strike!\n\nSolidarity from the port.\n"


def page(name: str) -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    at.switch_page(f"views/{name}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def start_job(at: AppTest) -> AppTest:
    """Press the page's Start button and run the page."""
    [start] = [b for b in at.button if b.label == "Start or resume translation"]
    return start.click().run()


def test_models_page_lists_installed_models(argos_env):
    at = page("models")
    table = at.dataframe[0].value
    assert list(table["pair"]) == ["en-es"] and list(table["from"]) == ["argos"]
    at.selectbox[0].select("translate-en_es-1_0")
    [remove] = [b for b in at.button if b.label == "Remove model"]
    remove.click().run()
    assert not at.exception
    assert any("No translation models installed" in i.value for i in at.info)
    assert [s.value for s in at.success] == ["Removed en-es."]      # the message outlives the page's rerun


def test_models_page_installs_an_uploaded_file_and_says_so(argos_env, tmp_path):
    from tests.tinyargos import build_argosmodel

    data = build_argosmodel(tmp_path / "en_tr.argosmodel", "en", "tr").read_bytes()
    at = page("models")
    at.file_uploader[0].upload("en_tr.argosmodel", data, "application/zip").run()
    [install] = [b for b in at.button if b.label == "Install file"]
    install.click().run()
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["pair"]) == ["en-es", "en-tr"]
    assert [s.value for s in at.success] == ["Installed en-tr 1.0."]


def test_models_page_offline_download_is_a_clear_error(argos_env):
    at = page("models")
    at.text_input[0].input("en")
    at.text_input[1].input("tr").run()
    [download] = [b for b in at.button if b.label.startswith("Download from the Argos index")]
    download.click().run()
    assert not at.exception
    assert any("offline?" in e.value for e in at.error)


def test_translate_page_without_models_says_what_to_do(env, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    at = page("translate")
    [warning] = [w.value for w in at.warning if "No translation model is installed" in w.value]
    assert "workbench models install en es" in warning and ".argosmodel" in warning
    assert [link.label for link in at.get("page_link")] == ["Go to the Models page"]


def _post_edit_first_paragraph(db, job_id: int = 1) -> None:
    """Accept the first paragraph of each translation of the job in Review (the export offers
    only what was post-edited)."""
    from workbench import review

    with Store.open(db) as store:
        for item in store.jobs.items(job_id):
            review.accept(store, store.alignments.latest(item.pair_id, "paragraph"), 0, "ana")


def article_chosen_for_es(db) -> tuple[AppTest, int]:
    """The Translate page with the stored article chosen and es as the target."""
    with Store.open(db) as store:
        doc_id, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
    at = page("translate")
    at.multiselect[0].select(doc_id)
    at.multiselect[1].select("es").run()
    return at, doc_id


def test_translate_page_runs_a_job_and_offers_review(argos_env):
    at, doc_id = article_chosen_for_es(argos_env)
    start_job(at)
    assert not at.exception, at.exception
    assert any("Job 1: 4 segments (new job)" in s.value for s in at.success)
    report = at.dataframe[0].value
    assert (report["MT"][0], report["segments"][0]) == (4, 4)
    _post_edit_first_paragraph(argos_env)
    [export] = [b for b in at.button if b.label == "Export the post-edited documents"]
    export.click().run()
    assert not at.exception, at.exception
    labels = [d.label for d in at.get("download_button")]
    # the post-edited file is told apart from the machine translation of the same name
    assert {"Download news.es.md", "Download news.es.md (post-edited)",
            "Download news.en-es.reviewed.xlf (post-edited)"} <= set(labels), labels
    [review] = [b for b in at.button if b.label == "Post-edit news.md → es in Review"]
    review.click().run()
    assert not at.exception, at.exception
    assert at.session_state["review_pair"] == 1 and at.title[0].value == "Review"
    with Store.open(argos_env) as store:
        [job] = store.jobs.list()
        assert job.status == "done"
        [pair] = store.documents.pairs()
        assert pair.source_id == doc_id and pair.target_lang == "es"
        # the translation opens ready for post-editing: aligned, its beads on the page
        [alignment] = store.alignments.list(pair.id)
    assert at.session_state["alignment_id"] == alignment.id
    assert any(b.key == f"acc-{alignment.id}-0" for b in at.button)


def test_an_interrupted_job_is_resumed_from_the_page(argos_env):
    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine
    from workbench.translate.jobs import JobRequest, prepare_job

    with Store.open(argos_env) as store:
        doc_id, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        job = prepare_job(store, JobRequest((doc_id,), ("es",), "en"), build_engine(load_settings(), None))
    at = page("translate")
    assert "Unfinished job" in [s.label for s in at.selectbox]
    [resume] = [b for b in at.button if b.label == f"Resume job {job.id}"]
    resume.click().run()
    assert not at.exception, at.exception
    assert any(f"Job {job.id}: 4 segments (finished)" in s.value for s in at.success)
    with Store.open(argos_env) as store:
        assert store.jobs.get(job.id).status == "done" and store.jobs.progress(job.id).done == 4


def test_a_job_whose_process_died_shows_interrupted_after_a_reload(argos_env):
    """A job left "running" by a killed process (its runner's pid is gone) shows as interrupted."""
    import socket
    import subprocess
    import sys

    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine
    from workbench.translate.jobs import JobRequest, prepare_job

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    with Store.open(argos_env) as store:
        doc_id, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        job = prepare_job(store, JobRequest((doc_id,), ("es",), "en"), build_engine(load_settings(), None))
        store.jobs.set_runner(job.id, f"{socket.gethostname()}:{dead.pid}")
        assert store.jobs.get(job.id).status == "running"
    at = page("translate")
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert (table["state"][0], table["documents"][0], table["to"][0], table["done"][0]) == (
        "interrupted", "Strike news (news.md)", "es", "0/4")
    assert "Unfinished job" in [s.label for s in at.selectbox]


def _docx(headline: str, paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_heading(headline, 1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_an_uploaded_docx_comes_back_as_a_docx_with_its_structure(argos_env):
    """Journey 3 with a .docx through the page: it came back as .txt only (the page stored the
    upload without its original, which the command line keeps)."""
    import io

    import docx

    at = page("translate")
    at.file_uploader[0].upload("report.docx", _docx("Strike news", ["The workers met on Monday.",
                                                                    "They voted to strike."]),
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document").run()
    at.multiselect[1].select("es").run()
    [start] = [b for b in at.button if b.label == "Start or resume translation"]
    assert not start.disabled                                 # an upload alone is enough to start
    start.click().run()
    assert not at.exception and not at.error, (at.exception, at.error)
    files = {d.label: d for d in at.get("download_button")}
    assert "Download report.es.docx" in files, sorted(files)
    assert not any(label.endswith(".txt") for label in files), sorted(files)   # no plain copy beside it
    _post_edit_first_paragraph(argos_env)
    [button] = [b for b in at.button if b.label == "Export the post-edited documents"]
    button.click().run()
    assert not at.exception and not at.error
    # the page drawn again shows the finished job: its .docx is still offered (only text was)
    labels = [d.label for d in at.get("download_button")]
    assert "Download report.es.docx" in labels and "Download report.es.docx (post-edited)" in labels, labels
    assert not any(label.endswith(".txt") for label in labels), labels
    [reviewed] = [d for d in at.get("download_button") if d.label == "Download report.es.docx (post-edited)"]
    with Store.open(argos_env) as store:
        [job] = store.jobs.list()
        [item] = store.jobs.items(job.id)
        from workbench.translate.reviewed import reviewed_outputs
        data = next(f.data for f in reviewed_outputs(store, job.id) if f.name == "report.es.docx")
    styles = [p.style.name for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert styles == ["Heading 1", "Normal", "Normal"] and item.source_name == "report.docx"
    assert reviewed is not None


def test_targets_are_kept_when_the_editor_comes_back_from_review(argos_env):
    # she post-edits in Review and comes back to translate the next batch: her
    # documents and target languages are still chosen, Start is ready
    at, doc_id = article_chosen_for_es(argos_env)
    at.switch_page("views/review.py").run()
    at.switch_page("views/translate.py").run()
    assert not at.exception, at.exception
    assert (at.multiselect[0].value, at.multiselect[1].value) == ([doc_id], ["es"])
    [start] = [b for b in at.button if b.label == "Start or resume translation"]
    assert not start.disabled


def test_a_finished_job_can_be_shown_again_in_a_new_session(argos_env):
    """After a reload (or the next day) a finished job's downloads and its post-edited export were
    only on the page of the session that ran it; the Jobs table gave its start as a UTC stamp."""
    import re

    at = page("translate")
    at.file_uploader[0].upload("report.docx", _docx("Strike news", ["The workers met on Monday."]),
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document").run()
    at.multiselect[1].select("es").run()
    start_job(at)
    jobs = at.dataframe[-1].value
    # the upload of this very run is named, not "#1", with its file: a .md and an .html of one
    # article both have its headline as title
    assert jobs["documents"][0] == "Strike news (report.docx)"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", jobs["started"][0]), jobs["started"][0]

    again = page("translate")                            # a new session: nothing of the job on the page
    assert not any(d.label == "Download report.es.docx" for d in again.get("download_button"))
    assert again.selectbox(key="translate_finished").value == 1
    [label] = again.selectbox(key="translate_finished").options    # which job, not a bare "1"
    assert re.fullmatch(r"Job 1 · Strike news \(report\.docx\) → es · \d{4}-\d\d-\d\d \d\d:\d\d", label), label
    again.button(key="translate_show_finished").click().run()
    assert not again.exception, again.exception
    assert any("Job 1: 2 segments (finished)" in s.value for s in again.success)
    assert "Download report.es.docx" in [d.label for d in again.get("download_button")]
    assert any(b.label == "Export the post-edited documents" for b in again.button)


def test_a_reload_keeps_her_documents_targets_and_the_job_shown(argos_env):
    """A reload (F5, or the tab opened again the next day: a new session) emptied the documents
    and targets she had picked and took the job's report and downloads off the page; they are
    kept in the address now, as the Review keeps its alignment and the Glossary its concept."""
    at, doc_id = article_chosen_for_es(argos_env)
    start_job(at)
    assert {key: at.query_params[key] for key in ("docs", "to", "job")} in (
        {"docs": str(doc_id), "to": "es", "job": "1"}, {"docs": [str(doc_id)], "to": ["es"], "job": ["1"]})

    again = AppTest.from_file(APP_MAIN, default_timeout=60)
    for key in ("docs", "to", "job"):
        again.query_params[key] = at.query_params[key]
    again.run()
    again.switch_page("views/translate.py").run()
    assert not again.exception, again.exception
    assert again.multiselect[0].value == [doc_id] and again.multiselect[1].value == ["es"]
    assert any("Job 1: 4 segments (finished)" in s.value for s in again.success)
    assert "Download news.es.md" in [d.label for d in again.get("download_button")]

    stale = AppTest.from_file(APP_MAIN, default_timeout=60)
    stale.query_params.update({"docs": "99,x", "to": "zz", "job": "42"})   # another database's address
    stale.run()
    stale.switch_page("views/translate.py").run()
    assert not stale.exception and not stale.error
    assert stale.multiselect[0].value == [] and stale.multiselect[1].value == []
    assert not any("Job 42" in s.value for s in stale.success)


def test_starting_a_finished_job_again_says_already_translated_and_shows_its_downloads(argos_env):
    at, _ = article_chosen_for_es(argos_env)
    start_job(at)
    assert any("Job 1: 4 segments (new job)" in s.value for s in at.success)
    start_job(at)                            # the same documents and target again
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Job 1 was already translated (4 segments): its downloads are below."]
    assert "Download news.es.md" in [d.label for d in at.get("download_button")]
    with Store.open(argos_env) as store:
        assert len(store.jobs.list()) == 1


NOTES = "The workers met on Monday. They voted to strike!\n\nType `strike` to join.\n"   # a .txt: backticks are text


def test_starting_a_job_made_under_older_rules_again_says_how_many_segments_were_translated_again(argos_env):
    with Store.open(argos_env) as store:
        doc_id, _ = store.documents.add(ingest_text(NOTES, source_name="news.txt"), lang="en", user="t")
    at = page("translate")
    at.multiselect[0].select(doc_id)
    at.multiselect[1].select("es").run()
    start_job(at)
    assert any("Job 1: 3 segments (new job)" in s.value for s in at.success)
    with Store.open(argos_env) as store, store.transaction() as conn:   # as a store from before rule versions
        conn.execute("UPDATE translation_segments SET rules = 1")
    start_job(at)
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        "Job 1: 1 of 3 segments had been translated under older segmentation or masking rules and were translated "
        "again; the others were kept."]
    assert "Download news.es.txt" in [d.label for d in at.get("download_button")]


def test_the_documents_to_pick_are_named_by_their_files(argos_env):
    """Twelve dropped articles were listed by their first words only ("1 · The union of teachers
    collected money for the families without waiting for the… [en]"): two that begin alike could
    not be told apart, nor found by the file name she dropped (found in QA20's journey 3 walk)."""
    with Store.open(argos_env) as store:
        for name in ("report1.txt", "report2.txt"):
            store.documents.add(ingest_text(f"The union met.\n\nIt voted in {name}.\n", source_name=name),
                                lang="en", user="t")
    at = page("translate")
    assert at.multiselect[0].options == ["1 · report1.txt · The union met. [en]", "2 · report2.txt · The union met. [en]"]


def test_the_post_edited_export_offers_only_the_translations_post_edited(argos_env):
    """After post-editing one translation of a job of 12 articles and two targets, the export drew
    48 downloads, each labelled "(post-edited)": 46 of them were the machine translation as it came
    (found in QA20's journey 3 walk)."""
    from workbench import review

    with Store.open(argos_env) as store:
        ids = [store.documents.add(ingest_text(text, source_name=name), lang="en", user="t")[0]
               for name, text in (("news.md", ARTICLE), ("notes.txt", NOTES))]
    at = page("translate")
    for doc_id in ids:
        at.multiselect[0].select(doc_id)
    at.multiselect[1].select("es").run()
    start_job(at)
    [export] = [b for b in at.button if b.label == "Export the post-edited documents"]
    export.click().run()
    assert not at.exception, at.exception
    assert not [d.label for d in at.get("download_button") if "(post-edited)" in d.label]
    assert [i.value for i in at.info] == ["Nothing of job 1 has been post-edited yet: open a translation with its "
                                          "Post-edit button, then export."]
    with Store.open(argos_env) as store:
        [news, _] = store.jobs.items(1)
        review.accept(store, store.alignments.latest(news.pair_id, "paragraph"), 0, "ana")
    [export] = [b for b in at.button if b.label == "Export the post-edited documents"]
    export.click().run()
    assert [d.label for d in at.get("download_button") if "(post-edited)" in d.label] == [
        "Download news.es.md (post-edited)", "Download news.en-es.reviewed.xlf (post-edited)"]
    assert "1 other translation is not post-edited yet" in " ".join(c.value for c in at.caption)


def _in_order(node):
    yield node
    for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
        yield from _in_order(child)


def _labels_in_order(at) -> list[str]:
    """The page's buttons' labels and messages' texts, top to bottom."""
    return [str(getattr(e, "label", None) or getattr(e, "value", "")) for e in _in_order(at.main)
            if getattr(e, "type", "") in ("button", "alert", "success", "info") or
            type(e).__name__ in ("Button", "Success", "Info")]


def test_an_interrupted_job_is_offered_and_resumed_above_the_form(argos_env):
    """The app stopped halfway through a job and started again (journey 3): the resume button was
    under the Jobs table and the progress under it, below the screen at 1024x768; both now stand
    at the top, where a started job's progress and result stand."""
    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine
    from workbench.translate.jobs import JobRequest, prepare_job

    with Store.open(argos_env) as store:
        doc_id, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        job = prepare_job(store, JobRequest((doc_id,), ("es",), "en"), build_engine(load_settings(), None))
    at = page("translate")
    order = _labels_in_order(at)
    assert order.index(f"Resume job {job.id}") < order.index("Start or resume translation"), order
    assert any(f"Job {job.id} was interrupted at 0/4 segments" in i.value for i in at.info)
    at.button(key="translate_resume_top").click().run()
    assert not at.exception, at.exception
    order = _labels_in_order(at)
    done = [t for t in order if t.startswith(f"Job {job.id}: 4 segments")]
    assert done and order.index(done[0]) < order.index("Start or resume translation"), order
    assert not any(t.startswith("Resume job") for t in order)
    with Store.open(argos_env) as store:
        assert store.jobs.get(job.id).status == "done"


def _picker(at, label: str):
    return next(m for m in at.multiselect if m.label == label)


def test_two_targets_picked_one_after_the_other_are_both_kept(argos_env):
    """Picking 'es' and then 'tr' (journey 3 in Chromium) kept only 'es': after a pick the page
    drew the list with that pick as its default, which made it a new widget, and the next pick,
    sent for the widget it replaced, was dropped. The same with two documents."""
    with Store.open(argos_env) as store:
        first, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        second, _ = store.documents.add(ingest_text("# Port\n\nThe dockers met.\n", source_name="port.md"),
                                        lang="en", user="t")
    build_package(os.environ["ARGOS_PACKAGES_DIR"], "en", "tr")
    at = page("translate")
    _picker(at, "To").select("es").run()
    _picker(at, "To").select("tr").run()
    _picker(at, "Documents").select(first).run()
    _picker(at, "Documents").select(second).run()
    assert not at.exception, at.exception
    assert (_picker(at, "To").value, _picker(at, "Documents").value) == (["es", "tr"], [first, second])
    at.switch_page("views/review.py").run()            # kept while she post-edits, as before
    at.switch_page("views/translate.py").run()
    assert (_picker(at, "To").value, _picker(at, "Documents").value) == (["es", "tr"], [first, second])


def _rows(at) -> list[list[str]]:
    """The labels of the buttons (downloads included) of each horizontal row, top to bottom."""
    rows = []
    for node in _in_order(at.main):
        if type(node).__name__ == "Block" and "direction: HORIZONTAL" in str(node.proto):
            labels = [str(c.label) for c in node.children.values() if getattr(c, "label", None)
                      and getattr(c, "type", "") in ("button", "download_button")]
            if labels:
                rows.append(labels)
    return rows


def test_each_translation_is_opened_in_review_from_its_own_row_of_downloads(argos_env):
    """A job of 12 articles and two targets drew its 24 'Post-edit … in Review' buttons in one
    column under its 24 rows of downloads (journey 3 in Chromium, four screens at 1024x768):
    each stands at the end of its translation's row."""
    with Store.open(argos_env) as store:
        first, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        second, _ = store.documents.add(ingest_text("# Port\n\nThe dockers met.\n", source_name="port.md"),
                                        lang="en", user="t")
    at = page("translate")
    _picker(at, "Documents").select(first).run()
    _picker(at, "Documents").select(second).run()
    _picker(at, "To").select("es").run()
    start_job(at)
    assert not at.exception, at.exception
    rows = _rows(at)
    for name, stem in (("news.md", "news"), ("port.md", "port")):
        [row] = [r for r in rows if f"Download {stem}.es.md" in r]
        assert row[-1] == f"Post-edit {name} → es in Review", rows
    assert sum(label.startswith("Post-edit") for row in rows for label in row) == 2


class Killed(Exception):
    """The app stopped here."""


def test_a_kill_while_languages_are_identified_keeps_the_upload_and_the_page_offers_it(argos_env, monkeypatch):
    """Journey 3: the first job of a process sat at "Starting…" for 5-10 s (language identification
    loading its tables); a kill then stored nothing, and the page after the restart gave no hint
    that the upload was lost. The bar names the step, the upload is stored before it, and the page
    started again offers it."""
    from workbench import langid

    real = langid.detect

    def killed(text):
        raise Killed()

    monkeypatch.setattr(langid, "detect", killed)
    at = page("translate")
    at.file_uploader[0].upload("news.md", ARTICLE.encode(), "text/markdown").run()
    at.multiselect[1].select("es").run()
    start_job(at)
    [bar] = at.get("progress")
    assert bar.proto.text == "Identifying the language of 1 document…"
    monkeypatch.setattr(langid, "detect", real)

    at = page("translate")                        # the app started again
    assert not at.exception, at.exception
    [offer] = [w.value for w in at.warning if "not started" in w.value]
    assert "news.md" in offer and "Nothing is lost" in offer
    at.button(key="translate_choose_unstarted-0").click().run()
    with Store.open(argos_env) as store:
        [doc] = store.documents.list()
    assert _picker(at, "Documents").value == [doc.id]
    at.multiselect[1].select("es").run()
    start_job(at)
    assert not at.exception and not at.error, (at.exception, at.error)
    assert any("Job 1: 4 segments (new job)" in s.value for s in at.success)
    assert not any("not started" in w.value for w in at.warning)


def test_a_kill_while_the_job_is_planned_leaves_the_upload_offered_to_start_or_discard(argos_env, monkeypatch,
                                                                                       tmp_path):
    """Journey 3: a kill after the upload was stored and its language known, before the job
    existed, left the document stored and nothing offering it. The page started again names each
    upload with its time and languages; "Start it" translates it as asked, "Discard it" removes it."""
    from workbench.store import local_time
    from workbench.store.jobs import JobsRepo
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    def killed(*args, **kwargs):
        raise Killed()

    (tmp_path / "news.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "port.md").write_text("# Port\n\nThe dockers met.\n", encoding="utf-8")
    real = JobsRepo.create
    monkeypatch.setattr(JobsRepo, "create", killed)
    with Store.open(argos_env) as store:
        for name in ("news.md", "port.md"):
            with pytest.raises(Killed):   # the app stopped while it planned the job
                translate_files(store, StandInEngine({("en", "es"): {}}), [tmp_path / name], ["es"], "en")
        assert [d.lang for d in store.documents.list()] == ["en", "en"] and store.jobs.list() == []
        when = local_time(store.jobs.unstarted_uploads()[0].uploaded_at)
    monkeypatch.setattr(JobsRepo, "create", real)

    at = page("translate")                        # the app started again
    offers = [w.value for w in at.warning if "not started" in w.value]
    assert offers[0].startswith(f"1 document uploaded at {when[-5:]} on {when[:10]} was not started "
                                "(to translate into es): news.md.") and "port.md" in offers[1]
    at.button(key="translate_start_unstarted-0").click().run()
    assert not at.exception and not at.error, (at.exception, at.error)
    assert [s.value for s in at.success] == ["Job 1: 4 segments (new job)."]
    at = page("translate")
    [offer] = [w.value for w in at.warning if "not started" in w.value]
    assert "port.md" in offer
    at.button(key="translate_discard_unstarted-0").click().run()
    assert not at.exception, at.exception
    [told] = [s.value for s in at.success if s.value.startswith("Discarded the upload of ")]
    assert told.endswith(": 1 document deleted.")
    assert not any("not started" in w.value for w in at.warning)
    with Store.open(argos_env) as store:
        assert "port.md" not in {d.source_name for d in store.documents.list()}


def test_a_resumed_job_says_how_many_segments_were_done_before_and_now(argos_env):
    """After Resume the page said "Job 1: 4 segments (finished)", no word that it went on from 2."""
    from workbench.settings import load_settings
    from workbench.translate.factory import build_engine
    from workbench.translate.jobs import JobRequest, prepare_job, translate_chunk

    engine = build_engine(load_settings(), None)
    with Store.open(argos_env) as store:
        doc_id, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        job = prepare_job(store, JobRequest((doc_id,), ("es",), "en", chunk_size=2), engine)
        first = store.jobs.pending_work(job.id)[0]
        store.jobs.save_chunk(job.id, translate_chunk(engine, first), first.rows)
        assert store.jobs.progress(job.id).done == 2
    at = page("translate")
    at.button(key="translate_resume_top").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success if s.value.startswith(f"Job {job.id}:")] == [
        f"Job {job.id}: 4 segments (finished: continued from 2 of 4 segments done before it stopped; "
        "2 translated now)."]


def test_a_job_with_one_more_document_says_how_many_segments_came_from_earlier_jobs(argos_env):
    with Store.open(argos_env) as store:
        first, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        more, _ = store.documents.add(ingest_text("A delegation met the miners.\n\nSolidarity from the port.\n",
                                                  source_name="more.txt"), lang="en", user="t")
    at = page("translate")
    at.multiselect[0].select(first)
    at.multiselect[1].select("es").run()
    start_job(at)
    assert any("Job 1: 4 segments (new job)." in s.value for s in at.success)
    at.multiselect[0].select(more).run()
    start_job(at)
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [
        "Job 2: 6 segments (new job; 5 segments taken from earlier jobs' machine translations)."]


def test_jobs_with_the_store_s_glossary_take_each_other_s_translations_until_it_changes(argos_env):
    """The page's engine enforces the store's glossary as the app keeps it: a second job takes the
    first one's machine translations (same glossary state); after a concept is saved, none."""
    from dataclasses import replace

    from workbench.glossary import Concept, Term

    concept = Concept("strike", "struggle", "approved", terms=(Term("en", "strike", "preferred"),
                                                             Term("es", "huelga", "preferred")))
    with Store.open(argos_env) as store:
        store.glossary.save(concept, expected_version=None, user="t")
        first, _ = store.documents.add(ingest_text(ARTICLE, source_name="news.md"), lang="en", user="t")
        more, _ = store.documents.add(ingest_text("A delegation met the miners.\n", source_name="more.txt"),
                                      lang="en", user="t")
        other, _ = store.documents.add(ingest_text("The port is closed.\n", source_name="port.txt"),
                                       lang="en", user="t")
    at = page("translate")
    for doc in (first, more, other):
        at.multiselect[0].select(doc)
        at.multiselect[1].select("es").run()
        if doc == other:
            with Store.open(argos_env) as store:
                store.glossary.save(replace(store.glossary.get("strike"), note="Changed."), expected_version=1,
                                    user="t")
        start_job(at)
        assert not at.exception and not at.error, (at.exception, at.error)
    assert [s.value for s in at.success] == ["Job 3: 6 segments (new job)."]
    with Store.open(argos_env) as store:
        assert [job.settings["glossary"] == store.jobs.get(1).settings["glossary"] for job in store.jobs.list()] == [
            True, True, False]
        assert store.jobs.get(1).settings["engines"]["en-es"].endswith("+ glossary (1 concepts)")
        assert sum(s.reused_from == 1 for item in store.jobs.items(2) for s in store.jobs.segments(item.id)) == 4


def test_showing_a_finished_job_builds_its_engine_once_not_once_a_download(argos_env, monkeypatch):
    """'Show its downloads' of a job of 12 articles and two targets took seconds in Chromium: each
    document written in its own format when its download is clicked asked for the engine while
    the page was drawn, and each ask read the glossary again (the whole store's, before the app
    kept it): 24 reads for 24 such downloads. The engine is asked for once a drawing now."""
    from workbench.app import runtime

    at = page("translate")
    for n in range(3):
        at.file_uploader[0].upload(f"news-{n}.md", f"# News {n}\n\nThe workers met {n} times.\n".encode(),
                                   "text/markdown")
    at.file_uploader[0].run()
    at.multiselect[1].select("es").run()
    start_job(at)
    assert not at.exception and not at.error, (at.exception, at.error)

    again = page("translate")
    reads = []
    real = runtime.current_glossary
    monkeypatch.setattr(runtime, "current_glossary", lambda store: reads.append(1) or real(store))
    again.button(key="translate_show_finished").click().run()
    assert not again.exception, again.exception
    assert [d.label for d in again.get("download_button") if d.label.endswith(".es.md")] == [
        f"Download news-{n}.es.md" for n in range(3)]
    assert len(reads) == 1


def test_the_upload_box_is_empty_for_the_next_batch_once_a_job_has_started_with_its_files(argos_env):
    """Journey 3, the next batch: the box kept the articles a job had stored and started with, so
    the next week's articles dropped beside them made a job of both batches (the first again,
    with its downloads among the new ones). A file refused before anything is stored stays. The
    job's time says what it is ("0.1 s" stood alone under the downloads)."""
    import re

    at = page("translate")
    for n in range(2):
        at.file_uploader[0].upload(f"week1-{n}.md", f"# Week one {n}\n\nThe dockers met {n} times.\n".encode(),
                                   "text/markdown")
    at.file_uploader[0].run()
    at.multiselect[1].select("es").run()
    start_job(at)
    assert not at.exception and not at.error, (at.exception, at.error)
    assert at.file_uploader[0].value in (None, [])                  # an empty box for the next batch
    assert "Download week1-0.es.md" in [d.label for d in at.get("download_button")]   # the job stays shown
    assert any(re.fullmatch(r"Took \d+\.\d s\.", c.value) for c in at.caption), [c.value for c in at.caption]
    at.file_uploader[0].upload("week2.md", b"# Week two\n\nThe nurses met again.\n", "text/markdown").run()
    start_job(at)
    assert not at.exception and not at.error, (at.exception, at.error)
    with Store.open(argos_env) as store:
        second = store.jobs.list()[-1]
        assert [item.source_name for item in store.jobs.items(second.id)] == ["week2.md"]


def test_a_refused_upload_names_the_file_she_dropped_and_stays_in_the_box(argos_env):
    """A .docx that cannot be read: the message named the app's temporary folder
    (the file's path in the temporary folder the page writes uploads to), a path she never saw."""
    at = page("translate")
    at.file_uploader[0].upload("broken.docx", b"not a docx at all",
                               "application/vnd.openxmlformats-officedocument.wordprocessingml.document").run()
    at.multiselect[1].select("es").run()
    start_job(at)
    [error] = at.error
    assert error.value.replace("\\", "").startswith("Error: broken.docx: not a readable .docx document"), error.value
    assert [f.name for f in at.file_uploader[0].value] == ["broken.docx"]
    with Store.open(argos_env) as store:
        assert store.jobs.list() == []


def test_the_report_table_names_the_glossary_findings_in_words(argos_env):
    """The table's glossary column read "missing 1, ok 4": the report's keys. It says which terms
    the translation used as the glossary prefers and which are missing, in that order."""
    with Store.open(argos_env) as store:
        from workbench.glossary.model import Concept, Term

        store.glossary.save(Concept("strike", "struggle", terms=(Term("en", "strike"), Term("es", "huelga"))),
                            expected_version=None, user="ana")
    at, _ = article_chosen_for_es(argos_env)
    start_job(at)
    assert not at.exception and not at.error, (at.exception, at.error)
    table = at.dataframe[0].value
    assert "glossary" not in table.columns
    [cell] = list(table["glossary terms"])
    assert re.fullmatch(r"(\d+ preferred, )?\d+ missing|\d+ preferred", cell), cell
    assert "ok" not in cell
