"""Sign-in counters in the shared cache (the database cache, or Redis): per pupil, per class and for class codes.

A pupil's mistakes lock that pupil only, never a class or a school's address: 5 failures lock the pupil for
15 minutes, a second lock within 30 days for an hour, a third until the teacher unlocks; 15 failures within
30 days, however spread out, also wait for the teacher. Failures while the
class's sign-in is closed add up per class and raise an alert (see services.signin). Unknown class codes are
counted per address and for the whole site; wrong sign-in numbers per class and number. Staff sign-in has its
own throttle in accounts.throttle."""

import time

from django.core.cache import cache

PUPIL_FAILURE_LIMIT = 5
FAILURE_SECONDS = 24 * 60 * 60
STRIKE_SECONDS = 30 * 24 * 60 * 60
# However the failures are spread (four a day never reaches the daily five), the fifteenth within 30 days
# locks the pupil until the teacher unlocks: at most 15 guesses per pupil per 30 days (docs/security.md).
MONTH_FAILURE_LIMIT = 15
# The first lock, the second; from the third on, only the teacher unlocks (the lock lasts as long as the strikes).
LOCK_STEPS = [15 * 60, 60 * 60]
MAX_STRIKES = 10
CLOSED_FAILURE_LIMIT = 10  # failures across a class while sign-in is closed, within CLOSED_FAILURE_SECONDS
CLOSED_FAILURE_SECONDS = 60 * 60
CODE_MISS_SECONDS = 15 * 60
CODE_MISS_LIMIT_PER_ADDRESS = 20
CODE_MISS_LIMIT_SITE = 500


def _increment(key, timeout):
    """An approximate counter for high limits (the site-wide one): Redis's incr is atomic, the database
    cache's is not; `touch` keeps the timeout, which the database cache's incr would reset."""
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        return 1
    cache.touch(key, timeout)
    return count


def _claim(key, limit, timeout):
    """Count one more event under `key`, exactly even with parallel requests: each event claims the next free
    numbered slot with `add` (atomic in the database cache and Redis). Returns the count, at most `limit`."""
    slots = [f"{key}:{number}" for number in range(1, limit + 1)]
    taken = cache.get_many(slots)
    for number, slot in enumerate(slots, start=1):
        if slot not in taken and cache.add(slot, 1, timeout):
            return number
    return limit


def _claimed(key, limit):
    return len(cache.get_many([f"{key}:{number}" for number in range(1, limit + 1)]))


def _release(key, limit):
    cache.delete_many([f"{key}:{number}" for number in range(1, limit + 1)])


# ---- pupils: one pupil's failures lock that pupil only ------------------------------------------


def _pupil_keys(pupil_id):
    return f"signin:pupil:{pupil_id}:failures", f"signin:pupil:{pupil_id}:strikes", f"signin:pupil:{pupil_id}:lock"


def _month_key(pupil_id):
    return f"signin:pupil:{pupil_id}:month"


def record_pupil_failure(*, pupil_id):
    """Count a wrong password; the fifth in a day locks the pupil (longer on each repeat), the fifteenth in 30 days
    until the teacher unlocks. Returns the lock's end or None."""
    failures_key, strikes_key, lock_key = _pupil_keys(pupil_id)
    if _claim(_month_key(pupil_id), MONTH_FAILURE_LIMIT, STRIKE_SECONDS) >= MONTH_FAILURE_LIMIT:
        _release(failures_key, PUPIL_FAILURE_LIMIT)
        until = time.time() + STRIKE_SECONDS
        cache.set(lock_key, {"until": until, "teacher": True}, STRIKE_SECONDS)
        return until
    if _claim(failures_key, PUPIL_FAILURE_LIMIT, FAILURE_SECONDS) < PUPIL_FAILURE_LIMIT:
        return None
    _release(failures_key, PUPIL_FAILURE_LIMIT)
    strikes = _claim(strikes_key, MAX_STRIKES, STRIKE_SECONDS)
    seconds = LOCK_STEPS[strikes - 1] if strikes <= len(LOCK_STEPS) else STRIKE_SECONDS
    until = time.time() + seconds
    cache.set(lock_key, {"until": until, "teacher": strikes > len(LOCK_STEPS)}, seconds)
    return until


