"""One throttle for every staff password sign-in (staff sign-in, Wagtail admin, invitations, re-authentication).

StaffBackend asks it before checking a password and tells it the outcome, so no sign-in path can skip it.
Counters live in the shared cache and are keyed on the account asked for (the account's id when it exists,
else the lower-cased name typed, so unknown and known accounts behave the same):

- account + address: 5 failures lock that account from that address for 15 minutes;
- account, from anywhere: from 20 failures on, a cool-off that doubles with every further failure
  (1, 2, 4 ... minutes, at most an hour), so nobody can lock a named teacher out with five requests;
- address, any account: 50 failures in 15 minutes lock that address for staff sign-in (password spraying).

A successful sign-in clears the failures from its address; a password reset by email, which a locked account
can always use, clears them all."""

import time

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
ACCOUNT_ADDRESS_LIMIT = 5
ACCOUNT_LIMIT = 20
ADDRESS_LIMIT = 50
MAX_COOL_OFF_SECONDS = 60 * 60


def account_key(*, user=None, identifier=""):
    """Who the counters are about: the account when it exists, else the name typed (any case)."""
    return f"user:{user.pk}" if user is not None else f"name:{identifier.strip().lower()}"


def _keys(account, address):
    generation = cache.get(f"staff-signin:gen:{account}", 0)  # raised by clear(): every address starts again
    return {
        "pair": f"staff-signin:pair:{account}:{generation}:{address}",
        "account": f"staff-signin:account:{account}",
        "last": f"staff-signin:last:{account}",
        "address": f"staff-signin:address:{address}",
    }


def _increment(key, timeout):
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1


def cool_off_seconds(failures):
    """How long an account waits after `failures` failures from anywhere: doubling from a minute, capped."""
    if failures < ACCOUNT_LIMIT:
        return 0
    return min(60 * 2 ** (failures - ACCOUNT_LIMIT), MAX_COOL_OFF_SECONDS)


def locked(*, account, address):
    """Whether a sign-in for this account from this address must be refused now (one cache read)."""
    keys = _keys(account, address)
    values = cache.get_many(list(keys.values()))
    if values.get(keys["pair"], 0) >= ACCOUNT_ADDRESS_LIMIT:
        return True
    if address and values.get(keys["address"], 0) >= ADDRESS_LIMIT:
        return True
    wait = cool_off_seconds(values.get(keys["account"], 0))
    return bool(wait) and time.time() < values.get(keys["last"], 0) + wait


def record_failure(*, account, address):
    keys = _keys(account, address)
    _increment(keys["pair"], WINDOW_SECONDS)
    if address:
        _increment(keys["address"], WINDOW_SECONDS)
    failures = _increment(keys["account"], MAX_COOL_OFF_SECONDS * 2)
    cache.set(keys["last"], time.time(), MAX_COOL_OFF_SECONDS * 2)
    return failures


def clear(*, account, address=None):
    """After a successful sign-in, forget this address's failures; with no address (a password reset by email),
    forget the account's failures from everywhere."""
    keys = _keys(account, address or "")
    if address is not None:
        cache.delete(keys["pair"])
        return
    cache.delete_many([keys["account"], keys["last"]])
    _increment(f"staff-signin:gen:{account}", None)


# ---- emails (password reset, invitations) -------------------------------------------------------


def allow(key, *, limit, seconds):
    """Count one more use of `key`; False once it has been used `limit` times within `seconds`."""
    return _increment(f"rate:{key}", seconds) <= limit
