"""`workbench app`: start the Streamlit app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("app", help="start the web app (Streamlit)")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--host", default="localhost")
    p.set_defaults(handler=cmd_app)


def cmd_app(args, ctx) -> int:
    entry = Path(__file__).resolve().parent.parent / "app" / "main.py"
    env = dict(os.environ)
    env["WORKBENCH_DB"] = str(ctx.settings.db_path)
    env["WORKBENCH_USER"] = ctx.settings.user
    command = [sys.executable, "-m", "streamlit", "run", str(entry),
               "--server.port", str(args.port), "--server.address", args.host,
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    print(f"Workbench app on http://{args.host}:{args.port}  (database {ctx.settings.db_path})")
    return subprocess.call(command, env=env)
