"""Keyboard shortcuts for the Review page.

Streamlit has no key bindings: a small script in the page listens for keys on
the document and clicks the hidden button whose widget key the shortcut names.
The buttons run ordinary callbacks, so a shortcut does exactly what a click does,
and a programmatic click leaves the focus where it was (on the page, not on a
button that a rerun would remove).
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]   # KeyboardEvent.key values
    button: str             # the widget key of the button it clicks
    label: str


SHORTCUTS = (
    Shortcut(("Enter", "a"), "kb_confirm_next", "confirm the current bead and go to the next"),
    Shortcut(("j", "ArrowDown"), "kb_next", "next bead"),
    Shortcut(("k", "ArrowUp"), "kb_prev", "previous bead"),
    Shortcut(("n",), "kb_next_open", "next unconfirmed bead (neither accepted nor made unaligned)"),
    Shortcut(("l",), "kb_next_low", "next doubtful bead (unconfirmed, flagged for a look or below 0.80)"),
    Shortcut(("m",), "kb_merge", "merge the current bead with the next"),
    Shortcut(("s",), "kb_split", "split the current bead at the point chosen in its “Split into” box"),
    Shortcut(("[",), "kb_move_target_prev", "move the current bead's first target sentence to the previous bead"),
    Shortcut(("]",), "kb_move_target_next", "move the current bead's last target sentence to the next bead"),
    Shortcut(("{",), "kb_move_source_prev", "move the first source sentence to the previous bead"),
    Shortcut(("}",), "kb_move_source_next", "move the last source sentence to the next bead"),
    Shortcut(("u",), "kb_undo", "undo the latest action"),
)
EDIT_KEY = "e"          # focus the current bead's target editor; Escape leaves it
EXPORT_KEY = "x"        # open the Export menu, its first format focused (Tab to the others, Enter downloads)
EXPORT_MENU = "review_export"   # the widget key of the Export menu
CHOOSER_KEY = "o"       # open the "Open or align another pair" chooser, its Open button focused; Escape leaves it
CHOOSER = "review_chooser"      # the widget key of that chooser (an expander)
# what o focuses in the chooser: the first of these that is shown (the open tab's Open button, else that tab)
CHOOSER_FOCUS = (".st-key-review_open button", ".st-key-review_open_saved button", '[role="tab"][aria-selected="true"]')
LOW_CONFIDENCE = 0.80
TYPING_PAUSE_MS = 1500   # keys this soon after typing in an editor are typing, never shortcuts
RUN_WAIT_MS = 15000      # keys after a shortcut wait this long at most for its run to be drawn (a loaded machine)
OVERDUE_MS = 4000        # a held key waits this long at most for a page that shows its current bead
CHOOSE_WAIT_MS = 15000   # o waits this long at most for the unfolded chooser's run to end (a loaded machine)
PRESSES = "review_key_presses"   # the clicks of the key script the server has run (review_actions.pressed)
_KEY_NAMES = {"ArrowDown": "↓", "ArrowUp": "↑", "Enter": "Enter"}

_SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const keys = %(keys)s;
  // what this run draws: its token (the script runs once a run), the widget key of the current
  // bead's editor, and the token of the latest open of the alignment
  const drawn = %(drawn)s;
  if (doc.__wbReviewKeys) doc.removeEventListener("keydown", doc.__wbReviewKeys, true);
  if (doc.__wbPointer) doc.removeEventListener("pointerdown", doc.__wbPointer, true);
  if (doc.__wbMovedBy) for (const kind of ["wheel", "keydown", "pointerdown", "touchstart"]) {
    doc.removeEventListener(kind, doc.__wbMovedBy, true);
  }
  // the runs whose page was drawn (a page can miss a run's "running": this one it cannot miss)
  if (!doc.__wbDrawn || doc.__wbDrawn.run !== drawn.run) doc.__wbDrawnRuns = (doc.__wbDrawnRuns || 0) + 1;
  doc.__wbDrawn = drawn;
  doc.__wbQueue = doc.__wbQueue || [];
  const current = () => doc.querySelector(".st-key-wb_current");
  const editorHere = () => current() && current().querySelector("textarea");
  const now = () => performance.now();
  // A key pressed while a run redraws the page acted on the page drawn before it: e focused the
  // old bead's editor, which the run then replaced (her letters were lost, or became shortcuts
  // and accepted beads), a shortcut clicked an old button. Keys wait, in order, until the run's
  // page is drawn, and then act as if pressed there.
  const running = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    return ["running", "rerunRequested", "stopRequested"].includes(app && app.getAttribute("data-test-script-state"));
  };
  // a shortcut waits until the run of the one before has drawn this script (its buttons come
  // next); e and typing wait until that run is over and its current bead's editor is drawn.
  // The run of the click, not any run drawn after it: a run under way when she pressed the key
  // (the one Esc started by leaving an edited editor) draws a page of the bead she is leaving,
  // and her e and words went into its editor, which the click's run then took away. A click
  // that the server counts (a key button, the chooser's fold) is done when a page shows its
  // count; another (a button of the chooser) when a page drawn after it shows
  const click = (counted) => {
    doc.__wbClicked = {run: doc.__wbDrawn.run, at: now(), count: counted ? doc.__wbDrawn.presses + 1 : null};
  };
  const runDrawn = () => {
    const clicked = doc.__wbClicked, drawnNow = doc.__wbDrawn;
    if (!clicked || now() - clicked.at >= %(wait_ms)d) return true;
    return clicked.count === null ? clicked.run !== drawnNow.run : drawnNow.presses >= clicked.count;
  };
  // after o, keys wait until the chooser's button has the focus (Enter then presses it)
  const keysReady = () => runDrawn() && !(doc.__wbChoosing && now() - doc.__wbChoosing < %(choose_ms)d);
  const ready = () => {
    const key = doc.__wbDrawn.editor, bead = current();
    if (!keysReady() || running()) return false;
    if (!key) return true;
    // a new editor is empty for a moment before it shows its text (the bead's target beside it)
    const editor = bead && bead.querySelector(".st-key-" + key + " textarea"), side = bead && bead.querySelectorAll(".wb-seg")[1];
    return !!editor && (editor.value !== "" || !side || side.textContent.trim() === "");
  };
  const isEdit = (item) => item.typing || item.ctrl || item.key === "%(edit)s" || (doc.__wbQueue.some(
    held => held.key === "%(edit)s"));   // after a held e, the keys are hers to type
  const HELD = ["Enter", "Backspace", "Delete", "Escape", "ArrowDown", "ArrowUp"];
  const onKey = (event) => {
    // the listener stays on the document when she goes to another page: not there
    if (!doc.querySelector(".st-key-wb_keys")) return;
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && inChooser(event.target)) { leaveChooser(); event.preventDefault(); return; }
    if (event.key === "Escape" && typing) { doc.__wbTyping = null; event.target.blur(); return; }
    if (typing) {
      if (event.target.tagName === "TEXTAREA") doc.__wbTyping = {at: now(), editor: event.target};
      return;
    }
    // Enter on a button she tabbed to (Save target, Export, a tab) presses that button, not the
    // current bead's confirm; arrows move in a tab list
    const control = event.target.closest && event.target.closest('button, a, summary, [role="tab"], [role="button"]');
    if (control && ["Enter", " ", "ArrowDown", "ArrowUp"].includes(event.key)) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (event.altKey || (ctrl && event.key !== "a")) return;
    // a redraw can take the focus from the editor she is typing in (a save draws a new one):
    // within a moment of typing, a key on the page is typing, never a shortcut
    // (only with no element focused: Enter on the Save target button she tabbed to is a click)
    const lost = event.target === doc.body || event.target === doc.documentElement;
    const item = {key: event.key, ctrl, at: now(), typing: lost && !!doc.__wbTyping && now() - doc.__wbTyping.at < %(typing_ms)d};
    if (doc.__wbQueue.length || !(isEdit(item) ? ready() : keysReady())) {
      if (item.key.length !== 1 && !HELD.includes(item.key)) return;
      event.preventDefault();
      if (item.typing) doc.__wbTyping.at = item.at;
      doc.__wbQueue.push(item);
      flush();
      return;
    }
    if (act(item) !== null) event.preventDefault();
  };
  // one key on the page as it is now; null when it does nothing, "run" when it started a run
  const act = (item) => {
    const focused = doc.activeElement;
    if (item.key === "Escape" && (inChooser(focused) || doc.__wbChoosing)) { leaveChooser(); return "edit"; }
    if (inChooser(focused) && (item.key === "Enter" || item.key === " ")) {   // held while o focused it
      if (focused.getAttribute("role") !== "tab") click(false);
      focused.click();
      return "run";
    }
    if (focused && focused.tagName === "TEXTAREA") return typeKey(focused, item);   // after a held e
    if (item.typing && doc.__wbTyping) return typeOn(item);
    if (item.ctrl) return null;
    if (item.key === "%(edit)s") {
      const editor = editorHere();
      if (!editor) return null;
      editor.focus();
      editor.setSelectionRange(editor.value.length, editor.value.length);   // she goes on at the end
      doc.__wbTyping = {at: now(), editor};
      return "edit";
    }
    if (item.key === "%(export)s") return openExport();
    if (item.key === "%(chooser)s") return openChooser();
    const name = keys[item.key];
    const button = name && doc.querySelector(".st-key-" + name + " button");
    if (!button || button.disabled) return null;
    click(true);
    button.click();
    // bring the new current bead into view once the run has drawn it, once: later, a scroll of
    // hers (to the toolbar's Export) is hers
    let tries = 0;
    const reveal = () => {
      if (!ready() && ++tries < 60) { setTimeout(reveal, 100); return; }
      const bead = current(), box = bead && bead.getBoundingClientRect();
      if (box && (box.top < barBottom() || box.bottom > height())) scrollTo(bead);
    };
    setTimeout(reveal, 50);
    return "run";
  };
  // the held keys, once the page is drawn (for e and typing: and has stayed so for three looks,
  // 40 ms: a new editor is empty for a moment before it shows its text); a key held too long
  // acts on the page there is
  const flush = () => {
    clearTimeout(doc.__wbFlush);
    let steady = 0;
    const look = () => {
      const queue = doc.__wbQueue;
      if (!queue.length) return;
      const edit = isEdit(queue[0]);
      const overdue = runDrawn() && !running() && now() - queue[0].at > %(overdue_ms)d;
      steady = (edit ? ready() : keysReady()) || overdue ? steady + 1 : 0;
      if (steady < (edit ? 3 : 1)) { doc.__wbFlush = setTimeout(look, 20); return; }
      if (act(queue.shift()) === "run") { flush(); return; }
      look();   // the page is still ready: the next key at once
    };
    look();
  };
  // Tab from the Export button went on through the beads, not into its menu (drawn at the end
  // of the page): x opens it with TMX focused
  const openExport = () => {
    const button = doc.querySelector(".st-key-%(export_menu)s button");
    if (!button) return null;
    scrollTo(button);   // deep in an article the toolbar is off the screen, and its menu with it
    if (!doc.querySelector('[data-testid="stPopoverBody"] [class*="st-key-review_dl_"] button')) button.click();
    let tries = 0;
    const focusFirst = () => {
      const first = doc.querySelector('[data-testid="stPopoverBody"] [class*="st-key-review_dl_"] button');
      if (first) first.focus(); else if (++tries < 40) setTimeout(focusFirst, 25);
    };
    focusFirst();
    return "edit";
  };
  // the chooser (Open or align another pair) sits above the toolbar, folded, many Tabs away:
  // o unfolds it and focuses its Open button (Enter opens); Escape in it folds it again
  // (unfolding or folding it is a run of the page: the focus waits for the run to be drawn)
  const chooser = () => doc.querySelector(".st-key-%(chooser_key)s");
  const details = () => chooser() && chooser().querySelector("details");
  const inChooser = (el) => !!(chooser() && el && el !== doc.body && chooser().contains(el));
  const fold = () => {
    click(true);
    details().querySelector("summary").click();
  };
  const openChooser = () => {
    if (!details()) return null;
    scrollTo(chooser());
    if (!details().open) fold();
    const mine = doc.__wbChoosing = now();
    const focusFirst = () => {
      if (doc.__wbChoosing !== mine) return;   // Escape came first
      const box = chooser(), ready = runDrawn() && !running();
      const shown = (el) => el && el.offsetParent !== null;
      const target = box && %(chooser_focus)s.map(css => box.querySelector(css)).find(shown);
      if (ready && target) { target.focus(); doc.__wbChoosing = null; flush(); }
      else if (now() - mine < %(choose_ms)d) setTimeout(focusFirst, 25);
      else doc.__wbChoosing = null;
    };
    focusFirst();
    return "edit";
  };
  const leaveChooser = () => {
    doc.__wbChoosing = null;
    if (doc.activeElement && doc.activeElement.blur) doc.activeElement.blur();
    if (details() && details().open) fold();
    const bead = current();
    if (bead) scrollTo(bead);   // back where she was, the keys acting on her bead
  };
  const typeKey = (editor, item) => {
    if (item.key === "Escape") { doc.__wbTyping = null; editor.blur(); return "edit"; }
    editor.focus();
    if (item.ctrl) editor.select();
    else if (item.key === "Backspace" || item.key === "Delete") {
      if (!doc.execCommand(item.key === "Delete" ? "forwardDelete" : "delete")) {
        const at = editor.selectionStart, cut = editor.selectionEnd > at ? 0 : 1;
        const from = item.key === "Delete" ? at : Math.max(0, at - cut);
        replace(editor, from, Math.max(editor.selectionEnd, from + (item.key === "Delete" ? cut : 0)), "");
      }
    } else if (item.key.length === 1 || item.key === "Enter") {
      const text = item.key === "Enter" ? "\\n" : item.key;
      if (!doc.execCommand("insertText", false, text)) replace(editor, editor.selectionStart, editor.selectionEnd, text);
    }
    doc.__wbTyping = {at: now(), editor};
    return "edit";
  };
  // the way a typed letter reaches the page's widget (its value setter and an input event)
  const replace = (editor, from, to, text) => {
    const value = editor.value.slice(0, from) + text + editor.value.slice(to);
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(editor), "value").set.call(editor, value);
    editor.dispatchEvent(new Event("input", {bubbles: true}));
    editor.setSelectionRange(from + text.length, from + text.length);
  };
  const beadOf = (editor) => {   // the editor widget key up to its bead: st-key-edit-ALIGNMENT-POSITION
    const box = editor && editor.closest('[class*="st-key-edit-"]');
    const key = box && [...box.classList].find(c => c.startsWith("st-key-edit-"));
    return key ? key.split("-").slice(0, 5).join("-") : null;
  };
  // typing on after the editor lost the focus: into it, or into the new editor of the same bead
  // with what she had typed in the old one (a save draws a new editor). When her bead is no
  // longer the current one, there is no editor of hers on the page: the key is dropped
  const typeOn = (item) => {
    const was = doc.__wbTyping.editor, editor = was.isConnected ? was : editorHere();
    if (!editor || beadOf(editor) !== beadOf(was)) return "edit";
    if (editor !== was) {
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(editor), "value").set.call(editor, was.value);
      editor.dispatchEvent(new Event("input", {bubbles: true}));
      editor.focus();
      editor.setSelectionRange(was.selectionStart, was.selectionEnd);
    }
    return typeKey(editor, item);
  };
  const height = () => (window.parent || window).innerHeight;
  // the pages' top bar is fixed over the page: a bead's top must show below it
  const barBottom = () => {
    const bar = doc.querySelector('[data-testid="stHeader"]');
    return bar ? bar.getBoundingClientRect().bottom : 0;
  };
  const scrollTo = (bead) => {
    bead.style.scrollMarginTop = (barBottom() + 8) + "px";
    bead.scrollIntoView({block: "start"});
  };
  // an alignment opened (a new session, the chooser's Open) at a bead further down scrolls to
  // it, once an open; the first bead of the page stays under the toolbar. The page drawn before
  // the open can still be on the screen: wait for the opened bead's own editor
  if (drawn.opened && drawn.editor && doc.__wbOpened !== drawn.opened) {
    doc.__wbOpened = drawn.opened;
    doc.__wbMoved = false;
    let waits = 0;
    // the beads come after their glossary marks: wait for them, up to a minute (a loaded laptop
    // drew them after the 15 s this waited before, and the page stayed at its top). The editor of
    // the latest page drawn: a run after the open's (same open) can draw the bead's editor anew
    const show = () => {
      const bead = current(), editor = doc.__wbDrawn.editor;
      if (!bead || !editor || !bead.querySelector(".st-key-" + editor)) { if (++waits < 400) setTimeout(show, 150); return; }
      const first = doc.querySelector('.st-key-wb_current, [class*="st-key-bead-"]');
      if (bead !== first) follow(drawn.opened);
    };
    setTimeout(show, 100);
  }
  // the beads above the opened one can still grow after it is drawn (their marks, the chooser
  // folding away), pushing it off the screen after the one scroll to it: the page follows it
  // until it has stood still for 3 s after the run, or she scrolls, clicks or presses a key
  function follow(opened) {
    let looks = 0, still = 0, top = null;
    const look = () => {
      const bead = current();
      if (doc.__wbMoved || doc.__wbOpened !== opened || !bead || ++looks > 400) return;
      const box = bead.getBoundingClientRect(), at = barBottom() + 8;
      if (box.top < at - 2 || (box.bottom > height() && box.top > at + 2)) scrollTo(bead);
      const now_top = bead.getBoundingClientRect().top;
      still = running() || now_top !== top ? 0 : still + 1;
      top = now_top;
      if (still < 20) setTimeout(look, 150);
    };
    look();
  }
  // whether keys are still held or a click of the script has not had its page yet (a page that
  // waits for the keys, such as a browser test, waits for this too)
  doc.__wbKeysBusy = () => !!doc.querySelector(".st-key-wb_keys") && (doc.__wbQueue.length > 0 || !runDrawn()
                                                                      || !!doc.__wbChoosing);
  doc.__wbReviewKeys = onKey;
  doc.__wbPointer = () => { doc.__wbTyping = null; };
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("pointerdown", doc.__wbPointer, true);
  doc.__wbMovedBy = () => { doc.__wbMoved = true; };   // she moves herself: the page stops following
  for (const kind of ["wheel", "keydown", "pointerdown", "touchstart"]) doc.addEventListener(kind, doc.__wbMovedBy, true);
  if (doc.__wbQueue.length) flush();   // keys held while this run drew the page
})();
</script>"""


