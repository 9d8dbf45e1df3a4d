"""The pupil's "I want to talk to someone": pictures, a short text from grade 4, sent and seen, never a chat."""

import uuid

from django.urls import reverse
from django.utils import translation

from safeguarding.models import Concern, Source

TALK = "safeguarding:talk"


def _talk_form(client):
    response = client.get(reverse(TALK))
    return response, str(response.context["form"]["key"].value())


def test_button_is_on_every_signed_in_pupil_screen(client, pupil):
    """The header of the pupil's lessons carries "I want to talk to someone"; a signed-out visitor's does not."""
    url = reverse("safeguarding:talk")
    assert url not in client.get(reverse("classrooms:pupil_login")).content.decode()
    client.force_login(pupil.user)
    assert url in client.get(reverse("progress:my_lessons")).content.decode()


def test_button_is_not_shown_to_staff(client, teacher, classroom):
    """Staff screens (a projector in class) never show the pupil's button."""
    client.force_login(teacher)
    assert reverse("safeguarding:talk") not in client.get(reverse("classrooms:dashboard")).content.decode()


def test_young_pupil_sends_a_request_with_pictures_only(client, pupil, designated):
    """A grade-2 pupil gets no text box; tapping pictures and Send stores the request for designated staff."""
    client.force_login(pupil.user)
    response, key = _talk_form(client)
    assert "text" not in response.context["form"].fields
    response = client.post(reverse(TALK), {"key": key, "who": "anyone", "topic": "picture"})
    concern = Concern.objects.get(source=Source.PUPIL, pupil=pupil)
    assert response.url == reverse("safeguarding:talk_sent", kwargs={"key": concern.submission_key})
    assert (concern.topic, concern.urgency, concern.child_name) == ("picture", "urgent", pupil.display_name)


def test_young_pupil_text_is_not_kept(client, pupil):
    """Text posted by a pupil of grades 1–3 (who is offered no box) is not stored."""
    client.force_login(pupil.user)
    _response, key = _talk_form(client)
    client.post(reverse(TALK), {"key": key, "who": "anyone", "text": "something"})
    assert Concern.objects.get(pupil=pupil).pupil_text == ""


def test_older_pupil_may_add_a_short_text(client, older_pupil):
    """A pupil of grade 5 may write a few words, which the concern keeps as they wrote them."""
    client.force_login(older_pupil.user)
    response, key = _talk_form(client)
    assert "text" in response.context["form"].fields
    client.post(reverse(TALK), {"key": key, "who": "teacher", "text": "  Someone in a game keeps messaging me  "})
    concern = Concern.objects.get(pupil=older_pupil)
    assert (concern.pupil_text, concern.wants) == ("Someone in a game keeps messaging me", "teacher")


def test_oversized_text_is_refused_and_nothing_is_stored(client, older_pupil):
    """Too long a text is answered with a kind message, not a 500, and no concern is stored."""
    client.force_login(older_pupil.user)
    _response, key = _talk_form(client)
    response = client.post(reverse(TALK), {"key": key, "who": "anyone", "text": "x" * 501})
    assert response.status_code == 200 and response.context["form"].errors["text"]
    assert not Concern.objects.exists()


def test_pupil_may_choose_a_designated_adult_by_name(client, pupil, school):
    """The named adults are the school's designated staff by the name pupils know them by."""
    client.force_login(pupil.user)
    response, key = _talk_form(client)
    choice = next(value for value, label in response.context["form"].fields["who"].choices if label == "Ms Wang")
    client.post(reverse(TALK), {"key": key, "who": choice})
    concern = Concern.objects.get(pupil=pupil)
    assert (concern.wants, concern.wanted_name) == ("named", "Ms Wang")


def test_another_schools_adult_is_not_found(client, pupil, other_school):
    """Choosing an adult of another school (or an unknown one) is 404 and stores nothing."""
    member = other_school.memberships.get()
    client.force_login(pupil.user)
    _response, key = _talk_form(client)
    response = client.post(reverse(TALK), {"key": key, "who": f"adult-{member.pk}"})
    assert response.status_code == 404
    assert not Concern.objects.exists()


def test_double_submit_stores_one_concern(client, pupil):
    """The same form sent twice (a double tap, a reload) stores one request and shows the same confirmation."""
    client.force_login(pupil.user)
    _response, key = _talk_form(client)
    first = client.post(reverse(TALK), {"key": key, "who": "anyone"})
    second = client.post(reverse(TALK), {"key": key, "who": "anyone", "topic": "hurt"})
    assert Concern.objects.filter(pupil=pupil).count() == 1
    assert first.url == second.url


def test_confirmation_says_what_happens_next_and_never_promises_secrecy(client, pupil, request_concern):
    """The confirmation: an adult will find a quiet moment, 110 in danger, the help contacts; no secrecy, no thread."""
    client.force_login(pupil.user)
    response = client.get(reverse("safeguarding:talk_sent", kwargs={"key": request_concern.submission_key}))
    html = response.content.decode()
    assert "quiet moment" in html and "110" in html and "never your fault" in html
    assert 'class="help-contacts"' in html
    assert "secret" not in html.lower().replace("secret-", "")
    assert "<textarea" not in html and "reply" not in html.lower()
    assert 'data-read-aloud="talk-sent"' in html


def test_chinese_confirmation_is_translated(client, pupil, request_concern):
    """The Chinese confirmation is in Chinese, names 110 and promises no secrecy (保密)."""
    client.force_login(pupil.user)
    with translation.override("zh-hans"):
        url = reverse("safeguarding:talk_sent", kwargs={"key": request_concern.submission_key})
    assert url.startswith("/zh-hans/")
    html = client.get(url).content.decode()
    assert "安静" in html and "110" in html and "保密" not in html


def test_pupil_sees_only_sent_then_seen(client, pupil, designated, request_concern):
    """Before designated staff open the request the pupil reads "sent"; afterwards "seen"; nothing else."""
    url = reverse("safeguarding:talk_sent", kwargs={"key": request_concern.submission_key})
    client.force_login(pupil.user)
    assert client.get(url).context["concern"].pupil_state == "sent"
    staff = client.__class__()
    staff.force_login(designated)
    staff.get(request_concern.get_absolute_url())
    response = client.get(url)
    assert response.context["concern"].pupil_state == "seen"


def test_no_badge_after_sending(client, pupil, request_concern):
    """The pupil's lessons page looks the same after sending: no badge, no count, nothing others could see."""
    client.force_login(pupil.user)
    html = client.get(reverse("progress:my_lessons")).content.decode()
    assert reverse("safeguarding:talk_sent", kwargs={"key": request_concern.submission_key}) not in html
    assert "talk-button" in html and "badge" not in html


def test_another_pupils_confirmation_is_not_found(client, classroom, request_concern):
    """A pupil cannot open another pupil's confirmation page, even with its key."""
    other = classroom.pupils.exclude(pk=request_concern.pupil_id).first()
    client.force_login(other.user)
    assert (
        client.get(reverse("safeguarding:talk_sent", kwargs={"key": request_concern.submission_key})).status_code == 404
    )


def test_signed_out_mid_way_is_told_clearly(client, db):
    """A pupil whose session ended before Send is told the message was not sent, and what to do now."""
    response = client.post(reverse(TALK), {"key": str(uuid.uuid4()), "who": "anyone"})
    html = response.content.decode()
    assert response.status_code == 200 and "110" in html and reverse("classrooms:pupil_login") in html
    assert not Concern.objects.exists()
