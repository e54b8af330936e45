"""Translate: machine-translate stored or uploaded documents offline, as a resumable job."""

import hashlib
import time
from functools import partial
from pathlib import Path

import streamlit as st

from workbench import review
from workbench.app import state
from workbench.app.markup import md
from workbench.app.runtime import current_glossary, open_store, settings, user_errors
from workbench.app.uploads import TEXT_LIMIT_MB, saved_uploads
from workbench.ingest import SUPPORTED_SUFFIXES
from workbench.store import local_time
from workbench.translate.argos import ArgosEngine, ArgosOptions
from workbench.translate.batch import (in_place_bytes, in_place_names, job_documents, job_result, resume_job,
                                       discard_unstarted, start_unstarted, translate_documents, translate_files,
                                       unstarted_uploads)
from workbench.translate.jobs import findings_text, groups_by_item, job_state, names_by_item
from workbench.translate.reviewed import reviewed_outputs
from workbench.translate.engine import PivotEngine
from workbench.translate.eta import eta_text
from workbench.translate.glossary import GlossaryEnforcer
from workbench.translate.models import list_models, reachable_pairs

VIEWS = Path(__file__).resolve().parent
UPLOADS_STARTED = "translate_uploads_started"   # how many jobs started with uploaded files: the uploader's key


@st.cache_resource(show_spinner="Loading translation models…")
def _argos(model_key: tuple, beam: int, _models) -> PivotEngine:
    """One engine per set of installed models and beam: each model loads once per process."""
    return PivotEngine(ArgosEngine(list(_models), ArgosOptions(beam_size=beam)))


@st.cache_resource(show_spinner=False)
def _enforcer(model_key: tuple, beam: int, fingerprint: str, _models, _glossary) -> GlossaryEnforcer:
    return GlossaryEnforcer(_argos(model_key, beam, _models), _glossary)


def engine_for(store, models, beam: int) -> GlossaryEnforcer:
    """The engine for a job: the process's models behind the store's glossary, one per glossary
    state. The glossary is the app's (kept between runs, read again only where it changed) and
    its key is hashed once per glossary object, as a job's fingerprint of it is: each click
    read all 800 concepts again and hashed them twice (0.2-0.4 s)."""
    key = tuple((str(m.path), m.package_version, m.size_bytes) for m in models)
    glossary = current_glossary(store)
    glossary = glossary if len(glossary.concepts) else None
    fingerprint = (glossary.derived("page key", lambda g: hashlib.sha1(repr(g).encode()).hexdigest())
                   if glossary is not None else "-")
    return _enforcer(key, beam, fingerprint, models, glossary)


def _job_label(job, documents: list[str]) -> str:
    first = documents[0] if documents else "no document left"
    more = f" and {len(documents) - 1} more" if len(documents) > 1 else ""
    return f"Job {job.id} · {first}{more} → {', '.join(job.targets)} · {local_time(job.created_at)}"


def _share(progress) -> str:
    return f"{progress.done}/{progress.total}"


def run_with_progress(job_call):
    """``job_call(update, step)``: ``step`` names each step before the first chunk on the bar (the
    first job of a process sat at "Starting…" for 5-10 s while languages were identified)."""
    bar = st.progress(0.0, text="Starting…")

    def update(progress, eta):
        share = progress.done / progress.total if progress.total else 1.0
        bar.progress(min(share, 1.0), text=f"{progress.done}/{progress.total} segments · {eta_text(eta)}")

    def step(text: str) -> None:
        bar.progress(0.0, text=text)

    result = job_call(update, step)
    bar.progress(1.0, text=f"Done: {result.progress.total} segments.")
    return result


