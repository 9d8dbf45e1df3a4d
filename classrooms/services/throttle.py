"""Pupil sign-in counters in the shared cache: per pupil, per class and address, per class.

A pupil's mistakes lock that pupil (and, past a high limit, the class's sign-in from one address or at all),
never a school's address for everybody. Staff sign-in has its own throttle in accounts.throttle."""

from django.core.cache import cache

LOCK_SECONDS = 15 * 60
PUPIL_FAILURE_LIMIT = 5
CLASS_ADDRESS_FAILURE_LIMIT = 10
CLASS_FAILURE_LIMIT = 30


def _increment(key):
    cache.add(key, 0, LOCK_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LOCK_SECONDS)
        return 1


# ---- pupils (cache based, never by address alone) -----------------------------------------------


def _class_generation(classroom_id):
    return cache.get_or_set(f"signin:gen:{classroom_id}", 0, None)


def _keys(*, classroom_id, pupil_id=None, address=""):
    generation = _class_generation(classroom_id)
    keys = {
        "class": (f"signin:class:{classroom_id}:{generation}", CLASS_FAILURE_LIMIT),
        "address": (f"signin:class:{classroom_id}:{generation}:{address}", CLASS_ADDRESS_FAILURE_LIMIT),
    }
    if pupil_id:
        keys["pupil"] = (f"signin:pupil:{pupil_id}", PUPIL_FAILURE_LIMIT)
    return keys


def sign_in_locked(*, classroom_id, pupil_id=None, address=""):
    keys = _keys(classroom_id=classroom_id, pupil_id=pupil_id, address=address)
    counts = cache.get_many([key for key, _limit in keys.values()])
    return any(counts.get(key, 0) >= limit for key, limit in keys.values())


def record_sign_in_failure(*, classroom_id, pupil_id=None, address=""):
    for key, _limit in _keys(classroom_id=classroom_id, pupil_id=pupil_id, address=address).values():
        _increment(key)


def locked_pupil_ids(pupils):
    """Which of these pupils are locked out now, from one cache read."""
    keys = {f"signin:pupil:{pupil.pk}": pupil.pk for pupil in pupils}
    counts = cache.get_many(list(keys))
    return {keys[key] for key, count in counts.items() if count >= PUPIL_FAILURE_LIMIT}


def class_locked(classroom):
    key, limit = _keys(classroom_id=classroom.pk)["class"]
    return cache.get(key, 0) >= limit


def clear_pupil_lock(*, pupil):
    cache.delete(f"signin:pupil:{pupil.pk}")


def clear_class_lock(*, classroom):
    """A new generation makes every class-wide and class-and-address counter start again."""
    _class_generation(classroom.pk)
    cache.incr(f"signin:gen:{classroom.pk}")
