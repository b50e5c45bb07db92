"""Password hashing: Argon2id with the parameters OWASP's password storage cheat sheet names.

Django's own Argon2 defaults (100 MiB, 8 lanes) cost about 0.3 s of CPU per log-in on a 2-core
server, and PBKDF2 with a million iterations about 0.4 s: with a few dozen people logging in at
once, that queues every page behind the hashes. OWASP's first Argon2id configuration (19 MiB,
two passes, one lane) costs about 25 ms and stays memory-hard. Existing hashes of the other
hashers in `PASSWORD_HASHERS` keep working and are rehashed with these parameters at the next
log-in (Django's `must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
