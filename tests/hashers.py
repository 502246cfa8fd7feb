"""Test-only password hasher: Argon2 (same algorithm and hash format as production) at the
smallest cost. Production Argon2 takes 100 MiB and about half a second per hash, and the shared
fixtures hash a dozen passwords for every test."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 1024  # KiB
    parallelism = 1