def pupil_locked(*, pupil_id):
    return pupil_locks([pupil_id]).get(pupil_id) is not None


def pupil_locks(pupil_ids):
    """{pupil id: lock} for the locked ones among these pupils, from one cache read.

    A lock is {"minutes": minutes left, "teacher": True if only the teacher can unlock}."""
    keys = {_pupil_keys(pupil_id)[2]: pupil_id for pupil_id in pupil_ids}
    now = time.time()
    locks = {}
    for key, lock in cache.get_many(list(keys)).items():
        if lock and lock["until"] > now:
            locks[keys[key]] = {"minutes": max(1, round((lock["until"] - now) / 60)), "teacher": lock["teacher"]}
    return locks


def locked_pupil_ids(pupils):
    """Which of these pupils are locked out now, from one cache read."""
    return set(pupil_locks([pupil.pk for pupil in pupils]))


def clear_pupil_lock(*, pupil):
    """The teacher's unlock (or a new password): the lock and the failures go; the strikes stay for 30 days."""
    failures_key, _strikes_key, lock_key = _pupil_keys(pupil.pk)
    _release(failures_key, PUPIL_FAILURE_LIMIT)
    _release(_month_key(pupil.pk), MONTH_FAILURE_LIMIT)
    cache.delete(lock_key)


def forget_pupil(*, pupil):
    failures_key, strikes_key, lock_key = _pupil_keys(pupil.pk)
    _release(failures_key, PUPIL_FAILURE_LIMIT)
    _release(strikes_key, MAX_STRIKES)
    _release(_month_key(pupil.pk), MONTH_FAILURE_LIMIT)
    cache.delete(lock_key)


def record_closed_failure(*, classroom_id):
    """A wrong password while the class's sign-in is closed; True once there are unusually many."""
    key = f"signin:closed:{classroom_id}"
    return _claim(key, CLOSED_FAILURE_LIMIT, CLOSED_FAILURE_SECONDS) >= CLOSED_FAILURE_LIMIT


def clear_closed_failures(*, classroom_id):
    _release(f"signin:closed:{classroom_id}", CLOSED_FAILURE_LIMIT)


# ---- sign-in numbers: a few wrong numbers close the number, never a pupil -------------------------


WRONG_NUMBER_LIMIT = 5  # wrong sign-in numbers per class per number (services.signin closes the number)
WRONG_NUMBER_SECONDS = 5 * 60 * 60  # longer than any window (4 h)


def hold_number_try(*, classroom_id, period):
    """Take one of the WRONG_NUMBER_LIMIT slots of this class's current number (`period` tells one number from the
    next) before the number typed is compared: a wrong number keeps its slot, a right one gives it back. So however
    many requests arrive at once, at most WRONG_NUMBER_LIMIT wrong numbers are ever compared. Returns (which slot,
    its key), or None when every slot is taken (the number is closed)."""
    key = f"signin:number:{classroom_id}:{period}"
    slots = [f"{key}:{number}" for number in range(1, WRONG_NUMBER_LIMIT + 1)]
    taken = cache.get_many(slots)
    for number, slot in enumerate(slots, start=1):
        if slot not in taken and cache.add(slot, 1, WRONG_NUMBER_SECONDS):
            return number, slot
    return None


def release_number_try(slot):
    cache.delete(slot)


# ---- class codes: guessing is limited per address and for the whole site ------------------------


def code_guessing_locked(*, address):
    if cache.get("signin:code:site", 0) >= CODE_MISS_LIMIT_SITE:
        return True
    return _claimed(f"signin:code:{address}", CODE_MISS_LIMIT_PER_ADDRESS) >= CODE_MISS_LIMIT_PER_ADDRESS


def record_code_miss(*, address):
    _claim(f"signin:code:{address}", CODE_MISS_LIMIT_PER_ADDRESS, CODE_MISS_SECONDS)
    _increment("signin:code:site", CODE_MISS_SECONDS)
