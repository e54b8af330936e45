"""`workbench app`: start the Streamlit app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from workbench.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("app", help="start the web app (Streamlit)")
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
    p.add_argument("--host", default="localhost",
                   help="address to serve on (default: localhost, this computer only; "
                        "0.0.0.0 serves colleagues on the local network)")
    p.set_defaults(handler=cmd_app)


def check_port_free(host: str, port: int) -> None:
    """Refuse early, in one line, a port another program (or a running workbench) holds:
    Streamlit would otherwise fail after the address was already printed."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            # as the server binds: connections of a just-stopped app (TIME_WAIT) do not count
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise InputError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); is the workbench already "
                         f"running there? Open http://{host}:{port} or choose another port with --port") from None


def cmd_app(args, ctx) -> int:
    check_port_free(args.host, args.port)
    entry = Path(__file__).resolve().parent.parent / "app" / "main.py"
    env = dict(os.environ)
    env["WORKBENCH_DB"] = str(ctx.settings.db_path)
    env["WORKBENCH_USER"] = ctx.settings.user
    command = [sys.executable, "-m", "streamlit", "run", str(entry),
               "--server.port", str(args.port), "--server.address", args.host,
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               # no "Deploy" button or developer menu: this app runs offline, for translators
               "--client.toolbarMode", "viewer"]
    print(f"Workbench app on http://{args.host}:{args.port}  (database {ctx.settings.db_path}; Ctrl+C stops it)")
    return subprocess.call(command, env=env)