def listener_script(run: str = "", editor: str | None = None, opened: str | None = None, presses: int = 0) -> str:
    """The page script that maps keys to the hidden buttons. ``run``: a token of this run (the
    script runs again when it changes: keys held while a run redraws the page wait for it);
    ``editor``: the widget key of the current bead's editor (the run's page is drawn once it is
    there); ``opened``: a token of the latest open of the alignment (the page scrolls to the
    current bead once a token); ``presses``: the clicks of the script's buttons run so far (a
    key's click is done once a page shows it)."""
    keys = {key: s.button for s in SHORTCUTS for key in s.keys}
    drawn = {"run": run, "editor": editor, "opened": opened, "presses": presses}
    return _SCRIPT % {"keys": json.dumps(keys), "edit": EDIT_KEY, "export": EXPORT_KEY, "export_menu": EXPORT_MENU,
                      "chooser": CHOOSER_KEY, "chooser_key": CHOOSER, "chooser_focus": json.dumps(CHOOSER_FOCUS),
                      "typing_ms": TYPING_PAUSE_MS, "choose_ms": CHOOSE_WAIT_MS,
                      "drawn": json.dumps(drawn), "wait_ms": RUN_WAIT_MS, "overdue_ms": OVERDUE_MS}


_FOCUS_SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const token = %(token)s, selector = "input[aria-label=" + JSON.stringify(%(label)s) + "]";
  if (doc.__wbFocusFirst === token) return;
  doc.__wbFocusFirst = token;
  let looks = 0;
  const look = () => {
    // free: nothing has the focus, or the page's own link in the top bar (clicked, or Enter on it)
    const active = doc.activeElement, field = doc.querySelector(selector);
    const free = !active || active === doc.body || active.matches('[data-testid="stTopNavLink"]');
    if (field && free) field.focus();
    else if (!field && ++looks < 50) setTimeout(look, 100);
  };
  look();
})();
</script>"""


def focus_script(label: str, token: str) -> str:
    """A script that puts the cursor in the text box labelled ``label`` once a ``token`` (a page
    entered), unless something on the page other than the top bar's link to it has the focus:
    the sign-in's user name took 3 Tabs, the Glossary's search 14."""
    return _FOCUS_SCRIPT % {"token": json.dumps(token), "label": json.dumps(label)}


def legend_markdown() -> str:
    """The shortcuts as a Markdown table for the page's help."""
    rows = [f"| {' or '.join(f'`{_KEY_NAMES.get(k, k)}`' for k in s.keys)} | {s.label} |" for s in SHORTCUTS]
    rows.append(f"| `{EDIT_KEY}` | edit the current bead's target text (`Esc` leaves the editor) |")
    rows.append(f"| `{EXPORT_KEY}` | open Export with TMX focused (`Tab` to the other formats, `Enter` downloads, "
                "`Esc` closes) |")
    rows.append(f"| `{CHOOSER_KEY}` | open “Open or align another pair” with “Open saved alignment” focused "
                "(`Enter` opens it, `Tab` to the other choices, `Esc` leaves) |")
    return "\n".join(["| Key | Action |", "|---|---|", *rows])


def next_position(beads, current: int, wanted) -> int | None:
    """The position of the first bead after ``current`` (then from the start) for which
    ``wanted(bead)`` holds; None when no bead does."""
    ordered = sorted(beads, key=lambda b: b.position)
    after = [b for b in ordered if b.position > current] + [b for b in ordered if b.position <= current]
    return next((b.position for b in after if wanted(b)), None)


def is_open(bead) -> bool:
    """Nobody has reviewed it: a bead a translator made unaligned is decided (and counted as
    reviewed above the beads), so the keys do not send her back to it."""
    return bead.status not in ("accepted", "unaligned")


def is_low(bead, glossary=None) -> bool:
    """Unconfirmed and doubtful: flagged for a look (drawn as doubtful whatever its score, and
    counted as flagged above the beads), without a counterpart, below ``LOW_CONFIDENCE``, or
    with a glossary problem (``glossary``: ``review.glossary_flags``)."""
    from workbench.review import is_doubtful

    return is_doubtful(bead, glossary, LOW_CONFIDENCE)