def show_result(store, result, fresh: bool, engine=None, continued: str | None = None) -> None:
    """A job's report and downloads; ``engine`` (a function giving one): for a job shown again,
    the documents in their own format, written when their download is clicked (a rerun of the
    page showed only the text outputs: a .docx translated to .docx was gone). ``continued``: what
    a resume of it had done before and did (``BatchResult.continued``)."""
    reports = result.reports()
    if fresh and result.kept_post_edited:
        st.warning(f"{result.kept_post_edited} segments of translations already post-edited in Review had been "
                   "translated under older segmentation or masking rules: they are left as they are, with your "
                   "edits; check them in Review.")
    if fresh and result.redone:   # a finished job translated in part under older rules
        st.success(f"Job {result.job_id}: {result.redone} of {result.progress.total} segments had been translated "
                   "under older segmentation or masking rules and were translated again; the others were kept.")
    elif fresh and result.already_done:   # the same files and targets again: nothing was translated
        st.success(f"Job {result.job_id} was already translated ({result.progress.total} segments): "
                   "its downloads are below.")
    else:
        how = ("continued" if result.resumed else "new job") if fresh else "finished"
        continued = result.continued if fresh else continued
        if continued:   # after a resume it said "456 segments (finished)": not that it went on from 228
            how = f"{how}: {continued}" if not fresh else continued
        if result.reused_text:
            how = f"{how}; {result.reused_text}"
        st.success(f"Job {result.job_id}: {result.progress.total} segments ({how}).")
    st.dataframe([{"document": r["source"], "to": r["tgt_lang"], "segments": r["segments"],
                   "from TM": r["tm_exact"], "MT": r["mt"], "MT from earlier jobs": r.get("mt_reused", 0),
                   "fuzzy offers": r["tm_fuzzy_offered"],
                   "glossary terms": findings_text(r["glossary_findings"]),
                   "flagged": len(r["flagged_segments"])} for r in reports],
                 hide_index=True, width="stretch")
    # a document's downloads side by side, a row a document and target: in one column, three
    # documents' nine buttons filled two screens of a laptop
    files = {f.name: (n, f.data) for n, f in enumerate(result.files)}
    later = {name: i for i, name in in_place_names(store, result.items) if name not in files}
    # asked for once: each of a shown job's 24 documents in their own format asked for it, and
    # each ask read the glossary (seconds for "Show its downloads" of 12 articles to two targets)
    made = engine() if engine is not None and later else None
    in_rows = set()
    for item, names in groups_by_item(result.items, [*files, *(later if engine is not None else ())]):
        row = st.container(horizontal=True)
        for name in names:
            if name in files:
                # no rerun after a download (nor below): a rerun took the post-edited downloads
                # off the page after the first one, and redrew a job's 72 downloads for nothing
                row.download_button(f"Download {name}", files[name][1], file_name=name,
                                    key=f"dl-{result.job_id}-{files[name][0]}", on_click="ignore")
            else:
                row.download_button(f"Download {name}", partial(in_place_bytes, store.path, made, result.job_id,
                                                                later[name]),
                                    file_name=name, key=f"dl-{result.job_id}-in-place-{later[name]}", on_click="ignore")
        # its post-editing at the end of its row: in a column of their own, a job of 12 articles
        # and two targets drew 24 buttons under its 24 rows of downloads
        if item is not None and item.pair_id is not None:
            in_rows.add(item.id)
            _post_edit_button(store, item, row)
    if any(item.pair_id is not None for item in result.items) and _export_button(result.job_id):
        with user_errors():
            # only what she post-edited: every translation of a job of 24 came back "(post-edited)",
            # 46 downloads of the machine translation as it came beside her two
            reviewed = {f.name: (n, f.data) for n, f in
                        enumerate(reviewed_outputs(store, result.job_id, only_post_edited=True))}
            groups = names_by_item(result.items, list(reviewed))
            if not groups:
                st.info(f"Nothing of job {result.job_id} has been post-edited yet: open a translation with its "
                        "Post-edit button, then export.")
            for names in groups:
                row = st.container(horizontal=True)
                for name in names:
                    # named apart from the machine translation's download of the same file name above
                    row.download_button(f"Download {name} (post-edited)", reviewed[name][1], file_name=name,
                                        key=f"dl-reviewed-{result.job_id}-{reviewed[name][0]}", on_click="ignore")
            others = sum(1 for item in result.items if item.pair_id is not None) - len(groups)
            if groups and others:
                st.caption(f"{others} other translation{' is' if others == 1 else 's are'} not post-edited yet: "
                           "their machine translation is in the rows above.")
    for item in result.items:
        if item.pair_id is not None and item.id not in in_rows:
            _post_edit_button(store, item, st)


