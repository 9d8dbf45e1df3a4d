"""Issue 11: class sign-in windows, per-pupil locks the teacher sees, revocable pupil sessions, shared counters."""

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from classrooms.models import CODE_ALPHABET
from classrooms.services import roster, signin, throttle
from tests.factories import ClassroomFactory

from .conftest import ROOM, names_url, pupils_page, type_number
from .test_pupil_sign_in import password_url, right_answer, wrong_answer

ROOT = Path(__file__).resolve().parents[2]

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")
ASK_TEACHER = "Ask your teacher to open sign-in"
MY_LESSONS = "/en/class/my-lessons/"


@pytest.fixture(autouse=True)
def english():
    """These tests read the English pages (the Chinese ones are checked once, below)."""
    with translation.override("en"):
        yield


@pytest.fixture
def class_of_45(school, teacher):
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=45, name="Class 2 of 45")
    signin.open_sign_in(classroom=classroom, address=ROOM)
    return classroom


def test_twenty_wrong_tries_over_ten_pupils_lock_only_the_two_who_failed_five_times(client, class_of_45, teacher):
    """One address, 45 pupils: 20 mistakes over 10 pupils lock the two with 5 each; the other 43 sign in first time;
    the teacher sees exactly those two, and unlocking lets one straight back in."""
    pupils = list(class_of_45.pupils.order_by("pk"))
    type_number(client, class_of_45)  # one shared tablet in the room: the first pupil types the number
    tries = [5, 5, 2, 2, 1, 1, 1, 1, 1, 1]  # 20 wrong tries, 10 pupils
    for pupil, count in zip(pupils, tries, strict=False):
        for _ in range(count):
            client.post(password_url(class_of_45, pupil.pk), wrong_answer(pupil))
    locked, others = pupils[:2], pupils[2:]
    for pupil in others:
        response = client.post(password_url(class_of_45, pupil.pk), right_answer(pupil))
        assert response.status_code == 302 and response.url == MY_LESSONS, pupil.display_name
        client.post(reverse("classrooms:sign_out"))  # the next pupil on the tablet does not type the number again
    for pupil in locked:
        assert client.post(password_url(class_of_45, pupil.pk), right_answer(pupil)).status_code == 429

    client.force_login(teacher)
    page = client.get(pupils_page(class_of_45))
    assert [p.display_name for p in page.context["locked_pupils"]] == [p.display_name for p in locked]
    assert "15 min left" in page.content.decode()
    client.post(reverse("classrooms:pupil_action", kwargs={"pk": locked[0].pk, "action": "unlock"}))
    assert [p.pk for p in client.get(pupils_page(class_of_45)).context["locked_pupils"]] == [locked[1].pk]
    client.logout()  # the test client forgets every cookie here
    type_number(client, class_of_45)
    assert client.post(password_url(class_of_45, locked[0].pk), right_answer(locked[0])).url == MY_LESSONS


def test_locks_grow_on_repeats_and_the_third_waits_for_the_teacher(classroom, pupil):
    """First lock 15 minutes, second an hour, third until the teacher unlocks (the strikes outlive an unlock)."""
    minutes = []
    for _ in range(3):
        for _ in range(throttle.PUPIL_FAILURE_LIMIT):
            throttle.record_pupil_failure(pupil_id=pupil.pk)
        lock = throttle.pupil_locks([pupil.pk])[pupil.pk]
        minutes.append("teacher" if lock["teacher"] else lock["minutes"])
        throttle.clear_pupil_lock(pupil=pupil)
    assert minutes == [15, 60, "teacher"]


