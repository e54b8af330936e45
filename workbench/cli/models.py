"""`workbench models list|install|remove`: Argos Translate packages."""

from __future__ import annotations

from workbench.cli.context import action_parsers, print_json, print_table


def register(sub) -> None:
    models_sub = action_parsers(sub, "models", help="offline translation models (Argos Translate packages)")
    p = models_sub.add_parser("list", help="installed models: pairs, versions, size, path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_models_list)
    p = models_sub.add_parser(
        "install", help="install FILE.argosmodel (offline), or SRC TGT from the Argos package index")
    p.add_argument("what", nargs="+", metavar="FILE|SRC TGT")
    p.add_argument("--index", help="URL of the Argos package index (default: $ARGOS_PACKAGE_INDEX or argos's)")
    p.set_defaults(handler=cmd_models_install)
    p = models_sub.add_parser("remove", help="remove an installed model, given as en-es or its folder name")
    p.add_argument("model")
    p.set_defaults(handler=cmd_models_remove)


def cmd_models_list(args, ctx) -> int:
    from workbench.translate.models import list_models, model_dirs

    models = list_models(ctx.settings)
    if args.json:
        print_json([{"pair": m.pair, "from": m.from_code, "to": m.to_code, "version": m.package_version,
                     "size_bytes": m.size_bytes, "location": m.location, "path": str(m.path)} for m in models])
        return 0
    if not models:
        folders = " and ".join(str(folder) for folder, _ in model_dirs(ctx.settings))
        print(f"No translation models installed (looked in {folders}).")
        print("Install one with: workbench models install FILE.argosmodel  (or: workbench models install en es)")
        return 0
    print_table([[m.pair, m.package_version, _size(m.size_bytes), m.location, str(m.path)] for m in models],
                ["pair", "version", "size", "from", "path"])
    return 0


def cmd_models_install(args, ctx) -> int:
    from workbench.errors import InputError
    from workbench.translate.models import install_file, install_pair

    if len(args.what) == 1:
        model = install_file(ctx.settings, args.what[0])
    elif len(args.what) == 2:
        model = install_pair(ctx.settings, args.what[0].lower(), args.what[1].lower(), index_url=args.index)
    else:
        raise InputError("models install: give FILE.argosmodel, or a source and a target language like: en es")
    print(f"Installed {model.pair} {model.package_version} in {model.path}")
    return 0


def cmd_models_remove(args, ctx) -> int:
    from workbench.translate.models import remove_model

    model = remove_model(ctx.settings, args.model)
    print(f"Removed {model.pair} {model.package_version} from {model.path}")
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
