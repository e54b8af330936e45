"""Entry file of the Streamlit app: first-start set-up and page routing."""

from contextlib import nullcontext
from pathlib import Path

import streamlit as st

from workbench.app import state
from workbench.app.runtime import open_store, settings, start_warm_up, user_errors
from workbench.app.signin import signed_in
from workbench.demo import DEMO_LOADED_KEY, ensure_first_start

VIEWS = Path(__file__).resolve().parent / "views"
# The pages are named in the top bar, not a 300 px sidebar: at 1024 px the review columns need
# the width. The account menu sits at the bar's right; narrow windows get narrower margins.
LAYOUT = """<style>
.st-key-wb_account {position: fixed; top: 0.6rem; right: 3.5rem; z-index: 999991; width: auto; gap: 0;}
.st-key-wb_account [data-testid="stElementContainer"]:has([data-testid="stHtml"]) {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 4.5rem;}
@media (max-width: 1200px) {
  [data-testid="stMainBlockContainer"] {padding-left: 1.5rem; padding-right: 1.5rem;}
}
</style>"""

st.set_page_config(page_title="Workbench", layout="wide")

allowed = False
with user_errors(), open_store() as store:
    # the first start loads the demo corpus and the shared glossary: seconds, not a blank page
    first = store.get_meta(DEMO_LOADED_KEY) is None
    with st.spinner("First start: loading the demo corpus and the shared glossary…") if first else nullcontext():
        ensure_first_start(store, settings())
    allowed = signed_in(store)   # a shared server with users asks for a sign-in first
    start_warm_up(settings().warm_up)

# declared on the sign-in run too (hidden): else the page in the address is lost on signing in.
# Material icons ship with Streamlit: no emoji font needed
st.html(LAYOUT)
navigation = st.navigation(position="top" if allowed else "hidden", pages=[
    st.Page(str(VIEWS / "review.py"), title="Review", icon=":material/compare_arrows:", default=True),
    st.Page(str(VIEWS / "documents.py"), title="Documents", icon=":material/description:"),
    st.Page(str(VIEWS / "glossary.py"), title="Glossary", icon=":material/menu_book:"),
    st.Page(str(VIEWS / "fragments.py"), title="Fragments", icon=":material/search:"),
    st.Page(str(VIEWS / "stats.py"), title="Stats", icon=":material/bar_chart:"),
    st.Page(str(VIEWS / "translate.py"), title="Translate", icon=":material/translate:"),
    st.Page(str(VIEWS / "models.py"), title="Models", icon=":material/extension:"),
])
if allowed:
    state.showing(navigation.title)
    navigation.run()
