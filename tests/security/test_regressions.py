"""The three 500s the security review found, each now a plain answer."""

import pytest
from django.core.exceptions import ValidationError

from classrooms.models import Membership, Role
from classrooms.services import staff
from quizzes.services import parse_choice_ids
from tests.factories import SchoolFactory, UserFactory


@pytest.mark.parametrize("value", ["²", "٣", "1²", "１"])
def test_choice_that_is_a_digit_but_not_a_number_is_an_error(value):
    """`choice=²` (a Unicode digit int() refuses) is a form error, not a 500."""
    with pytest.raises(ValidationError):
        parse_choice_ids([value])


def test_api_search_with_a_lone_quote_answers(client, db):
    """`?search="` reached SQLite's full-text syntax as a 500; it now answers 200 with no results."""
    response = client.get("/api/v2/pages/", {"search": '"'})
    assert response.status_code == 200 and response.json()["meta"]["total_count"] == 0


def test_api_search_still_finds_words_around_quotes(client, db):
    """Quotes around a word are dropped, the word is searched."""
    plain = client.get("/api/v2/pages/", {"search": "adult"}).json()["meta"]["total_count"]
    quoted = client.get("/api/v2/pages/", {"search": '"adult"'})
    assert quoted.status_code == 200 and quoted.json()["meta"]["total_count"] == plain > 0


def test_invitation_for_an_address_that_is_another_accounts_username(client, db):
    """An editor whose username is the invited address keeps it; the new member of staff gets another username."""
    editor = UserFactory(username="lead@example.com", email="editor@example.com")
    invitation = staff.invite_staff(school=SchoolFactory(name="Hilltop"), email="lead@example.com", role=Role.TEACHER)
    response = client.post(
        invitation.get_absolute_url(), {"password1": "a long and good pass 42", "password2": "a long and good pass 42"}
    )
    assert response.status_code == 302
    member = Membership.objects.get(school=invitation.school).user
    assert member.pk != editor.pk and member.email == "lead@example.com" and member.username != editor.username
