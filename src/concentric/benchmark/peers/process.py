"""Entry point of the peer process: ``python -m concentric.benchmark.peers.process``.

Times the registry's member list and the stock admin changelist of the same rows, alternately,
as the same signed-in user; prints one JSON object on stdout.
"""

import argparse
import json
import os


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "concentric.benchmark.peers.settings"
    import django

    django.setup()
    from concentric.accounts.models import User
    from concentric.benchmark import measure

    parser = argparse.ArgumentParser()
    parser.add_argument("--user", type=int, required=True)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()

    client = measure.page_client(User.objects.get(pk=args.user))
    pages = {"registry_list": "/people/", "admin_changelist": "/peer-admin/people/person/"}
    timings = {name: [] for name in pages}
    for _ in range(3):
        for url in pages.values():
            measure.fetch(client, url)
    for _ in range(args.samples):
        for name, url in pages.items():
            timings[name].append(measure.fetch(client, url))
    print(json.dumps({f"{name}_p95_ms": measure.p95(samples) for name, samples in timings.items()}))


if __name__ == "__main__":
    main()
