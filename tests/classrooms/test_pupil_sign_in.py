import pytest
from django.urls import reverse
from django.utils import translation

from classrooms import passwords
from classrooms.services import throttle

from .conftest import type_number

# Throttles, locks and sign-in windows count in the cache the product shares between processes (STYLE.md).
pytestmark = pytest.mark.usefixtures("shared_cache")


def password_url(classroom, pupil_pk):
    return reverse("classrooms:pupil_password", kwargs={"code": classroom.code, "pupil_pk": pupil_pk})


def right_answer(pupil):
    if pupil.classroom.uses_pictures:
        return {"pictures": pupil.picture_keys}
    first, second = pupil.words("en")
    return {"word1": first, "word2": second}


def wrong_answer(pupil):
    if pupil.classroom.uses_pictures:
        wrong = [key for key in passwords.PICTURES if key not in pupil.picture_keys][:2]
        return {"pictures": wrong}
    return {"word1": "nothing", "word2": "wrong"}


def test_code_then_name_then_pictures_signs_a_young_pupil_in(client, classroom, pupil):
    """Class code → tap your name → the two pictures of the card: the pupil lands on My lessons."""
    response = client.post(reverse("classrooms:pupil_login"), {"code": classroom.code.lower()})
    assert response.url == reverse("classrooms:pupil_names", kwargs={"code": classroom.code})
    asked = client.get(response.url)  # not a class device: the sign-in number on the board comes first
    assert asked.status_code == 302 and asked.url == reverse("classrooms:pupil_number", kwargs={"code": classroom.code})
    assert pupil.display_name not in client.get(asked.url).content.decode()
    names = client.get(type_number(client, classroom).url).content.decode()
    assert pupil.display_name in names
    response = client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    assert response.status_code == 302 and response.url == reverse("progress:my_lessons")
    assert client.get(reverse("progress:my_lessons")).context["pupil"] == pupil


def test_two_words_sign_in_in_either_language(client, word_classroom):
    """Grades 4–9 type two words; the Chinese words of the same card work as well as the English ones."""
    type_number(client, word_classroom)
    pupil = word_classroom.pupils.first()
    assert len(pupil.secret.split("-")) == 2 and pupil.secret.startswith("w:")
    first, second = pupil.words("zh-hans")
    response = client.post(password_url(word_classroom, pupil.pk), {"word1": f" {first} ", "word2": second})
    assert response.url == reverse("progress:my_lessons")
    client.logout()  # the test client's logout also forgets every cookie, the number's too
    type_number(client, word_classroom)
    first, second = pupil.words("en")
    response = client.post(password_url(word_classroom, pupil.pk), {"word1": first.upper(), "word2": second})
    assert response.url == reverse("progress:my_lessons")


def test_wrong_password_does_not_sign_in(client, classroom, pupil):
    """A wrong pair of pictures leaves the pupil signed out with a kind message."""
    type_number(client, classroom)
    response = client.post(password_url(classroom, pupil.pk), wrong_answer(pupil))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_one_picture_is_not_enough(client, classroom, pupil):
    """Choosing one picture asks for two and is not counted as a password."""
    type_number(client, classroom)
    response = client.post(password_url(classroom, pupil.pk), {"pictures": pupil.picture_keys[:1]})
    assert response.context["form"].errors["pictures"]
    assert "_auth_user_id" not in client.session


def test_unknown_name_gets_the_same_answer_as_a_wrong_password(client, classroom, pupil, other_school_class):
    """A pupil id from another class is answered exactly like a wrong password: nothing is revealed."""
    type_number(client, classroom)
    stranger = other_school_class.pupils.first()
    wrong = client.post(password_url(classroom, pupil.pk), wrong_answer(pupil))
    unknown = client.post(password_url(classroom, stranger.pk), right_answer(stranger))
    assert unknown.status_code == wrong.status_code == 200
    assert [str(e) for e in unknown.context["form"].non_field_errors()] == [
        str(e) for e in wrong.context["form"].non_field_errors()
    ]
    assert "_auth_user_id" not in client.session


def test_pupil_is_locked_after_five_failures_even_with_the_right_password(client, classroom, pupil):
    """Five wrong tries lock that pupil for a while: the right password then gets "ask your teacher"."""
    type_number(client, classroom)
    for _ in range(throttle.PUPIL_FAILURE_LIMIT):
        client.post(password_url(classroom, pupil.pk), wrong_answer(pupil))
    response = client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    assert response.status_code == 429 and response.context["locked"]
    assert "_auth_user_id" not in client.session
    other = classroom.pupils.exclude(pk=pupil.pk).first()
    assert client.post(password_url(classroom, other.pk), right_answer(other)).url == reverse("progress:my_lessons")


