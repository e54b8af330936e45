"""Named users on a shared server: roles, password hashes, sign-in, term rights.

A store without users is a single-user laptop: no sign-in, and whoever runs
it may do everything. Once a user exists, the app asks for a sign-in and
glossary decisions follow the role of the name recorded with the edit:
translators propose (draft concepts, admitted terms); terminologists and
admins approve (preferred, deprecated and forbidden terms, approved concepts,
accepted term candidates). Passwords are kept only as salted scrypt hashes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from workbench.errors import AccessError, InputError
from workbench.settings import DEFAULT_SESSION_HOURS

if TYPE_CHECKING:
    from workbench.glossary.model import Concept
    from workbench.store import Store
    from workbench.store.users import UserRecord

ROLES = ("translator", "terminologist", "admin")
APPROVING_ROLES = ("terminologist", "admin")
DECISION_STATUSES = ("preferred", "deprecated", "forbidden")   # a translator may propose 'admitted' only
MIN_PASSWORD = 8
_NAME = re.compile(r"^[\w.@-]{1,64}$")
# scrypt cost: about 50 ms a check on a laptop, 16 MiB of memory (OWASP's minimum is n=2**17 with r=8,
# p=1; n=2**14 keeps a sign-in quick on a small shared server while a leaked hash still costs a lot)
_N, _R, _P, _LEN = 2 ** 14, 8, 1, 32


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_LEN)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r),
                             p=int(p), dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return kind == "scrypt" and hmac.compare_digest(got, expected)


def add_user(store: "Store", name: str, role: str, password: str, *, by: str) -> "UserRecord":
    name = name.strip()
    if not _NAME.match(name):
        raise InputError(f"user name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password for '{name}' is too short: at least {MIN_PASSWORD} characters")
    return store.users.add(name, role, hash_password(password), by=by)


def sign_in(store: "Store", name: str, password: str) -> "UserRecord":
    """The user if the password is right; one message for a wrong name or password."""
    record = store.users.find(name.strip())
    # hash even for an unknown name, so the answer's time does not tell which names exist
    matched = password_matches(password, record.password_hash if record else _DUMMY_HASH)
    if record is None or not matched:
        raise AccessError("sign-in failed: wrong user name or password")
    return record


def start_session(store: "Store", name: str, *, hours: float = DEFAULT_SESSION_HOURS) -> str:
    """A new random session token for a signed-in user (the store keeps only its hash)."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(timezone.utc) + timedelta(hours=hours)
    store.users.add_session(_token_hash(token), name, expires.isoformat(timespec="seconds"))
    return token


def session_user(store: "Store", token: str | None) -> "UserRecord | None":
    """The user a session token belongs to; None when it is unknown, expired, ended, or its user removed."""
    if not token:
        return None
    from workbench.store import utc_now

    name = store.users.session_owner(_token_hash(token), utc_now())
    return store.users.find(name) if name else None


def end_session(store: "Store", token: str | None) -> None:
    if token:
        store.users.end_session(_token_hash(token))


def _token_hash(token: str) -> str:
    # a random 256-bit token needs no salt or slow hash; a copied store holds no usable token
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def login_required(store: "Store") -> bool:
    return store.users.count() > 0


def role_of(store: "Store", user: str) -> str:
    """The role behind a recorded name: 'admin' on a laptop without users and for
    names that are no user (the command line of whoever runs the server)."""
    record = store.users.find(user)
    return record.role if record else "admin"


def require_approver(store: "Store", user: str, action: str) -> None:
    role = role_of(store, user)
    if role not in APPROVING_ROLES:
        raise AccessError(f"{user} ({role}) may not {action}: only a terminologist or an admin may")


def check_term_rights(store: "Store", user: str, before: "Concept | None", after: "Concept | None") -> None:
    """Refuse a glossary change the user's role does not allow (see the module doc)."""
    role = role_of(store, user)
    if role in APPROVING_ROLES:
        return
    decision = _decision_in(before, after)
    if decision:
        raise AccessError(f"{user} ({role}) may not {decision}: only a terminologist or an admin may; "
                          "a translator may add draft concepts with admitted terms")


def _decision_in(before: "Concept | None", after: "Concept | None") -> str:
    """What in the change is a terminologist's decision ('' if nothing)."""
    old = {(t.lang, t.text): t.status for t in (before.terms if before else ())}
    if after is None:
        kept = [k for k, s in old.items() if s in DECISION_STATUSES]
        return f"delete '{before.id}' (it has {kept[0][0]} '{kept[0][1]}' {old[kept[0]]})" if kept else ""
    if after.status == "approved" and (before is None or before.status != "approved"):
        return f"approve the concept '{after.id}'"
    if before is not None and before.status == "approved" and after.status != "approved":
        return f"withdraw the approval of '{after.id}'"
    for t in after.terms:
        if t.status in DECISION_STATUSES and old.get((t.lang, t.text)) != t.status:
            return f"make {t.lang} '{t.text}' {t.status}"
    new = {(t.lang, t.text) for t in after.terms}
    for key, status in old.items():
        if status in DECISION_STATUSES and key not in new:
            return f"remove the {status} term {key[0]} '{key[1]}'"
    return ""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_DUMMY_HASH = f"scrypt${_N}${_R}${_P}${_b64(bytes(16))}${_b64(bytes(_LEN))}"