def a_day_passes():
    """The daily failure counters expire in the shared cache (the 30-day ones stay)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE safesteps_cache SET expires = %s WHERE cache_key LIKE %s",
            [timezone.now() - timedelta(seconds=1), "%:failures:%"],
        )


def test_failures_spread_over_days_still_wait_for_the_teacher(classroom, pupil):
    """Four wrong tries a day never reach the daily five, but the fifteenth within 30 days locks the pupil until
    the teacher unlocks: at most 15 guesses a month, however they are spread."""
    for _day in range(3):
        for _ in range(4):
            assert throttle.record_pupil_failure(pupil_id=pupil.pk) is None
        a_day_passes()
    for _ in range(throttle.MONTH_FAILURE_LIMIT - 12 - 1):
        assert throttle.record_pupil_failure(pupil_id=pupil.pk) is None
    assert not throttle.pupil_locked(pupil_id=pupil.pk)
    throttle.record_pupil_failure(pupil_id=pupil.pk)
    assert throttle.pupil_locks([pupil.pk])[pupil.pk]["teacher"] is True
    throttle.clear_pupil_lock(pupil=pupil)
    throttle.record_pupil_failure(pupil_id=pupil.pk)
    assert not throttle.pupil_locked(pupil_id=pupil.pk)


def test_outside_the_window_names_and_pictures_ask_for_the_teacher_but_the_card_works(client, classroom, pupil):
    """Closed: the class list and picture passwords answer "ask your teacher to open sign-in"; the QR card works."""
    roster.enable_qr_sign_in(classroom=classroom)
    signin.close_sign_in(classroom=classroom)
    names = client.get(names_url(classroom))
    assert ASK_TEACHER in names.content.decode() and pupil.display_name not in names.content.decode()
    refused = client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    assert ASK_TEACHER in refused.content.decode() and "_auth_user_id" not in client.session
    assert throttle.pupil_locks([pupil.pk]) == {}  # a refused try is not a failure of the pupil
    pupil.refresh_from_db()
    card = client.post(reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token}))
    assert card.url == MY_LESSONS


def test_window_ends_by_itself_and_only_works_from_the_room(client, classroom, pupil):
    """An expired window is closed; an open one shows names only to the network it was opened from."""
    type_number(client, classroom)
    assert pupil.display_name in client.get(names_url(classroom)).content.decode()
    elsewhere = client.get(names_url(classroom), REMOTE_ADDR="203.0.113.9")
    assert ASK_TEACHER in elsewhere.content.decode()
    classroom.sign_in_until = timezone.now() - timedelta(seconds=1)
    classroom.save()
    assert ASK_TEACHER in client.get(names_url(classroom)).content.decode()


def test_unknown_code_and_closed_class_get_the_same_answer(client, classroom):
    """A wrong code tells nothing about which codes exist: it reads exactly like a closed class."""
    signin.close_sign_in(classroom=classroom)
    closed = client.get(names_url(classroom)).content.decode()
    unknown = client.get(reverse("classrooms:pupil_names", kwargs={"code": "AAAAAA"})).content.decode()
    assert closed.replace(classroom.code, "AAAAAA") == unknown


def test_class_code_guessing_is_limited_per_address_and_for_the_site(client, classroom):
    """20 unknown codes from one address stop that address (even for a real code); other addresses go on."""
    unknown = [f"AAAA{a}{b}" for a in CODE_ALPHABET for b in CODE_ALPHABET if f"AAAA{a}{b}" != classroom.code]
    for code in unknown[: throttle.CODE_MISS_LIMIT_PER_ADDRESS]:
        client.get(reverse("classrooms:pupil_names", kwargs={"code": code}))
    assert client.get(names_url(classroom)).status_code == 429
    assert client.get(names_url(classroom), REMOTE_ADDR=ROOM.replace("1", "2", 1)).status_code != 429
    for number in range(throttle.CODE_MISS_LIMIT_SITE):
        throttle.record_code_miss(address=f"10.1.{number // 250}.{number % 250}")
    assert client.get(names_url(classroom), REMOTE_ADDR="10.9.9.9").status_code == 429


def test_a_classroom_device_opens_its_class_without_the_code(client, classroom, pupil, teacher):
    """A teacher marks a tablet as a class device: the class list opens there while sign-in is open, from any
    network; removing the device or tampering with its cookie takes that away."""
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "device"}))
    good = client.cookies[signin.DEVICE_COOKIE].value
    client.logout()  # the test client forgets every cookie here
    client.cookies[signin.DEVICE_COOKIE] = good
    away = {"REMOTE_ADDR": "198.51.100.7"}
    assert client.get(reverse("classrooms:pupil_login"), **away).url == names_url(classroom)
    assert pupil.display_name in client.get(names_url(classroom), **away).content.decode()

    client.cookies[signin.DEVICE_COOKIE] = good[:-2] + "xx"
    assert ASK_TEACHER in client.get(names_url(classroom), **away).content.decode()
    client.cookies[signin.DEVICE_COOKIE] = signing.dumps("1 OR 1=1", salt=signin.DEVICE_SALT)
    assert ASK_TEACHER in client.get(names_url(classroom), **away).content.decode()

    client.cookies[signin.DEVICE_COOKIE] = good
    device = classroom.devices.get()
    client.force_login(teacher)
    client.post(reverse("classrooms:device_revoke", kwargs={"pk": classroom.pk, "device_pk": device.pk}))
    client.logout()
    client.cookies[signin.DEVICE_COOKIE] = good
    assert ASK_TEACHER in client.get(names_url(classroom), **away).content.decode()


def test_teacher_opens_extends_and_closes_sign_in_from_the_dashboard(client, school, teacher):
    """One tap on the dashboard opens sign-in for an hour; extend adds 30 minutes; close closes it."""
    classroom = ClassroomFactory(school=school, teacher=teacher, grade=1, pupils=1)
    client.force_login(teacher)
    dashboard = reverse("classrooms:dashboard")
    assert "Open sign-in for" in client.get(dashboard).content.decode()
    action = lambda name: reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": name})  # noqa: E731
    assert client.post(action("open"), {"next": dashboard}).url == dashboard
    classroom.refresh_from_db()
    assert classroom.sign_in_open and 59 <= classroom.sign_in_minutes_left <= 60
    client.post(action("extend"))
    classroom.refresh_from_db()
    assert 89 <= classroom.sign_in_minutes_left <= 90
    assert client.post(action("open"), {"next": "https://evil.example/"}).url == pupils_page(classroom)
    client.post(action("close"))
    classroom.refresh_from_db()
    assert not classroom.sign_in_open


def test_home_sign_in_for_older_pupils_only_when_allowed(client, word_classroom):
    """Closed, grade 5: two words work only with home sign-in on, by typed name; many failures switch it off."""
    pupil = word_classroom.pupils.order_by("pk").first()
    signin.close_sign_in(classroom=word_classroom)
    home = reverse("classrooms:pupil_home_sign_in", kwargs={"code": word_classroom.code})
    first, second = pupil.words("en")
    answer = {"name": pupil.display_name.upper(), "word1": first, "word2": second}
    assert ASK_TEACHER in client.post(home, answer).content.decode()
    signin.set_home_sign_in(classroom=word_classroom, allowed=True)
    names = client.get(names_url(word_classroom)).content.decode()
    assert "Sign in at home" in names and pupil.display_name not in names
    assert client.post(home, answer).url == MY_LESSONS
    client.logout()
    for number in range(throttle.CLOSED_FAILURE_LIMIT):
        client.post(home, {"name": f"Nobody {number}", "word1": "nothing", "word2": "wrong"})
    word_classroom.refresh_from_db()
    assert word_classroom.sign_in_alert_at is not None
    assert ASK_TEACHER in client.post(home, answer).content.decode()


def test_grades_one_to_three_never_sign_in_at_home(word_classroom, classroom):
    """Home sign-in is for two-word passwords: a picture class stays closed even with the setting on."""
    signin.set_home_sign_in(classroom=classroom, allowed=True)
    signin.set_home_sign_in(classroom=word_classroom, allowed=True)
    assert not classroom.home_sign_in_allowed and word_classroom.home_sign_in_allowed


@pytest.mark.parametrize("change", ["card", "password", "archive", "delete", "class cards"])
def test_a_new_card_password_archive_or_deletion_ends_the_pupils_session(client, classroom, pupil, change):
    """A pupil signed in on a tablet is signed out at once when the teacher changes their card or password,
    archives the class or deletes the pupil."""
    type_number(client, classroom)
    roster.enable_qr_sign_in(classroom=classroom)
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == MY_LESSONS
    assert client.get(MY_LESSONS).status_code == 200
    pupil.refresh_from_db()
    old_token = pupil.login_token
    if change == "card":
        signin.rotate_pupil_card(pupil=pupil)
    elif change == "class cards":
        signin.rotate_class_cards(classroom=classroom)
    elif change == "password":
        roster.reset_pupil_password(pupil=pupil)
    elif change == "archive":
        roster.archive_classroom(classroom=classroom)
    else:
        roster.delete_pupil(pupil=pupil)
    assert client.get(MY_LESSONS).status_code == 302
    if change in ("card", "class cards"):
        old_card = client.post(reverse("classrooms:pupil_token_login", kwargs={"token": old_token}))
        assert old_card.status_code == 404


def test_pupil_sessions_end_after_the_absolute_lifetime(client, classroom, pupil, settings):
    """However busy, a pupil's session ends PUPIL_SESSION_HOURS after sign-in."""
    type_number(client, classroom)
    client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    assert client.get(MY_LESSONS).status_code == 200
    session = client.session
    session[signin.SIGNED_IN_AT] -= settings.PUPIL_SESSION_HOURS * 60 * 60 + 1
    session.save()
    assert client.get(MY_LESSONS).status_code == 302
    assert "_auth_user_id" not in client.session


