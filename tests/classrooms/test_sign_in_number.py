"""The sign-in number: on the room's network, a browser that is not a class device gives the number the teacher
shows on the board before it sees the class list; five wrong numbers close it for the window (docs/security.md)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.sessions import CONFIRMED_AT
from classrooms.services import roster, signin, throttle

from .conftest import ROOM, names_url, number_url, pupils_page, type_number
from .test_pupil_sign_in import password_url, right_answer, wrong_answer

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")

MY_LESSONS = "/en/class/my-lessons/"
ASK_TEACHER = "Ask your teacher to open sign-in"
TYPE_THE_NUMBER = "Type the number your teacher shows on the board"
WRONG_NUMBER = "That is not the number on the board. Look again and try once more."
NUMBER_CLOSED = "The number does not work now. Your teacher can make a new one."
TEACHER_CLOSED = "The sign-in number stopped working after 5 wrong tries."
AWAY = {"REMOTE_ADDR": "198.51.100.7"}
# Measured (SQLite, the database cache): the number page reads the page cache, the code-guessing counters, the class
# and the help contacts; a wrong number adds its counter's slots (a read and an `add`); the class list adds the names.
QUERIES_NUMBER_PAGE = 9
QUERIES_WRONG_NUMBER = 14
QUERIES_NAMES_WITH_NUMBER = 10


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def a_wrong_number(classroom):
    return f"{(int(classroom.sign_in_number) + 1) % 10**6:06d}"


def test_a_tablet_in_the_room_is_asked_for_the_number_before_any_name(client, classroom, pupil):
    """Not a class device: the class list sends the pupil to the number page, which shows no pupil's name and
    offers a big numeric field that browsers do not fill in."""
    response = client.get(names_url(classroom))
    assert response.status_code == 302 and response.url == number_url(classroom)
    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200 and TYPE_THE_NUMBER in html and pupil.display_name not in html
    assert 'inputmode="numeric"' in html and 'autocomplete="off"' in html
    assert "no-store" in page["Cache-Control"]


def test_a_class_device_is_never_asked_for_the_number(client, classroom, pupil, teacher):
    """On one of the class's devices the class list opens straight away, as before."""
    client.cookies[signin.DEVICE_COOKIE] = signin.register_device(classroom=classroom, label="Tablet", user=teacher)
    names = client.get(names_url(classroom))
    assert names.status_code == 200 and pupil.display_name in names.content.decode()
    assert client.get(number_url(classroom)).url == names_url(classroom)


@pytest.mark.parametrize("shown", ["{a} {b}", "{a}{b}", " {a}-{b} ", "{wide}", "{a}\u3000{b}"])
def test_the_right_number_shows_the_class_list(client, classroom, pupil, shown):
    """The number as the board shows it ("482 913"), without the space, with a dash, in wide digits from a Chinese
    keyboard or with a wide space: the class list opens and the pupil signs in with their pictures."""
    number = classroom.sign_in_number
    wide = "".join(chr(ord(digit) + 0xFEE0) for digit in number)
    typed = shown.format(a=number[:3], b=number[3:], wide=wide)
    response = client.post(number_url(classroom), {"number": typed})
    assert response.status_code == 302 and response.url == names_url(classroom)
    assert pupil.display_name in client.get(names_url(classroom)).content.decode()
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == MY_LESSONS


def test_the_next_pupil_on_a_shared_tablet_does_not_type_the_number_again(client, classroom, pupil):
    """Sign out on the tablet: the next pupil types the class code and goes straight to the class list."""
    type_number(client, classroom)
    client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    client.post(reverse("classrooms:sign_out"))
    after_code = client.post(reverse("classrooms:pupil_login"), {"code": classroom.code})
    names = client.get(after_code.url)
    assert names.status_code == 200 and pupil.display_name in names.content.decode()


