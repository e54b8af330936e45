"""`workbench users add|list|remove`: named users of a shared server."""

from __future__ import annotations

import getpass
import sys

from workbench.cli.context import action_parsers, print_table
from workbench.errors import InputError


def register(sub) -> None:
    users_sub = action_parsers(sub, "users", help="named users and roles (the app asks for a sign-in once one exists)")
    p = users_sub.add_parser("add", help="add a user; the password is asked for (or read from stdin)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("translator", "terminologist", "admin"))
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(handler=cmd_users_add)
    p = users_sub.add_parser("list", help="users and their roles")
    p.set_defaults(handler=cmd_users_list)
    p = users_sub.add_parser("remove", help="remove a user (their name stays in the history)")
    p.add_argument("name")
    p.set_defaults(handler=cmd_users_remove)


def cmd_users_add(args, ctx) -> int:
    from workbench.users import add_user

    password = _read_password(args.password_stdin, args.name)
    record = add_user(ctx.store, args.name, args.role, password, by=ctx.settings.user)
    print(f"Added {record.name} ({record.role}). The app now asks everyone to sign in.")
    return 0


def cmd_users_list(args, ctx) -> int:
    records = ctx.store.users.list()
    if not records:
        print("No users: the app runs without a sign-in (single-user mode).")
        return 0
    print_table([[r.name, r.role, r.created_at, r.created_by] for r in records], ["name", "role", "added", "by"])
    return 0


def cmd_users_remove(args, ctx) -> int:
    ctx.store.users.remove(args.name)
    left = ctx.store.users.count()
    print(f"Removed {args.name}." + ("" if left else " No users are left: the app runs without a sign-in."))
    return 0


def _read_password(from_stdin: bool, name: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        first = getpass.getpass(f"Password for {name}: ")
        again = getpass.getpass("Again: ")
    except EOFError:
        raise InputError("no password given (type it at the prompt, or use --password-stdin)") from None
    if first != again:
        raise InputError("the two passwords differ; nothing was added")
    return first
