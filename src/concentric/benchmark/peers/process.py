"""Entry point of the peer process: ``python -m concentric.benchmark.peers.process``.

``pages --user ID``: times the registry's member list and the stock admin changelist of the same
rows, alternately, as the same signed-in user. ``import --file F --unit ID``: imports the bench's
workbook with django-import-export (dry run: every row saved, then rolled back). Prints one JSON
object on stdout.
"""

import argparse
import json
import os
import time


def _pages(args) -> dict:
    from concentric.accounts.models import User
    from concentric.benchmark import measure

    client = measure.page_client(User.objects.get(pk=args.user))
    pages = {"registry_list": "/people/", "admin_changelist": "/peer-admin/people/person/"}
    timings = {name: [] for name in pages}
    for _ in range(3):
        for url in pages.values():
            measure.fetch(client, url)
    for _ in range(args.samples):
        for name, url in pages.items():
            timings[name].append(measure.fetch(client, url))
    return {f"{name}_p95_ms": measure.p95(samples) for name, samples in timings.items()}


def _import(args) -> dict:
    import tablib

    from concentric.benchmark.peers.resource import PersonResource
    from concentric.org.models import OrgUnit

    resource = PersonResource(OrgUnit.objects.get(pk=args.unit))
    started = time.perf_counter()
    with open(args.file, "rb") as workbook:
        dataset = tablib.Dataset().load(workbook, format="xlsx")
    result = resource.import_data(dataset, dry_run=True, use_transactions=True, raise_errors=False)
    seconds = time.perf_counter() - started
    return {
        "rows": len(dataset),
        "seconds": seconds,
        "rows_per_second": len(dataset) / seconds,
        "invalid_rows": len(result.invalid_rows),
        "row_errors": len(result.row_errors()),
    }


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "concentric.benchmark.peers.settings"
    import django

    django.setup()
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    pages = commands.add_parser("pages")
    pages.add_argument("--user", type=int, required=True)
    pages.add_argument("--samples", type=int, default=30)
    imports = commands.add_parser("import")
    imports.add_argument("--file", required=True)
    imports.add_argument("--unit", type=int, required=True)
    args = parser.parse_args()
    print(json.dumps(_pages(args) if args.command == "pages" else _import(args)))


if __name__ == "__main__":
    main()
