"""``concentric bench``: a deterministic synthetic registry and the performance figures measured on it.

Every figure is measured against a limit taken in the same run (a ratio, not an absolute time),
so the report means the same on a laptop, a CI runner and a production-sized server.
"""
