"""`workbench app`: start the Streamlit app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workbench.app.uploads import SERVER_LIMIT_MB
from workbench.errors import InputError

DEFAULT_PORT = 8501


def register(sub) -> None:
    p = sub.add_parser("app", help="start the web app (Streamlit)")
    p.add_argument("--port", type=port_number, default=None,
                   help=f"port to serve on (default: $STREAMLIT_SERVER_PORT, else {DEFAULT_PORT})")
    p.add_argument("--host", default="localhost",
                   help="address to serve on (default: localhost, this computer only; "
                        "0.0.0.0 serves colleagues on the local network)")
    p.add_argument("--session-hours", type=hours_type, default=None, metavar="HOURS",
                   help="how long a sign-in lasts on a store with users, in hours "
                        "(default: $WORKBENCH_SESSION_HOURS, else 12)")
    p.set_defaults(handler=cmd_app)


def port_number(text: str) -> int:
    """An argparse type: a TCP port, 1 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return port


def hours_type(text: str) -> float:
    """An argparse type: a sign-in lifetime in hours."""
    from workbench.settings import session_hours

    try:
        return session_hours(text, "--session-hours")
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--session-hours: ")) from None


def serving_port(given: int | None, environ) -> int:
    """--port, else Streamlit's own STREAMLIT_SERVER_PORT, else 8501."""
    if given is not None:
        return given
    from_env = environ.get("STREAMLIT_SERVER_PORT", "").strip()
    if not from_env:
        return DEFAULT_PORT
    try:
        return port_number(from_env)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"STREAMLIT_SERVER_PORT: {exc}") from None


def check_port_free(host: str, port: int) -> None:
    """Refuse early, in one line, a port another program (or a running workbench) holds:
    Streamlit would otherwise fail after the address was already printed."""
    import socket  # here: every command imports this module to register `app`

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            # as the server binds: connections of a just-stopped app (TIME_WAIT) do not count
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise InputError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); is the workbench already "
                         f"running there? Open http://{host}:{port} or choose another port with --port") from None


def streamlit_command(entry: Path | str, port: int, host: str) -> list[str]:
    """How the app is served (the browser tests serve it the same way)."""
    return [sys.executable, "-m", "streamlit", "run", str(entry),
            "--server.port", str(port), "--server.address", host,
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            # no "Deploy" button or developer menu: this app runs offline, for translators
            "--client.toolbarMode", "viewer",
            # Streamlit keeps an upload in memory: refuse huge ones at the door (each page has its own limit)
            "--server.maxUploadSize", str(SERVER_LIMIT_MB),
            # a full garbage collection after every run took 100-160 ms of each Review click (the glossary
            # matchers and language models are millions of objects); Python's own collector still runs
            "--runner.postScriptGC", "false",
            # no reload when a source file changes (a translator's server, not a developer's): Streamlit
            # would walk every loaded module's path each time a page's lazy imports load new ones
            "--server.fileWatcherType", "none"]


def cmd_app(args, ctx) -> int:
    port = serving_port(args.port, os.environ)
    check_port_free(args.host, port)
    entry = Path(__file__).resolve().parent.parent / "app" / "main.py"
    env = dict(os.environ)
    env["WORKBENCH_DB"] = str(ctx.settings.db_path)
    env["WORKBENCH_USER"] = ctx.settings.user
    env["WORKBENCH_SESSION_HOURS"] = str(args.session_hours or ctx.settings.session_hours)
    command = streamlit_command(entry, port, args.host)
    from workbench.store.dialect import redact

    database = redact(str(ctx.settings.db_path))
    print(f"Workbench app on http://{args.host}:{port}  (database {database}; Ctrl+C stops it)", flush=True)
    # Streamlit takes this process's place: a `kill` of `workbench app` (a service manager's stop)
    # reaches the server itself; a child would be left serving the port with nobody to stop it
    os.execve(command[0], command, env)
    return 0   # not reached: execve returns only by raising