def test_five_wrong_numbers_close_it_for_the_window_and_the_teacher_sees_it(client, classroom, pupil, teacher):
    """Four wrong numbers get a kind "look again"; the fifth closes the number: even the right one then gets "ask
    your teacher". Nobody is locked; the class page and the dashboard tell the teacher."""
    for _ in range(throttle.WRONG_NUMBER_LIMIT - 1):
        response = client.post(number_url(classroom), {"number": a_wrong_number(classroom)})
        assert response.status_code == 200 and WRONG_NUMBER in response.content.decode()
    fifth = client.post(number_url(classroom), {"number": a_wrong_number(classroom)}).content.decode()
    assert NUMBER_CLOSED in fifth and pupil.display_name not in fifth
    right = client.post(number_url(classroom), {"number": classroom.sign_in_number})
    assert NUMBER_CLOSED in right.content.decode() and signin.NUMBER_COOKIE not in right.cookies
    assert NUMBER_CLOSED in client.get(names_url(classroom)).content.decode()
    assert throttle.pupil_locks([p.pk for p in classroom.pupils.all()]) == {}

    client.force_login(teacher)
    for page in (pupils_page(classroom), reverse("classrooms:dashboard")):
        html = client.get(page).content.decode()
        assert TEACHER_CLOSED in html and classroom.sign_in_number_shown not in html, page


def test_a_new_number_opens_it_again_and_the_old_one_stops(client, classroom, pupil, teacher):
    """After the number was closed, one tap makes a new one (no password asked again): the new number opens the
    class list, the old one is wrong."""
    for _ in range(throttle.WRONG_NUMBER_LIMIT):
        client.post(number_url(classroom), {"number": a_wrong_number(classroom)})
    old = classroom.sign_in_number
    client.force_login(teacher)
    session = client.session
    session.pop(CONFIRMED_AT, None)
    session.save()
    tap = client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "number"}))
    assert tap.url == pupils_page(classroom)
    classroom.refresh_from_db()
    assert classroom.sign_in_number_usable and classroom.sign_in_number_shown in client.get(tap.url).content.decode()
    client.logout()
    if old != classroom.sign_in_number:
        assert WRONG_NUMBER in client.post(number_url(classroom), {"number": old}).content.decode()
    type_number(client, classroom)
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == MY_LESSONS


def test_the_number_of_an_earlier_window_does_not_work(client, classroom, pupil):
    """Closing the window ends its number; after the teacher opens sign-in again, neither the remembered number nor
    the old number typed again opens the class list. Extending a window keeps its number."""
    type_number(client, classroom)
    signin.extend_sign_in(classroom=classroom)
    assert client.get(names_url(classroom)).status_code == 200
    old = classroom.sign_in_number
    signin.close_sign_in(classroom=classroom)
    classroom.refresh_from_db()
    assert classroom.sign_in_number == ""
    closed = client.post(number_url(classroom), {"number": old})
    assert ASK_TEACHER in closed.content.decode() and pupil.display_name not in closed.content.decode()
    signin.open_sign_in(classroom=classroom, address=ROOM)
    assert client.get(names_url(classroom)).url == number_url(classroom)
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == number_url(classroom)
    if old != classroom.sign_in_number:
        assert WRONG_NUMBER in client.post(number_url(classroom), {"number": old}).content.decode()
    assert "_auth_user_id" not in client.session


def test_login_cards_and_hand_off_links_work_while_the_number_is_closed(client, classroom, pupil):
    """Wrong numbers never touch cards: the QR card and the teacher's one-time link still sign the pupil in."""
    roster.enable_qr_sign_in(classroom=classroom)
    for _ in range(throttle.WRONG_NUMBER_LIMIT):
        client.post(number_url(classroom), {"number": a_wrong_number(classroom)})
    classroom.refresh_from_db()
    assert not classroom.sign_in_number_usable
    pupil.refresh_from_db()
    assert client.post(reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token})).url == MY_LESSONS
    client.post(reverse("classrooms:sign_out"))
    handoff = reverse("classrooms:pupil_handoff", kwargs={"token": signin.new_handoff(pupil=pupil)})
    assert client.post(handoff).url == MY_LESSONS


def test_a_browser_that_knows_the_number_keeps_working_after_it_is_closed(client, classroom, pupil):
    """Tablets that gave the right number before someone else's wrong tries closed it stay open for the window."""
    type_number(client, classroom)
    another_tablet = Client()
    for _ in range(throttle.WRONG_NUMBER_LIMIT):
        another_tablet.post(number_url(classroom), {"number": a_wrong_number(classroom)})
    classroom.refresh_from_db()
    assert classroom.sign_in_number_closed_at is not None
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == MY_LESSONS


