"""Entry point of the peer process: ``python -m concentric.benchmark.peers.process``.

``pages --user ID --terms JSON``: times the registry's member list and its searches for the
terms, and the stock admin changelist of the same rows, unsearched and searched (by name) for
the same terms, all alternately, as the same signed-in user. ``import --file F --unit ID``: imports the bench's
workbook with django-import-export (dry run: every row saved, then rolled back). Prints one JSON
object on stdout.
"""

import argparse
import json
import os
import time
from urllib.parse import urlencode


def _pages(args) -> dict:
    from django.test.utils import override_settings

    from concentric.accounts.models import User
    from concentric.benchmark import measure
    from concentric.core.heap import prepare_for_requests

    client = measure.page_client(User.objects.get(pk=args.user))
    urls = {"list": "/people/", "admin": "/peer-admin/people/person/"}
    for kind, term in json.loads(args.terms).items():
        query = urlencode({"q": term})
        urls[f"search_{kind}"] = f"/people/?{query}"
        urls[f"admin search_{kind}"] = f"/peer-admin/people/person/?{query}"  # its own search (by name)
    prepare_for_requests()  # as a served process runs either page
    with override_settings(DEBUG=False):  # as in production: no SQL debug log
        timings = measure.alternate(client, urls, samples=args.samples)
    return {
        name: {"ours": timing, "admin": timings["admin"], "admin_search": timings.get(f"admin {name}")}
        for name, timing in timings.items()
        if not name.startswith("admin")
    }


def _import(args) -> dict:
    import tablib
    from django.test.utils import override_settings

    from concentric.benchmark.peers.resource import PersonResource
    from concentric.org.models import OrgUnit

    resource = PersonResource(OrgUnit.objects.get(pk=args.unit))
    started = time.perf_counter()
    with open(args.file, "rb") as workbook:
        dataset = tablib.Dataset().load(workbook, format="xlsx")
    with override_settings(DEBUG=False):  # as in production, and as ours is measured
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
    pages.add_argument("--terms", default="{}", help="search kind -> term, as JSON")
    imports = commands.add_parser("import")
    imports.add_argument("--file", required=True)
    imports.add_argument("--unit", type=int, required=True)
    args = parser.parse_args()
    result = _pages(args) if args.command == "pages" else _import(args)
    print(json.dumps(result))  # noqa: T201  the parent process reads this line


if __name__ == "__main__":
    main()
