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
LOW_CONFIDENCE = 0.80
TYPING_PAUSE_MS = 1500   # keys this soon after typing in an editor are typing, never shortcuts
_KEY_NAMES = {"ArrowDown": "↓", "ArrowUp": "↑", "Enter": "Enter"}

_SCRIPT = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  const keys = %(keys)s;
  if (doc.__wbReviewKeys) doc.removeEventListener("keydown", doc.__wbReviewKeys, true);
  if (doc.__wbPointer) doc.removeEventListener("pointerdown", doc.__wbPointer, true);
  const current = () => doc.querySelector(".st-key-wb_current");
  // A redraw can take the focus from the editor she is typing in (a save draws a new one):
  // her next letters would land on the page as shortcuts. Within a moment of typing in an
  // editor they go back into it, after what she had typed; Esc or a click ends the typing.
  const onKey = (event) => {
    const typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && typing) { doc.__wbTyping = null; event.target.blur(); return; }
    if (typing) {
      if (event.target.tagName === "TEXTAREA") doc.__wbTyping = {at: performance.now(), editor: event.target};
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const lost = event.target === doc.body || event.target === doc.documentElement;   // no element has the focus
    if (lost && doc.__wbTyping && performance.now() - doc.__wbTyping.at < %(typing_ms)d) return typeOn(event);
    if (event.key === "%(edit)s") {
      const editor = current() && current().querySelector("textarea");
      if (editor) { event.preventDefault(); editor.focus(); }
      return;
    }
    const name = keys[event.key];
    const button = name && doc.querySelector(".st-key-" + name + " button");
    if (!button || button.disabled) return;
    event.preventDefault();
    button.click();
    // bring the new current bead into view once the page has redrawn it
    let tries = 0;
    const reveal = () => {
      const bead = current();
      const box = bead && bead.getBoundingClientRect();
      if (box && (box.top < barBottom() || box.bottom > height())) scrollTo(bead);
      if (++tries < 8) setTimeout(reveal, 150);
    };
    setTimeout(reveal, 100);
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
  const opened = %(opened)s;
  if (opened && doc.__wbOpened !== opened[0]) {
    doc.__wbOpened = opened[0];
    let waits = 0;
    const show = () => {   // the beads come after their glossary marks: wait for them
      const bead = current();
      if (!bead || !bead.querySelector(".st-key-" + opened[1])) { if (++waits < 100) setTimeout(show, 150); return; }
      const first = doc.querySelector('.st-key-wb_current, [class*="st-key-bead-"]');
      if (bead !== first && bead.getBoundingClientRect().bottom > height()) scrollTo(bead);
    };
    setTimeout(show, 100);
  }
  const beadOf = (editor) => {   // the editor widget key up to its bead: st-key-edit-ALIGNMENT-POSITION
    const box = editor.closest('[class*="st-key-edit-"]');
    const key = box && [...box.classList].find(c => c.startsWith("st-key-edit-"));
    return key ? key.split("-").slice(0, 5).join("-") : null;
  };
  const typeOn = (event) => {
    const was = doc.__wbTyping.editor, editor = was.isConnected ? was : current() && current().querySelector("textarea");
    if (!editor) return;
    event.preventDefault();
    // a new editor of the same bead (drawn by a save): what she typed is in the old one
    let text = editor !== was && beadOf(editor) === beadOf(was) ? was.value : editor.value;
    if (event.key.length === 1) text += event.key;
    else if (event.key === "Enter") text += "\\n";
    else if (event.key === "Backspace") text = text.slice(0, -1);
    // the way a typed letter reaches the page's widget (its value setter and an input event)
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(editor), "value").set.call(editor, text);
    editor.dispatchEvent(new Event("input", {bubbles: true}));
    editor.focus();
    editor.setSelectionRange(text.length, text.length);
    doc.__wbTyping = {at: performance.now(), editor};
  };
  doc.__wbReviewKeys = onKey;
  doc.__wbPointer = () => { doc.__wbTyping = null; };
  doc.addEventListener("keydown", onKey, true);
  doc.addEventListener("pointerdown", doc.__wbPointer, true);
})();
</script>"""


def listener_script(opened: tuple[str, str] | None = None) -> str:
    """The page script that maps keys to the hidden buttons. ``opened``: a token of the latest
    open of the alignment and the widget key of its current bead's editor; the page scrolls to
    that bead once a token."""
    keys = {key: s.button for s in SHORTCUTS for key in s.keys}
    return _SCRIPT % {"keys": json.dumps(keys), "edit": EDIT_KEY, "typing_ms": TYPING_PAUSE_MS,
                      "opened": json.dumps(opened)}


def legend_markdown() -> str:
    """The shortcuts as a Markdown table for the page's help."""
    rows = [f"| {' or '.join(f'`{_KEY_NAMES.get(k, k)}`' for k in s.keys)} | {s.label} |" for s in SHORTCUTS]
    rows.append(f"| `{EDIT_KEY}` | edit the current bead's target text (`Esc` leaves the editor) |")
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


def is_low(bead) -> bool:
    """Unconfirmed and doubtful: flagged for a look (drawn as doubtful whatever its score, and
    counted as flagged above the beads) or below ``LOW_CONFIDENCE``."""
    return is_open(bead) and (bead.needs_review or bead.confidence < LOW_CONFIDENCE)