def test_teacher_hand_off_link_signs_the_pupil_in_once(client, classroom, pupil, teacher):
    """ "Sign in <pupil> on a device": a one-time link with a QR code; the second use says it was used."""
    signin.close_sign_in(classroom=classroom)
    client.force_login(teacher)
    page = client.post(reverse("classrooms:pupil_action", kwargs={"pk": pupil.pk, "action": "hand-off"}))
    assert page.context["qr"].startswith("data:image/svg+xml")
    url = page.context["url"]
    client.logout()
    assert client.get(url).status_code == 200 and "_auth_user_id" not in client.session
    assert client.post(url).url == MY_LESSONS
    client.logout()
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{}, {"pictures": ["cat", "cat"]}, {"pictures": ["cat", "nope"]}, {"pictures": ["cat", "sun", "tree"]}],
    ids=["missing", "duplicated", "unknown picture", "three"],
)
def test_bad_picture_answers_get_a_child_friendly_message(client, classroom, pupil, data):
    """Missing, duplicated or made-up pictures: "tap two pictures", never a 500, never a failure counted."""
    type_number(client, classroom)
    response = client.post(password_url(classroom, pupil.pk), data)
    assert response.status_code == 200
    assert "Tap two pictures, the two on your card." in response.content.decode()
    assert throttle.pupil_locks([pupil.pk]) == {}