def test_teacher_sees_and_clears_a_pupils_lock(client, classroom, pupil, teacher):
    """The pupils page shows the lock; Unlock lets the pupil straight back in."""
    type_number(client, classroom)
    for _ in range(throttle.PUPIL_FAILURE_LIMIT):
        client.post(password_url(classroom, pupil.pk), wrong_answer(pupil))
    client.force_login(teacher)
    page = client.get(reverse("classrooms:pupils", kwargs={"pk": classroom.pk}))
    assert [p.display_name for p in page.context["pupils"] if p.is_locked] == [pupil.display_name]
    client.post(reverse("classrooms:pupil_action", kwargs={"pk": pupil.pk, "action": "unlock"}))
    client.logout()
    type_number(client, classroom)
    assert client.post(password_url(classroom, pupil.pk), right_answer(pupil)).url == reverse("progress:my_lessons")


def test_unknown_class_code_gets_a_helpful_message(client, db):
    """A code that is not a class gets "ask your teacher", without a 500; a wrong length says how long codes are."""
    with translation.override("en"):
        url = reverse("classrooms:pupil_login")
    response = client.post(url, {"code": "AAAAAA"}, follow=True)
    assert response.status_code == 200 and "Ask your teacher to open sign-in" in response.content.decode()
    assert client.post(url, {"code": "A"}).context["form"].errors["code"]


def test_sign_out_ends_the_pupil_session(client, classroom, pupil):
    """Sign out on a shared computer: the next person starts at the class code."""
    type_number(client, classroom)
    client.post(password_url(classroom, pupil.pk), right_answer(pupil))
    response = client.post(reverse("classrooms:sign_out"))
    assert response.url == reverse("classrooms:pupil_login")
    assert client.get(reverse("progress:my_lessons")).status_code == 302


def test_pupil_cannot_use_the_staff_sign_in(client, pupil):
    """A pupil's account has no usable password and cannot sign in as staff."""
    assert not pupil.user.has_usable_password()
    response = client.post(reverse("classrooms:staff_login"), {"email": "", "password": pupil.secret})
    assert "_auth_user_id" not in client.session and response.status_code == 200


@pytest.mark.parametrize("grade", [1, 3, 4, 9])
def test_passwords_fit_the_grade(grade):
    """Grades 1–3 get two of the nine pictures; grades 4–9 get two different words."""
    secret = passwords.new_secret(grade)
    if grade <= 3:
        keys = passwords.picture_keys(secret)
        assert len(set(keys)) == 2 and set(keys) <= set(passwords.PICTURES)
    else:
        words = passwords.word_pair(secret, "en")
        assert len(set(words)) == 2


def test_word_lists_have_no_duplicates_in_either_language():
    """Every word maps back to one index in both languages."""
    for column in (0, 1):
        words = [pair[column] for pair in passwords.WORDS]
        assert len(words) == len(set(words))


def test_qr_code_on_the_card_signs_a_young_pupil_in_until_revoked(client, teacher, classroom, pupil):
    """QR codes on the cards hold a long token; a tap signs that pupil in; switching them off revokes every one."""
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "qr-on"}))
    pupil.refresh_from_db()
    assert len(pupil.login_token) >= 40
    cards = client.get(reverse("classrooms:login_cards", kwargs={"pk": classroom.pk})).content.decode()
    assert cards.count('class="login-card__qr" src="data:image/svg+xml') == classroom.pupils.count()
    client.logout()
    url = reverse("classrooms:pupil_token_login", kwargs={"token": pupil.login_token})
    assert client.get(url).status_code == 200 and "_auth_user_id" not in client.session  # a GET signs nobody in
    assert client.post(url).url == reverse("progress:my_lessons")
    assert client.get(reverse("progress:my_lessons")).context["pupil"] == pupil
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "qr-off"}))
    client.logout()
    assert client.post(url).status_code == 404


def test_made_up_qr_token_is_not_found(client, db):
    """An unknown token answers 404."""
    assert client.post(reverse("classrooms:pupil_token_login", kwargs={"token": "x" * 43})).status_code == 404
