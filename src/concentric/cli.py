"""The ``concentric`` console script: Django's management commands with our settings."""

import os
import sys

HELP_OPTIONS = ("-h", "--help")
# How `make run` runs the development instance, for the hint when keys are missing.
DEVELOPMENT_HINT = (
    "concentric: to use the development instance that `make run` serves, run from the project folder: "
    "CONCENTRIC_DEBUG=1 CONCENTRIC_DATA_DIR=./var .venv/bin/concentric <command>\n"
)


def asks_only_for_help(argv: list[str]) -> bool:
    """Whether Django will only print help or its version for this command line: no arguments,
    ``help [command]``, ``version``, ``--version``, or -h/--help among a command's options
    (argparse answers those before the command runs; what follows ``--`` is no option)."""
    args = argv[1:]
    if not args or args[0] in ("help", "version", "--version", *HELP_OPTIONS):
        return True
    options = args[1 : args.index("--")] if "--" in args else args[1:]
    return any(arg in HELP_OPTIONS for arg in options)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concentric.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    from concentric.core import keys

    if asks_only_for_help(sys.argv):
        keys.for_help_only()
    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings: refuses development keys in production
    except ImproperlyConfigured as error:
        sys.stderr.write(f"concentric: configuration error: {error}\n")
        if isinstance(error, keys.MissingKey):
            sys.stderr.write(DEVELOPMENT_HINT)
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
