"""The collector's settings for a process that serves requests (concentric.wsgi; the bench's
page timings use the same).

What start-up loaded (modules, settings, URL patterns) lives as long as the process: frozen, it
is out of the collector's sight, full collections no longer walk it during requests, and forked
workers keep sharing its memory pages.

A list page allocates about a hundred thousand objects that die with the request; at CPython's
default of a young collection every 700 allocations, the collections that reach the older
generations land inside requests. ``CONCENTRIC_GC_YOUNG_THRESHOLD`` (off by default: Python's
own collector settings) collects the young generation less often on a server that wants the
slowest twentieth of its member-list views a few milliseconds faster (docs/operations.md): at
most that many objects of cyclic garbage then wait, a few megabytes at 50 000.
"""

import gc

from django.conf import settings


def prepare_for_requests() -> None:
    gc.collect()
    gc.freeze()
    threshold = getattr(settings, "GC_YOUNG_THRESHOLD", 0)
    if threshold:
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(threshold, older, oldest)