def test_a_password_posted_without_the_number_is_not_looked_at(client, classroom, pupil):
    """Skipping the number page: a posted password is sent back to the number and counts against nobody."""
    for _ in range(throttle.PUPIL_FAILURE_LIMIT + 1):
        response = client.post(password_url(classroom, pupil.pk), wrong_answer(pupil))
        assert response.url == number_url(classroom)
    assert throttle.pupil_locks([pupil.pk]) == {}
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == number_url(classroom)
    assert "_auth_user_id" not in client.session


def test_away_from_the_room_the_number_page_reads_like_a_closed_class(client, classroom, pupil):
    """From another network the number page is the ordinary closed page and wrong numbers count for nothing."""
    for _ in range(throttle.WRONG_NUMBER_LIMIT + 1):
        response = client.post(number_url(classroom), {"number": a_wrong_number(classroom)}, **AWAY)
        assert ASK_TEACHER in response.content.decode()
    assert (
        ASK_TEACHER in client.post(number_url(classroom), {"number": classroom.sign_in_number}, **AWAY).content.decode()
    )
    classroom.refresh_from_db()
    assert classroom.sign_in_number_usable


def test_a_class_with_devices_only_never_asks_for_a_number(client, classroom, pupil, teacher):
    """ "Only on this class's devices": another tablet in the room hears "ask your teacher which one to use" and the
    teacher's screens show no number."""
    signin.register_device(classroom=classroom, label="Tablet", user=teacher)
    response = client.post(number_url(classroom), {"number": classroom.sign_in_number})
    assert "You cannot sign in on this tablet or computer." in response.content.decode()
    client.force_login(teacher)
    assert classroom.sign_in_number_shown not in client.get(pupils_page(classroom)).content.decode()


BAD_NUMBERS = {
    "letters": "48a 913",
    "chinese": "四八二九一三",
    "too short": "48291",
    "too many digits": "4829130",
    "too long": "4" * 5000,
    "nul byte": "482\x00913",
    "empty": "",
    "spaces only": "   ",
    "arabic-indic digits": "٤٨٢٩١٣",
}


@pytest.mark.parametrize("typed", BAD_NUMBERS.values(), ids=BAD_NUMBERS.keys())
def test_bad_numbers_get_a_clear_message_and_are_not_counted(client, classroom, pupil, typed):
    """Letters, too few or too many digits, NUL bytes, nothing: a message a child understands, never a 500, never
    a name, and never counted as a wrong number."""
    for _ in range(throttle.WRONG_NUMBER_LIMIT + 1):
        response = client.post(number_url(classroom), {"number": typed})
        html = response.content.decode()
        assert response.status_code == 200 and pupil.display_name not in html
        assert response.context["form"].errors["number"]
    classroom.refresh_from_db()
    assert classroom.sign_in_number_usable


@pytest.mark.parametrize("data", [{}, {"number": ["111111", "222222"]}], ids=["missing", "duplicated"])
def test_missing_or_duplicated_number_fields_never_fail(client, classroom, data):
    """No field at all, or the field twice: a message or one wrong number, never a 500."""
    response = client.post(number_url(classroom), data)
    assert response.status_code == 200 and response.context["form"].errors["number"]


def test_unknown_codes_on_the_number_page_read_like_a_closed_class(client, classroom):
    """The number page of a code no class has is the same "ask your teacher" page, and counts as a code miss."""
    url = reverse("classrooms:pupil_number", kwargs={"code": "AAAAAA"})
    response = client.post(url, {"number": "123456"})
    assert ASK_TEACHER in response.content.decode()
    assert client.get(url).status_code == 200


def test_wrong_number_message_is_in_chinese_and_can_be_read_aloud(client, classroom):
    """A grade-2 pupil on the Chinese site reads (or hears) the wrong-number message in Chinese."""
    url = number_url(classroom).replace("/en/", "/zh-hans/")
    html = client.post(url, {"number": a_wrong_number(classroom)}).content.decode()
    assert "请输入老师在黑板上显示的数字" in html and "这不是黑板上的数字" in html
    assert 'data-read-aloud="pupil-content"' in html and "<script>" not in html