def test_bad_input_never_answers_500(client, classroom, pupil, other_school_class):
    """Unknown codes, foreign pupils, made-up cards and hand-offs: clear answers, never a server error."""
    type_number(client, classroom)
    foreign = other_school_class.pupils.first()
    urls = [
        reverse("classrooms:pupil_names", kwargs={"code": "AAAAAA"}),
        password_url(classroom, foreign.pk),
        reverse("classrooms:pupil_token_login", kwargs={"token": "x" * 43}),
        reverse("classrooms:pupil_handoff", kwargs={"token": "made-up"}),
    ]
    for url in urls:
        assert client.get(url).status_code in (200, 404), url
        assert client.post(url, {"pictures": ["cat", "sun"]}).status_code in (200, 404), url


def test_picture_sign_in_messages_can_be_read_aloud(client, classroom, pupil):
    """Grades 1–3 get a "read it to me" button on the sign-in messages (the site's script, no inline script)."""
    type_number(client, classroom)
    response = client.post(password_url(classroom, pupil.pk), wrong_answer(pupil)).content.decode()
    assert 'data-read-aloud="signin-message"' in response and "<script>" not in response


def test_messages_a_child_sees_are_in_chinese(client, classroom, pupil):
    """The closed page and the picture hint speak Chinese on the Chinese site."""
    signin.close_sign_in(classroom=classroom)
    page = client.get(names_url(classroom).replace("/en/", "/zh-hans/")).content.decode()
    assert "请老师打开登录" in page