def _post_edit_button(store, item, where) -> None:
    """'Post-edit … in Review' for a job item, drawn in ``where``: opens its pair in Review."""
    if where.button(f"Post-edit {md(item.source_name)} → {md(item.tgt_lang)} in Review", key=f"review-{item.id}"):
        with user_errors(), st.spinner("Opening the translation for review…"):
            alignment_id = review.open_or_align(store, item.pair_id, user=settings().user)
            state.put("review_pair", item.pair_id)
            state.put("alignment_id", alignment_id)
            state.put("review_current", None)   # open at the first bead
            st.switch_page(str(VIEWS / "review.py"))


def _export_button(job_id: int) -> bool:
    # its explanation beside it, not a hover help: a help is drawn above its button, over
    # the download of the machine translation a translator is about to click
    row = st.container(horizontal=True, vertical_alignment="center")
    clicked = row.button("Export the post-edited documents", key=f"reviewed-{job_id}")
    row.caption("after post-editing in Review: each document in its own format, and an updated XLIFF 2.0")
    return clicked


def _offer_resume(store, unfinished, engine, bilingual: str) -> None:
    """The interrupted jobs (latest first): what each had done, and a button that resumes the
    chosen one where it stopped, its progress under it."""
    progress = {j.id: store.jobs.progress(j.id) for j in unfinished}
    job_id = st.selectbox("Unfinished job", [j.id for j in unfinished], key="translate_unfinished",
                          format_func=lambda i: f"Job {i} ({_share(progress[i])} segments)")
    job = next(j for j in unfinished if j.id == job_id)
    st.info(f"Job {job.id} was interrupted at {_share(progress[job.id])} segments (started "
            f"{local_time(job.created_at)} by {job.created_by}, to {', '.join(job.targets)}): it goes on "
            "where it stopped.")
    if st.button(f"Resume job {job.id}", type="primary", key="translate_resume_top"):
        result = run_with_progress(lambda update, _step: resume_job(store, job.id, engine(), bilingual=bilingual,
                                                                    progress=update, user=settings().user))
        _show_job(result.job_id)
        state.put("translate_continued", (result.job_id, result.continued))   # shown with the job after the rerun
        st.rerun()


def _offer_unstarted(store, waiting, engine, targets, **options) -> None:
    """Uploads stored for a translation that did not start (the app stopped while preparing it,
    or it could not start): each upload named with its time, to start as it was asked for, to
    choose for the next job, or to discard."""
    for n, upload in enumerate(waiting):
        count = len(upload.documents)
        names = ", ".join(md(d.source_name or d.title) for d in upload.documents)
        into = f" (to translate into {', '.join(upload.targets)})" if upload.targets else ""
        when = local_time(upload.uploaded_at)
        them = "it" if count == 1 else "them"
        box = st.empty()   # cleared once started: the job's progress and report take its place
        offer = box.container()
        offer.warning(f"{count} document{'' if count == 1 else 's'} uploaded at {when[-5:]} on {when[:10]} "
                      f"{'was' if count == 1 else 'were'} not started{md(into)}: {names}. The app stopped while "
                      f"preparing the job, or the job could not start. Nothing is lost: start {them}, or discard "
                      f"{them}.")
        row = offer.container(horizontal=True)
        start = row.button("Start them" if count > 1 else "Start it", type="primary",
                           key=f"translate_start_unstarted-{n}", disabled=not (upload.targets or targets))
        row.button("Choose them for translation", key=f"translate_choose_unstarted-{n}",
                   on_click=_choose, args=(upload.document_ids,))
        discard = row.button("Discard them" if count > 1 else "Discard it", key=f"translate_discard_unstarted-{n}")
        if start:
            box.empty()
            with user_errors():
                result = run_with_progress(lambda update, step, u=upload: start_unstarted(
                    store, engine(), u, targets, progress=update, steps=step, user=settings().user, **options))
                _show_job(result.job_id)
                show_result(store, result, fresh=True)
        elif discard:
            with user_errors():
                deleted = discard_unstarted(store, upload)
                kept = count - deleted
                state.flash("success", f"Discarded the upload of {local_time(upload.uploaded_at)[-5:]}: "
                            f"{deleted} document{'' if deleted == 1 else 's'} deleted"
                            + (f", {kept} kept (stored before it, or used since)." if kept else "."))
                st.rerun()