def test_the_closed_number_page_has_one_read_aloud_button_for_its_message(client, classroom):
    """ "Ask your teacher" after wrong numbers: one "read it to me" button (for the message), not two."""
    for _ in range(throttle.WRONG_NUMBER_LIMIT):
        html = client.post(number_url(classroom), {"number": a_wrong_number(classroom)}).content.decode()
    assert NUMBER_CLOSED in html
    assert html.count("data-read-aloud=") == 1 and 'data-read-aloud="signin-message"' in html
    assert "data-read-aloud-missing" in html


def test_the_teacher_sees_the_number_big_on_the_dashboard_class_page_and_board(client, classroom, teacher):
    """The open window's card, the class page and the full-screen board show the number as "482 913"."""
    client.force_login(teacher)
    shown = classroom.sign_in_number_shown
    assert len(shown) == 7 and shown[3] == " "
    for url in (
        reverse("classrooms:dashboard"),
        pupils_page(classroom),
        reverse("classrooms:sign_in_board", kwargs={"pk": classroom.pk}),
    ):
        html = client.get(url).content.decode()
        assert 'class="sign-in-number' in html and shown in html, url


def test_two_classes_on_one_tablet_keep_both_numbers(client, classroom, word_classroom):
    """A tablet shared by two classes in the room remembers each class's number."""
    type_number(client, classroom)
    type_number(client, word_classroom)
    assert client.get(names_url(classroom)).status_code == 200
    assert client.get(names_url(word_classroom)).status_code == 200


def test_exactly_the_fifth_wrong_number_closes_it(classroom):
    """The counter claims numbered slots in the shared cache: exactly the fifth wrong number closes the number, and
    a closed number is never right."""
    results = [signin.check_number(classroom=classroom, number=a_wrong_number(classroom)) for _ in range(5)]
    assert results == [signin.WRONG] * 4 + [signin.NOW_CLOSED]
    classroom.refresh_from_db()
    assert signin.check_number(classroom=classroom, number=classroom.sign_in_number) == signin.NOW_CLOSED


def test_numbers_being_compared_at_once_never_exceed_five(classroom):
    """Every comparison holds a slot first: with five wrong numbers in flight (slots held, not yet answered), a sixth
    request is refused even with the right number, so parallel requests cannot try more than five."""
    period = int(classroom.sign_in_number_at.timestamp() * 1_000_000)
    held = [throttle.hold_number_try(classroom_id=classroom.pk, period=period) for _ in range(5)]
    assert [number for number, _slot in held] == [1, 2, 3, 4, 5]
    assert signin.check_number(classroom=classroom, number=classroom.sign_in_number) == signin.NOW_CLOSED
    classroom.refresh_from_db()
    assert classroom.sign_in_number_closed_at is not None


def test_a_right_number_gives_its_slot_back(classroom):
    """Forty-five pupils typing the right number use up nothing: only wrong numbers count."""
    for _ in range(45):
        assert signin.check_number(classroom=classroom, number=classroom.sign_in_number) == signin.RIGHT
    assert signin.check_number(classroom=classroom, number=a_wrong_number(classroom)) == signin.WRONG


def test_number_pages_cost_a_fixed_number_of_queries(client, classroom, django_assert_max_num_queries):
    """The number page, a wrong number and the class list after the number: pinned query counts (after one request
    has filled Wagtail's site cache, as on a running server)."""
    client.get(number_url(classroom))
    with django_assert_max_num_queries(QUERIES_NUMBER_PAGE):
        assert client.get(number_url(classroom)).status_code == 200
    with django_assert_max_num_queries(QUERIES_WRONG_NUMBER):
        assert client.post(number_url(classroom), {"number": a_wrong_number(classroom)}).status_code == 200
    type_number(client, classroom)
    with django_assert_max_num_queries(QUERIES_NAMES_WITH_NUMBER):
        assert client.get(names_url(classroom)).status_code == 200
