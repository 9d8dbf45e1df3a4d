"""Help contacts and the reporting procedure stay live: no Unpublish in the admin, the unpublish address refuses,
and "Add" is offered only while a language has none (core/snippets.py)."""

import pytest
from django.urls import reverse

from accounts.groups import EDITORS, REVIEWERS
from core.models import HelpContacts, ReportingProcedure
from tests.factories import UserFactory

MODELS = [(HelpContacts, "helpcontacts"), (ReportingProcedure, "reportingprocedure")]


@pytest.fixture
def reviewer(db):
    """A member of Safeguarding reviewers: may publish help contacts and the reporting procedure."""
    return UserFactory(groups=[REVIEWERS], email="reviewer@example.com")


@pytest.mark.parametrize(("model", "name"), MODELS)
def test_edit_screen_offers_no_unpublish(client, reviewer, en, model, name):
    """A reviewer with publish permission sees no Unpublish action on the live item's edit screen."""
    assert reviewer.has_perm(f"core.publish_{name}")
    item = model.objects.get(locale=en)
    client.force_login(reviewer)
    response = client.get(reverse(f"wagtailsnippets_core_{name}:edit", args=(item.pk,)))
    assert response.status_code == 200
    assert "action-unpublish" not in response.content.decode()
    assert reverse(f"wagtailsnippets_core_{name}:unpublish", args=(item.pk,)) not in response.content.decode()


@pytest.mark.parametrize(("model", "name"), MODELS)
def test_posting_to_the_unpublish_address_leaves_it_live(client, reviewer, en, model, name):
    """A direct GET or POST to the unpublish address answers 404 and the item stays live."""
    item = model.objects.get(locale=en)
    client.force_login(reviewer)
    url = reverse(f"wagtailsnippets_core_{name}:unpublish", args=(item.pk,))
    assert client.get(url, follow=True).status_code == 404
    assert client.post(url, follow=True).status_code == 404
    item.refresh_from_db()
    assert item.live


def test_add_is_hidden_while_every_language_has_its_help_contacts(client, en):
    """With one set per language the listing offers no "Add" and create refuses; with one missing, both work."""
    client.force_login(UserFactory(groups=[EDITORS], email="cms@example.com"))
    index, add = (reverse(f"wagtailsnippets_core_helpcontacts:{view}") for view in ("list", "add"))
    assert add not in client.get(index).content.decode()
    assert client.get(add).status_code in (302, 403)
    HelpContacts.objects.get(locale=en).delete()
    assert add in client.get(index).content.decode()
    assert client.get(add).status_code == 200
