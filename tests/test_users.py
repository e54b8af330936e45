"""Named users: password hashes, the users CLI, roles in the glossary, and
sign-in in the app (two sessions, a conflict that names the other user)."""

import io
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from workbench.cli import main
from workbench.errors import AccessError, InputError
from workbench.glossary import Concept, Glossary, Term
from workbench.store import Store
from workbench.users import (add_user, end_session, hash_password, password_matches, session_user, sign_in,
                             start_session)

from tests.conftest import APP_MAIN


def draft(cid="picket-line", status="admitted"):
    return Concept(cid, "struggle", "draft", "", "", 1, (Term("en", "picket line", status=status),
                                                          Term("de", "Streikposten", status=status)))


@pytest.fixture
def team(store):
    add_user(store, "maria", "terminologist", "maria-pass-1", by="admin")
    add_user(store, "jan", "translator", "jan-pass-12", by="admin")
    return store


def test_passwords_are_kept_as_salted_scrypt_hashes(team):
    stored = team.users.find("maria").password_hash
    assert stored.startswith("scrypt$") and "maria-pass-1" not in stored
    assert hash_password("same-password") != hash_password("same-password")      # a salt per hash
    assert password_matches("maria-pass-1", stored) and not password_matches("maria-pass-2", stored)
    assert sign_in(team, "maria", "maria-pass-1").role == "terminologist"
    for name, password in (("maria", "wrong-password"), ("nobody", "maria-pass-1")):
        with pytest.raises(AccessError, match="wrong user name or password"):
            sign_in(team, name, password)
    with pytest.raises(InputError, match="too short"):
        add_user(team, "ana", "translator", "short", by="admin")
    with pytest.raises(InputError, match="role 'boss'"):
        add_user(team, "ana", "boss", "long-enough-1", by="admin")


def test_a_translator_proposes_and_a_terminologist_approves(team):
    saved = team.glossary.save(draft(), expected_version=None, user="jan")         # admitted terms: a proposal
    assert team.glossary.history("picket-line")[0].user == "jan"
    with pytest.raises(AccessError, match=r"jan \(translator\) may not make en 'picket line' preferred"):
        team.glossary.save(replace(saved, terms=tuple(replace(t, status="preferred") if t.lang == "en" else t
                                                      for t in saved.terms)), expected_version=1, user="jan")
    with pytest.raises(AccessError, match="may not approve the concept"):
        team.glossary.save(replace(saved, status="approved"), expected_version=1, user="jan")
    with pytest.raises(AccessError, match="may not make en 'scab' forbidden"):
        team.glossary.save(Concept("scab", "struggle", "draft", "", "", 1,
                                   (Term("en", "scab", status="forbidden", note="say strikebreaker"),)),
                           expected_version=None, user="jan")
    approved = team.glossary.save(replace(saved, status="approved"), expected_version=1, user="maria")
    assert approved.version == 2 and team.glossary.history("picket-line")[0].user == "maria"
    team.glossary.save(draft("x-line", status="preferred"), expected_version=None, user="maria")
    with pytest.raises(AccessError, match="may not delete 'x-line'"):
        team.glossary.delete("x-line", expected_version=1, user="jan")
    # nothing was written by the refused saves
    assert team.glossary.get("picket-line").version == 2 and not team.glossary.exists("scab")


def test_a_translators_stale_save_is_a_conflict_not_a_refusal_of_what_others_added(team):
    """Jan edits the note of version 1 while Maria adds a forbidden term (version 2): his save must
    say that Maria changed the concept, not that he may not remove her term (he never saw it)."""
    from workbench.errors import ConflictError

    first = team.glossary.save(draft(), expected_version=None, user="maria")
    team.glossary.save(replace(first, terms=first.terms + (Term("en", "scab line", status="forbidden",
                                                                note="say picket line"),)),
                       expected_version=1, user="maria")
    with pytest.raises(ConflictError, match="changed by maria"):
        team.glossary.save(replace(first, note="Jan's note."), expected_version=1, user="jan")
    assert team.glossary.get("picket-line").version == 2


def test_a_translator_may_not_accept_candidates_or_import_decisions(team):
    from workbench.glossary.candidates import TermCandidate, accept_candidate

    candidate = TermCandidate("en", "de", "lockout", "Aussperrung", 1.0, 3.0, 2, 2, 2, ())
    with pytest.raises(AccessError, match="may not accept term candidates"):
        accept_candidate(team, candidate, user="jan")
    assert accept_candidate(team, candidate, user="maria").status == "draft"
    with pytest.raises(AccessError, match="may not make"):
        team.glossary.import_glossary(Glossary((draft("strike", status="preferred"),)), user="jan")
    assert not team.glossary.exists("strike")


def test_without_users_everyone_may_do_everything(store):
    store.glossary.save(replace(draft(status="preferred"), status="approved"), expected_version=None, user="laptop")
    assert store.glossary.get("picket-line").status == "approved"


