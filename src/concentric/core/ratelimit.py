"""Fixed-window counting in a cache: one way for every limit (phone check-in, the public portal,
the denied-access audit). A key's window opens at its first hit and lasts ``window`` seconds;
``hit`` counts one more event and answers whether the key is over its limit in that window."""

from django.core.cache import cache as default_cache


def count(key: str, *, window: int, cache=None) -> int:
    """Count one event under ``key``; how many the current window holds now, this one included."""
    cache = cache or default_cache
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.set(key, 1, window)
        return 1


def hit(key: str, *, limit: int, window: int, cache=None) -> bool:
    """Count one event under ``key``; True when the window now holds more than ``limit``."""
    return count(key, window=window, cache=cache) > limit