def _choose(doc_ids) -> None:
    state.remember("translate_docs", "docs", list(doc_ids))
    state.put("translate_docs_picked", list(doc_ids))


def _show_job(job_id: int) -> None:
    """The job whose report and downloads the page shows, in the address too: a reload (a new
    session) showed none, and her picks were gone as well."""
    state.remember("translate_job", "job", [job_id])


def _uploader(where):
    """The upload box, drawn in ``where``: a new one (empty) after each job started with its files."""
    started = state.get(UPLOADS_STARTED) or 0
    return where.file_uploader("Files", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
                               key=f"translate_uploads-{started}" if started else "translate_uploads")


def _translate(store, engine, chosen, uploads, targets, src, **options):
    """The chosen documents, and the uploads stored first with their originals (as the command
    line does), so that a .docx comes back as a .docx; nothing is stored if a file is refused
    (one that cannot be read); the uploads are stored before their languages are identified."""
    if not uploads:
        return translate_documents(store, engine, chosen, targets, src, **options)
    with saved_uploads(uploads, TEXT_LIMIT_MB, "document") as paths:
        return translate_files(store, engine, paths, targets, src, extra_documents=chosen, **options)


st.title("Translate")
state.show_flash()   # what discarding an upload did

with user_errors(), open_store() as store:
    models = list_models(settings())
    if not models:
        st.warning("No translation model is installed, so nothing can be translated yet. Install one "
                   "model per language pair (English↔Spanish, English↔Turkish, … ; other pairs go through "
                   "English), then come back to this page:\n"
                   "- with internet: `workbench models install en es` in a terminal "
                   "(or `argospm install translate-en_es` from a full Argos Translate installation, not from "
                   "the workbench's own environment), or the download on the Models page;\n"
                   "- offline: bring a downloaded `.argosmodel` file and upload it on the Models page, "
                   "or run `workbench models install FILE.argosmodel`.")
        st.page_link(str(VIEWS / "models.py"), label="Go to the Models page", icon=":material/extension:")
        st.stop()
    pairs = reachable_pairs(models)
    targets_available = sorted({b for _, b, _ in pairs})
    st.caption("Installed pairs: " + md(", ".join(f"{a}→{b}" + (" (via en)" if p else "") for a, b, p in pairs)))
    # the running or last job's progress and downloads above the form: under it they were below
    # the screen a translator clicked "Start" on (at 1280x900 too)
    latest = st.container()

    with st.expander("Upload documents"):
        upload_box = st.empty()
        uploads = _uploader(upload_box)
        st.caption("Stored and translated with the documents chosen below when the job starts; "
                   ".docx, .odt, .md and .html files come back in their own format and structure.")

    docs = store.documents.list()
    # named by the file too: a batch of dropped articles was a list of first sentences, two that
    # began alike could not be told apart, and none was found by the name she dropped
    titles = {d.id: f"{d.id} · {d.source_name + ' · ' if d.source_name else ''}{d.title} [{d.lang or '?'}]"
              for d in docs}
    # keyed: a widget's identity is then its key, not its default, which follows the picks (the
    # run after a pick drew a new widget, and the next pick, sent for the old one, was dropped:
    # 'es', then 'tr', kept 'es')
    picked = [int(i) for i in state.remembered("translate_docs", "docs") or [] if str(i).isdigit()]
    chosen = st.multiselect("Documents", list(titles), default=[i for i in picked if i in titles],
                            format_func=titles.get, key="translate_docs_picked")
    state.remember("translate_docs", "docs", chosen)
    left, middle, right = st.columns(3)
    src = left.selectbox("From", ["auto"] + sorted({a for a, _, _ in pairs}))
    # kept like the documents: she comes back from post-editing to the next batch
    targets = middle.multiselect("To", targets_available,
                                 default=[t for t in state.remembered("translate_targets", "to") or []
                                          if t in targets_available],
                                 key="translate_targets_picked")
    state.remember("translate_targets", "to", targets)
    beam = right.number_input("Beam size", min_value=1, max_value=8, value=4)
    bilingual = left.radio("Bilingual file", ["xliff", "tmx"], horizontal=True)
    use_tm = middle.checkbox("Reuse translation memory", value=True)

    asked = [int(i) for i in state.remembered("translate_job", "job") or [] if str(i).isdigit()]
    # an address from another database or a deleted job shows nothing, as before
    shown_job = asked[0] if asked and store.jobs.exists(asked[0]) else None
    if st.button("Start or resume translation", type="primary", disabled=not ((chosen or uploads) and targets)):
        with latest, user_errors():
            engine = engine_for(store, models, int(beam))
            started = time.monotonic()
            result = run_with_progress(lambda update, step: _translate(
                store, engine, chosen, uploads, targets, src, bilingual=bilingual, use_tm=use_tm, progress=update,
                steps=step, user=settings().user))
            _show_job(result.job_id)
            if uploads:
                # stored and in the job: an empty box for the next batch (it kept them, and the next
                # week's articles dropped beside them made a job of both); a refused file stays
                state.put(UPLOADS_STARTED, (state.get(UPLOADS_STARTED) or 0) + 1)
                _uploader(upload_box)
            show_result(store, result, fresh=True)
            st.caption(f"Took {time.monotonic() - started:.1f} s.")   # a bare "0.1 s" said nothing
    elif shown_job is not None:   # the last job stays on the page across reruns and reloads
        with latest, user_errors():
            last = store.jobs.get(shown_job)
            live = job_state(last)
            if live == "done":
                resumed = state.get("translate_continued") or (None, None)
                show_result(store, job_result(store, last.id, bilingual), fresh=False,
                            engine=lambda: engine_for(store, models, int(beam)),
                            continued=resumed[1] if resumed[0] == last.id else None)
            elif live == "running":
                done = store.jobs.progress(last.id)
                st.info(f"Job {last.id} is running in another window or process: {done.done}/{done.total} "
                        "segments so far. Reload the page to follow it.")
    # an interrupted job (the app stopped, the laptop slept) is offered at the top, where its
    # progress then runs: under the Jobs table both were below the screen at 1024x768
    unfinished = [j for j in reversed(store.jobs.list()) if job_state(j) == "interrupted"]
    if unfinished:
        with latest, user_errors():
            _offer_resume(store, unfinished, lambda: engine_for(store, models, int(beam)), bilingual)
    waiting = unstarted_uploads(store)
    if waiting:
        with latest:
            _offer_unstarted(store, waiting, lambda: engine_for(store, models, int(beam)), targets,
                             bilingual=bilingual, use_tm=use_tm)

    jobs = store.jobs.list()
    if jobs:
        st.subheader("Jobs")
        states = {j.id: job_state(j) for j in jobs}
        # read again: a job of this very run may have stored uploads since the list above
        # with the file: a .md and an .html of one article both have its headline as title
        names = {d.id: f"{d.title} ({d.source_name})" if d.source_name else d.title for d in store.documents.list()}
        documents = {j.id: [names.get(d, f"#{d}") for d in job_documents(store, j.id)] for j in jobs}
        st.dataframe([{"job": j.id, "state": states[j.id], "done": _share(store.jobs.progress(j.id)),
                       "from": j.src_lang, "to": ", ".join(j.targets), "documents": "; ".join(documents[j.id]),
                       "started": local_time(j.created_at), "by": j.created_by} for j in reversed(jobs)],
                     hide_index=True, width="stretch")
        finished = {j.id: _job_label(j, documents[j.id]) for j in reversed(jobs) if states[j.id] == "done"}
        if finished:
            # a reload starts a new session: its downloads and post-edited export were out of reach;
            # named like the table's row (bare ids "3", "2", "1" said nothing of which job was which)
            row = st.container(horizontal=True, vertical_alignment="bottom")
            shown = row.selectbox("Finished job", list(finished), format_func=finished.get, key="translate_finished")
            row.button("Show its downloads", key="translate_show_finished",
                       on_click=_show_job, args=(shown,))
