"""Issue 11, case 2 of the estimate: "sign-in only on this class's devices" shuts out someone on the school's
network during a window who is not at one of the class's own tablets."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from classrooms.services import roster, signin, throttle

from .conftest import ROOM, names_url
from .test_pupil_sign_in import password_url, right_answer, wrong_answer

pytestmark = pytest.mark.usefixtures("shared_cache")

NOT_A_CLASS_DEVICE = "You cannot sign in on this tablet or computer. Ask your teacher which one to use."
ASK_TEACHER = "Ask your teacher to open sign-in"
MY_LESSONS = "/en/class/my-lessons/"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def tablet(classroom, teacher):
    """The signed cookie of the class's first device (marking it switched "class devices only" on)."""
    return signin.register_device(classroom=classroom, label="Tablet 1", user=teacher)


def devices_only_url(classroom):
    return reverse("classrooms:devices_only", kwargs={"pk": classroom.pk})


def entries(action):
    return ModelLogEntry.objects.filter(action=f"classrooms.{action}")


def test_marking_the_first_device_switches_class_devices_only_on(client, classroom, teacher):
    """The teacher marks a class tablet: from then on the class signs in on its devices only, the teacher is told
    so, and the access record says who switched it on."""
    assert not classroom.devices_only
    client.force_login(teacher)
    url = reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "device"})
    page = client.post(url, {"label": "Tablet 1"}, follow=True).content.decode()
    classroom.refresh_from_db()
    assert classroom.devices_only
    assert "only on this class&#x27;s devices" in page
    assert entries("devices_only_on").filter(user=teacher).count() == 1
    client.post(url, {"label": "Tablet 2"})  # the second device changes nothing more
    assert entries("devices_only_on").count() == 1


def test_picture_password_in_the_room_on_another_device_is_refused_and_counts_nothing(client, classroom, pupil, tablet):
    """From the room's network but not a class device: the class list and the right pictures both get "ask your
    teacher" in a child's words; six tries lock nobody, raise no alert and write no failed sign-in."""
    names = client.get(names_url(classroom), REMOTE_ADDR=ROOM).content.decode()
    assert NOT_A_CLASS_DEVICE in names and pupil.display_name not in names
    for answer in [right_answer(pupil)] + [wrong_answer(pupil)] * (throttle.PUPIL_FAILURE_LIMIT + 1):
        response = client.post(password_url(classroom, pupil.pk), answer, REMOTE_ADDR=ROOM)
        assert response.status_code == 200 and NOT_A_CLASS_DEVICE in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert throttle.pupil_locks([pupil.pk]) == {}
    assert not throttle.record_closed_failure(classroom_id=classroom.pk)  # the class's count was still empty
    assert not entries("pupil_sign_in_failed").exists()
    classroom.refresh_from_db()
    assert classroom.sign_in_alert_at is None


def test_a_class_device_signs_in_with_pictures(client, classroom, pupil, tablet):
    """On the class's tablet the class list opens and the pictures sign the pupil in, from any network."""
    client.cookies[signin.DEVICE_COOKIE] = tablet
    assert pupil.display_name in client.get(names_url(classroom), REMOTE_ADDR="198.51.100.7").content.decode()
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == MY_LESSONS


def test_the_qr_card_and_the_teachers_link_still_work_on_any_device(client, classroom, pupil, tablet):
    """Class devices only limits the class list and passwords: a login card and a hand-off link work anywhere."""
    roster.enable_qr_sign_in(classroom=classroom)
    pupil.refresh_from_db()
    card = client.post(reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token}))
    assert card.url == MY_LESSONS
    client.logout()
    link = reverse("classrooms:pupil_handoff", kwargs={"token": signin.new_handoff(pupil=pupil)})
    assert client.post(link, REMOTE_ADDR="203.0.113.5").url == MY_LESSONS


def test_away_from_the_room_it_reads_like_a_closed_class(client, classroom, pupil, tablet):
    """Off the room's network the answer is the ordinary "ask your teacher to open sign-in", exactly as for an
    unknown code: the device message is said only inside the room."""
    away = client.get(names_url(classroom), REMOTE_ADDR="203.0.113.9").content.decode()
    unknown = client.get(reverse("classrooms:pupil_names", kwargs={"code": "AAAAAA"}), REMOTE_ADDR="203.0.113.9")
    assert ASK_TEACHER in away and NOT_A_CLASS_DEVICE not in away
    assert away.replace(classroom.code, "AAAAAA") == unknown.content.decode()


def test_teacher_sees_the_class_devices_before_switching_it_on_and_can_switch_it_off(client, classroom, teacher):
    """The confirmation lists the class's devices; on and off are one tap each and both are in the access record."""
    signin.register_device(classroom=classroom, label="Tablet by the window", user=teacher)
    signin.set_devices_only(classroom=classroom, on=False)
    client.force_login(teacher)
    confirm = client.get(devices_only_url(classroom)).content.decode()
    assert "Tablet by the window" in confirm and "Picture sign-in only on this class" in confirm
    client.post(devices_only_url(classroom), {"on": "1"})
    classroom.refresh_from_db()
    assert classroom.devices_only
    page = client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk})).content.decode()
    assert "devices: on." in page
    client.post(devices_only_url(classroom), {"on": "0"})
    classroom.refresh_from_db()
    assert not classroom.devices_only
    assert entries("devices_only_on").count() == entries("devices_only_off").count() == 1
    assert pupil_names_open(client, classroom)


def pupil_names_open(client, classroom):
    client.logout()
    return ASK_TEACHER not in client.get(names_url(classroom), REMOTE_ADDR=ROOM).content.decode()


def test_it_cannot_be_switched_on_without_a_device(client, classroom, teacher):
    """A class with no devices is told to mark one first; the setting stays off and pupils are not shut out."""
    client.force_login(teacher)
    assert "has no devices yet" in client.get(devices_only_url(classroom)).content.decode()
    response = client.post(devices_only_url(classroom), {"on": "1"}, follow=True)
    assert "Mark a device first" in response.content.decode()
    classroom.refresh_from_db()
    assert not classroom.devices_only


def test_another_schools_teacher_cannot_see_or_change_it(client, classroom, other_teacher, tablet):
    """The setting of another school's class is not found (404), by GET or POST."""
    client.force_login(other_teacher)
    assert client.get(devices_only_url(classroom)).status_code == 404
    assert client.post(devices_only_url(classroom), {"on": "0"}).status_code == 404
    classroom.refresh_from_db()
    assert classroom.devices_only


def test_the_device_message_is_in_chinese_and_can_be_read_aloud(client, classroom, pupil, tablet):
    """On the Chinese site the child reads (or hears) the message in Chinese."""
    with translation.override("zh-hans"):
        url = names_url(classroom)
    page = client.get(url, REMOTE_ADDR=ROOM).content.decode()
    assert "这台平板或电脑不能用来登录" in page and 'data-read-aloud="signin-message"' in page