def test_a_forbidden_term_needs_a_note(store, env, tmp_path, capsys):
    banned = Concept("scab", "struggle", "draft", "", "", 1, (Term("en", "scab", status="forbidden"),))
    with pytest.raises(InputError, match="forbidden term needs a note"):
        store.glossary.save(banned, expected_version=None, user="maria")
    path = tmp_path / "g.toml"
    path.write_text('[[concept]]\nid = "scab"\nsubject = "struggle"\n\n[[concept.term]]\nlang = "en"\n'
                    'text = "scab"\nstatus = "forbidden"\n', encoding="utf-8")
    assert main(["glossary", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "line" in err and "forbidden term needs a note" in err


def test_users_command(env, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("maria-pass-1\n"))
    assert main(["users", "add", "maria", "--role", "terminologist", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "jan", "--role", "translator", "--password-stdin"]) == 2
    assert "Error: the password for 'jan' is too short" in capsys.readouterr().err
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "maria" in out and "terminologist" in out and "maria-pass-1" not in out
    assert main(["users", "remove", "nobody"]) == 2 and "Error: no user named 'nobody'" in capsys.readouterr().err
    assert main(["users", "remove", "maria"]) == 0 and "No users are left" in capsys.readouterr().out
    with Store.open(env) as store:
        assert store.users.count() == 0


# ---------------------------------------------------------------- the app

def signed_in_session(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    assert [t.key for t in at.text_input] == ["signin_name", "signin_password"]   # nothing else before sign-in
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(password)
    at.button(key="FormSubmitter:sign-in-Sign in").click().run()
    assert not at.exception
    return at


def open_concept(at: AppTest, concept_id: str) -> None:
    at.switch_page("views/glossary.py").run()
    at.text_input(key="glossary_search").input(concept_id).run()
    at.selectbox(key="glossary_pick").set_value(concept_id).run()
    assert not at.exception


@pytest.fixture
def team_env(env):
    with Store.open(env) as store:
        add_user(store, "maria", "terminologist", "maria-pass-1", by="admin")
        add_user(store, "jan", "translator", "jan-pass-12", by="admin")
    return env


def test_sign_in_refuses_a_wrong_password_and_signs_out(team_env):
    at = signed_in_session("maria", "not-her-password")
    assert [e.value.replace("\\", "") for e in at.error] == ["Error: sign-in failed: wrong user name or password"]
    assert at.text_input(key="signin_name")   # still the form
    at = signed_in_session("maria", "maria-pass-1")
    assert any("Signed in as **maria** (terminologist)" in c.value for c in at.caption)
    assert _sessions_of(team_env, "maria") == 1          # the browser's session token, kept over a reload
    at.button(key="sign_out").click().run()
    assert at.text_input(key="signin_name") and not _signed_in_caption(at)
    assert _sessions_of(team_env, "maria") == 0          # signing out ends it in the store
    at = signed_in_session("maria", "maria-pass-1")
    with Store.open(team_env) as store:
        store.users.remove("maria")          # removed by an admin while she works: the next run asks again
    at.run()
    assert at.text_input(key="signin_name") and not _signed_in_caption(at)


def _signed_in_caption(at: AppTest) -> bool:
    return any("Signed in as" in c.value for c in at.caption)


def _sessions_of(db, name: str) -> int:
    with Store.open(db) as store:
        return store.connection.execute("SELECT count(*) FROM sessions WHERE user_name = ?", (name,)).fetchone()[0]


def test_a_session_token_names_its_user_until_it_ends_or_expires(team):
    token = start_session(team, "maria")
    assert session_user(team, token).name == "maria" and "maria" not in token and len(token) >= 40
    assert session_user(team, token + "x") is None and session_user(team, "") is None
    assert session_user(team, start_session(team, "jan", hours=-1)) is None        # expired
    end_session(team, token)
    assert session_user(team, token) is None
    again = start_session(team, "maria")
    team.users.remove("maria")                 # removed by an admin: her open browsers are signed out
    assert session_user(team, again) is None


def test_two_users_conflict_names_the_other_one(team_env):
    maria, jan = signed_in_session("maria", "maria-pass-1"), signed_in_session("jan", "jan-pass-12")
    open_concept(maria, "lockout")
    open_concept(jan, "lockout")
    maria.text_area(key="note-lockout-1").input("Maria's note.")
    maria.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not maria.exception and any("version 2" in s.value for s in maria.success)
    jan.text_area(key="note-lockout-1").input("Jan's note.")
    jan.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not jan.exception
    [error] = [e.value.replace("\\", "") for e in jan.error]       # one message, naming her
    assert error.startswith("Error: not saved: maria saved 'lockout' at ") and "jan" not in error
    # side by side: hers, naming her, and his refused version
    assert any(m.value.startswith("**Theirs** (maria, ") for m in jan.markdown)
    assert any("**Yours** (not saved; as *Keep mine* saves it)" in m.value for m in jan.markdown)
    with Store.open(team_env) as store:
        assert [(h.action, h.user) for h in store.glossary.history("lockout")][:2] == [("refused", "jan"),
                                                                                     ("updated", "maria")]


def test_a_translator_cannot_approve_in_the_app(team_env):
    jan = signed_in_session("jan", "jan-pass-12")
    open_concept(jan, "lockout")                     # an approved concept of the shared glossary
    assert jan.selectbox(key="addstatus-lockout-1").options == ["admitted"]
    jan.selectbox(key="cst-lockout-1").set_value("draft")
    jan.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not jan.exception
    refusal = ("Error: jan (translator) may not withdraw the approval of 'lockout': only a terminologist or an admin "
               "may; a translator may add draft concepts with admitted terms")
    assert [e.value.replace("\\", "") for e in jan.error] == [refusal]
    jan.text_input(key="addlang-lockout-1").input("de")
    jan.text_input(key="addtext-lockout-1").input("Aussperrer")
    jan.button(key="FormSubmitter:add-term-lockout-1-Add term").click().run()
    assert not jan.exception and any("Added de 'Aussperrer'" in s.value for s in jan.success)
    with Store.open(team_env) as store:
        concept = store.glossary.get("lockout")
        assert concept.status == "approved" and ("de", "Aussperrer", "admitted") in {
            (t.lang, t.text, t.status) for t in concept.terms}
        assert store.glossary.history("lockout")[0].user == "jan"


def test_sign_in_form_lets_the_browser_fill_the_saved_password(team_env):
    """The sign-in boxes say they take a user name and a current password (Streamlit's
    default, "new-password", makes browsers offer to generate a new one); after signing
    in from the Glossary page's address the Glossary is shown."""
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.switch_page("views/glossary.py").run()
    assert at.text_input(key="signin_password").proto.autocomplete == "current-password"
    assert at.text_input(key="signin_name").proto.autocomplete == "username"
    at.text_input(key="signin_name").input("maria")
    at.text_input(key="signin_password").input("maria-pass-1")
    at.button(key="FormSubmitter:sign-in-Sign in").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Glossary"]


def _session_hours_left(db, name: str) -> float:
    from datetime import datetime, timezone

    with Store.open(db) as store:
        [expires] = store.connection.execute("SELECT expires_at FROM sessions WHERE user_name = ?", (name,)).fetchone()
    return (datetime.fromisoformat(expires) - datetime.now(timezone.utc)).total_seconds() / 3600


def test_a_sign_in_lasts_12_hours_unless_the_server_sets_another_lifetime(team_env, monkeypatch):
    signed_in_session("maria", "maria-pass-1")
    assert 11.9 < _session_hours_left(team_env, "maria") <= 12
    monkeypatch.setenv("WORKBENCH_SESSION_HOURS", "72")
    signed_in_session("jan", "jan-pass-12")
    assert 71.9 < _session_hours_left(team_env, "jan") <= 72
    monkeypatch.setenv("WORKBENCH_SESSION_HOURS", "soon")
    at = AppTest.from_file(APP_MAIN, default_timeout=60).run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == [
        "Error: WORKBENCH_SESSION_HOURS: 'soon' is not a number of hours between 0 "
        "and 8784 (e.g. 12, or 0.5 for half an hour)"]


def test_app_session_hours_option_and_variable(env, monkeypatch, capsys):
    from tests.test_browser import free_port

    calls = []
    monkeypatch.setattr("os.execve", lambda path, command, environ: calls.append(environ))
    assert main(["app", "--host", "127.0.0.1", "--port", str(free_port())]) == 0
    monkeypatch.setenv("WORKBENCH_SESSION_HOURS", "0.5")
    assert main(["app", "--host", "127.0.0.1", "--port", str(free_port())]) == 0
    assert main(["app", "--host", "127.0.0.1", "--port", str(free_port()), "--session-hours", "72"]) == 0
    assert [c["WORKBENCH_SESSION_HOURS"] for c in calls] == ["12.0", "0.5", "72.0"]   # the option wins
    with pytest.raises(SystemExit):
        main(["app", "--session-hours", "-3"])
    assert capsys.readouterr().err.endswith("argument --session-hours: '-3' is not a number of hours between 0 "
                                            "and 8784 (e.g. 12, or 0.5 for half an hour) (see workbench app --help)\n")
    monkeypatch.setenv("WORKBENCH_SESSION_HOURS", "inf")
    assert main(["docs", "list"]) == 2
    assert capsys.readouterr().err == ("Error: WORKBENCH_SESSION_HOURS: 'inf' is not a number of hours between 0 "
                                       "and 8784 (e.g. 12, or 0.5 for half an hour)\n")
