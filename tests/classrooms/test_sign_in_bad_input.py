"""Issue 11 "Bad input": tampered device cookies, replayed or expired links, duplicated, missing and malformed
fields get a clear answer, never a 500, and tell nothing about which classes or pupils exist."""

from datetime import timedelta

import pytest
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from classrooms.passwords import PICTURES
from classrooms.services import roster, signin, throttle
from tests.factories import ClassroomFactory

from .conftest import ROOM, names_url, type_number
from .test_pupil_sign_in import password_url, right_answer

pytestmark = pytest.mark.usefixtures("shared_cache")

ASK_TEACHER = "Ask your teacher to open sign-in"
LINK_USED = "This sign-in link does not work"
MY_LESSONS = "/en/class/my-lessons/"
AWAY = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def handoff_url(token):
    return reverse("classrooms:pupil_handoff", kwargs={"token": token})


TAMPERED = {
    "garbage": "not-a-cookie",
    "bad signature": signing.dumps(1, salt=signin.DEVICE_SALT)[:-3] + "abc",
    "other salt": signing.dumps(1, salt="something.else"),
    "a string": signing.dumps("1 OR 1=1", salt=signin.DEVICE_SALT),
    "a list": signing.dumps([1, 2], salt=signin.DEVICE_SALT),
    "huge number": signing.dumps(10**30, salt=signin.DEVICE_SALT),
    "negative": signing.dumps(-1, salt=signin.DEVICE_SALT),
}


@pytest.mark.parametrize("value", TAMPERED.values(), ids=TAMPERED.keys())
def test_tampered_device_cookies_are_no_device(client, classroom, pupil, value):
    """Any cookie that is not one we signed for a device is simply no device: the class stays closed away from the
    room, the code page works, nothing answers 500."""
    client.cookies[signin.DEVICE_COOKIE] = value
    login = client.get(reverse("classrooms:pupil_login"), **AWAY)
    assert login.status_code == 200
    names = client.get(names_url(classroom), **AWAY)
    assert names.status_code == 200 and ASK_TEACHER in names.content.decode()
    refused = client.post(password_url(classroom, pupil.pk), right_answer(pupil), **AWAY)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session


def test_a_device_of_another_class_opens_nothing_here(client, classroom, pupil, school, teacher):
    """A real device cookie of another class, even of the same school, does not open this class."""
    other = ClassroomFactory(school=school, teacher=teacher, grade=2, pupils=1, name="2B")
    signin.open_sign_in(classroom=other, address=ROOM)
    client.cookies[signin.DEVICE_COOKIE] = signin.register_device(classroom=other, label="2B tablet", user=teacher)
    assert ASK_TEACHER in client.get(names_url(classroom), **AWAY).content.decode()
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil), **AWAY).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_replayed_hand_off_link_is_refused_kindly(client, classroom, pupil):
    """The teacher's link signs in once; opened or used again it says "ask your teacher for a new one"."""
    url = handoff_url(signin.new_handoff(pupil=pupil))
    assert client.post(url).url == MY_LESSONS
    client.logout()
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404 and LINK_USED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_expired_hand_off_link_is_refused_kindly(client, classroom, pupil):
    """Past its 10 minutes (the shared cache's own expiry), the link reads "too old", never 500."""
    token = signin.new_handoff(pupil=pupil)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE safesteps_cache SET expires = %s", [timezone.now() - timedelta(seconds=1)])
    response = client.post(handoff_url(token))
    assert response.status_code == 404 and LINK_USED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_hand_off_link_for_an_archived_class_or_deleted_pupil_does_not_sign_in(client, classroom, pupil):
    """Archiving the class (or deleting the pupil) after the link was made: the link no longer works."""
    archived = signin.new_handoff(pupil=pupil)
    roster.archive_classroom(classroom=classroom)
    assert client.post(handoff_url(archived)).status_code == 404
    roster.archive_classroom(classroom=classroom, archived=False)
    deleted = signin.new_handoff(pupil=pupil)
    roster.delete_pupil(pupil=pupil)
    assert client.post(handoff_url(deleted)).status_code == 404
    assert "_auth_user_id" not in client.session