def test_the_cache_table_exists_in_the_migrated_database(db):
    """The classrooms migrations create the database cache's table (the default shared cache)."""
    assert "safesteps_cache" in connection.introspection.table_names()


CROSS_PROCESS = textwrap.dedent(
    """
    import sys, django
    django.setup()
    from django.core.cache import caches
    from django.core.management import call_command
    from classrooms.services import throttle
    call_command("createcachetable", verbosity=0)
    for _ in range(int(sys.argv[1])):
        throttle.record_pupil_failure(pupil_id=424242)
    print(type(caches["default"]).__name__, throttle.pupil_locked(pupil_id=424242))
    """
)


def _run(code, env, *args):
    result = subprocess.run(  # noqa: S603 (our own code, our own interpreter)
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_locks_hold_across_two_processes_sharing_the_database_cache(tmp_path):
    """Three failures in one process and two in another lock the pupil; a third process sees the lock. Each
    process is a separate Python with the product's settings and the database cache (no Redis), sharing one
    database, as two app servers do."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    assert _run(CROSS_PROCESS, env, "3") == "DatabaseCache False"
    assert _run(CROSS_PROCESS, env, "2") == "DatabaseCache True"
    assert _run(CROSS_PROCESS, env, "0") == "DatabaseCache True"


def test_sign_in_tests_count_in_the_database_cache(shared_cache):
    """The tests of throttles, locks and sign-in windows run on the database cache, never on LocMemCache."""
    from . import (
        test_auth,
        test_class_devices_only,
        test_pupil_sign_in,
        test_school_second_factor,
        test_second_factor,
        test_sign_in_bad_input,
        test_sign_in_number,
        test_staff_security,
    )

    modules = [
        test_auth,
        test_class_devices_only,
        test_pupil_sign_in,
        test_school_second_factor,
        test_second_factor,
        test_sign_in_bad_input,
        test_sign_in_number,
        test_staff_security,
        sys.modules[__name__],
    ]
    for module in modules:
        assert module.pytestmark.name == "usefixtures", module.__name__
        assert module.pytestmark.args == ("shared_cache",), module.__name__
    assert type(shared_cache).__name__ == "DatabaseCache"


PRODUCTION = "import django; from django.conf import settings; settings.CACHES; print('started')"


@pytest.mark.parametrize(
    ("cache_backend", "starts"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", False),
        ("django.core.cache.backends.dummy.DummyCache", False),
        ("", True),
    ],
    ids=["locmem", "dummy", "database default"],
)
def test_production_refuses_a_per_process_cache(tmp_path, cache_backend, starts):
    """Production settings with a per-process cache stop at start-up; the database cache default starts."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_BACKEND": cache_backend,
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 (our own code, our own interpreter)
        [sys.executable, "-c", PRODUCTION], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if starts:
        assert result.returncode == 0 and result.stdout.strip() == "started", result.stderr
    else:
        assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr


def test_locks_and_their_timeouts_hold_in_the_database_cache(classroom, pupil):
    """With the production default (the database cache), five failures lock for 15 minutes and the counters
    keep their own timeouts (the database cache's incr would reset them to five minutes)."""
    for _ in range(throttle.PUPIL_FAILURE_LIMIT - 1):
        throttle.record_pupil_failure(pupil_id=pupil.pk)
    assert not throttle.pupil_locked(pupil_id=pupil.pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(expires) FROM safesteps_cache WHERE cache_key LIKE %s", ["%failures%"])
        (earliest,) = cursor.fetchone()
    earliest = datetime.fromisoformat(str(earliest))
    earliest = earliest if earliest.tzinfo else earliest.replace(tzinfo=UTC)
    assert earliest - timezone.now() > timedelta(hours=23)
    throttle.record_pupil_failure(pupil_id=pupil.pk)
    assert throttle.pupil_locks([pupil.pk])[pupil.pk] == {"minutes": 15, "teacher": False}
