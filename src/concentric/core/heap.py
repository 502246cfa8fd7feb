"""The collector's settings for a process that serves requests (concentric.wsgi; the bench's
page timings use the same).

What start-up loaded (modules, settings, URL patterns) lives as long as the process: frozen, it
is out of the collector's sight, full collections no longer walk it during requests, and forked
workers keep sharing its memory pages. A list page allocates about a hundred thousand objects
that die with the request; at CPython's default of a young collection every 700 allocations, the
collections that reach the older generations land inside requests and add about 2 ms to the
slowest twentieth of them (``concentric bench``). Collecting the young generation every 50 000
allocations leaves at most that many objects of cyclic garbage waiting, a few megabytes.
"""

import gc

YOUNG_GENERATION_THRESHOLD = 50_000


def prepare_for_requests() -> None:
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, older, oldest)