BAD_TOKENS = {
    "nul byte": "abc\x00" * 8,
    "very long": "a" * 5000,
    "short": "abc",
    "spaces": "a b c d e f g h i j k l m n o p",
    "unicode": "令牌" * 20,
}


@pytest.mark.parametrize("token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_malformed_card_and_hand_off_tokens_are_unknown(client, classroom, token):
    """Made-up QR and hand-off tokens (NUL bytes, 5,000 characters…) are unknown: 404 with a clear page."""
    card = reverse("classrooms:pupil_token_login", kwargs={"token": token})
    assert client.get(card).status_code == 404
    assert client.post(card).status_code == 404
    assert client.get(handoff_url(token)).status_code == 404
    assert LINK_USED in client.post(handoff_url(token)).content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {"pictures": ["cat", "sun"], "word1": "x", "word2": "y"},
        {"pictures": ["cat\x00", "sun"]},
        {"pictures": [""] * 2},
        {"pictures": ["cat"] * 500},
    ],
    ids=["pictures and words", "nul byte", "empty", "five hundred"],
)
def test_odd_picture_answers_never_fail_the_server(client, classroom, pupil, data):
    """Picture answers with extra, empty, NUL or hundreds of values get the child's message, never a 500."""
    if sorted(data["pictures"]) == sorted(pupil.picture_keys):  # the random password may be exactly cat + sun
        data = {**data, "pictures": [key for key in PICTURES if key not in pupil.picture_keys][:2]}
    type_number(client, classroom)
    response = client.post(password_url(classroom, pupil.pk), data)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data",
    [
        {"name": ["Pupil 1", "Pupil 2"], "word1": ["a", "b"], "word2": "c"},
        {"name": "Pupil\x001", "word1": "a\x00", "word2": "b"},
        {"name": "x" * 5000, "word1": "y" * 5000, "word2": "z"},
        {},
    ],
    ids=["duplicated", "nul byte", "too long", "missing"],
)
def test_odd_home_sign_in_fields_never_fail_the_server(client, word_classroom, data):
    """Home sign-in with duplicated, NUL, over-long or missing fields: an answer in words, never a 500."""
    signin.close_sign_in(classroom=word_classroom)
    signin.set_home_sign_in(classroom=word_classroom, allowed=True)
    home = reverse("classrooms:pupil_home_sign_in", kwargs={"code": word_classroom.code})
    response = client.post(home, data)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data", [{"code": ["AAAAAA", "CCCCCC"]}, {"code": "A\x00AAAA"}, {"code": "A" * 5000}, {}], ids=str
)
def test_odd_class_codes_never_fail_the_server(client, data):
    """The code page answers duplicated, NUL, over-long and missing codes with a message or the closed page."""
    response = client.post(reverse("classrooms:pupil_login"), data, follow=True)
    assert response.status_code == 200


@pytest.mark.parametrize("code", ["nope99", "ABCDE1", "O0O0O0", "班级码一二三"])
def test_six_characters_outside_the_code_alphabet_read_like_an_unknown_code(client, code):
    """A six-character code with letters no class code uses (O, 0, B, 1, Chinese) gets the unknown-code answer, not
    a 500, and counts as a miss against the address."""
    response = client.post(reverse("classrooms:pupil_login"), {"code": code}, **AWAY)
    assert response.status_code == 200 and ASK_TEACHER in response.content.decode()
    for _ in range(throttle.CODE_MISS_LIMIT_PER_ADDRESS - 1):
        client.post(reverse("classrooms:pupil_login"), {"code": code}, **AWAY)
    assert throttle.code_guessing_locked(address=AWAY["REMOTE_ADDR"])


def test_huge_and_foreign_pupil_numbers_read_like_a_wrong_password(client, classroom, pupil):
    """A pupil number past any database integer is unknown, answered as a wrong password; nothing is counted
    against a real pupil."""
    type_number(client, classroom)
    url = reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": 10**30})
    assert client.get(url).status_code == 404
    response = client.post(url, right_answer(pupil))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert throttle.pupil_locks([pupil.pk]) == {}
