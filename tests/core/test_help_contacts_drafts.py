from django.urls import reverse

from core.models import HelpContacts

DRAFT_NAME = "DRAFT-HELPLINE-NAME"


def _draft_change(contacts):
    contacts.contacts = [
        {"type": "contact", "value": {**item["value"], "name": DRAFT_NAME}} for item in contacts.contacts.raw_data
    ]
    return contacts.save_revision()


def test_help_contacts_draft_is_not_shown_until_published(client, en, lesson_en):
    """A saved draft of the help contacts leaves the pupil's step and the home page unchanged until published."""
    contacts = HelpContacts.objects.get(locale=en)
    revision = _draft_change(contacts)
    for url in (f"{lesson_en.url}step/1/", "/"):
        assert DRAFT_NAME not in client.get(url).content.decode()
    revision.publish()
    assert DRAFT_NAME in client.get(f"{lesson_en.url}step/1/").content.decode()


def test_imported_help_contacts_are_live_with_a_revision(en):
    """The content pack publishes the help contacts: live, with a live revision to diff and roll back to."""
    contacts = HelpContacts.objects.get(locale=en)
    assert contacts.live
    assert contacts.live_revision_id is not None


def test_help_contacts_preview_is_framable_by_the_admin_only(client, editor, en):
    """The snippet's preview shows the draft and may be framed by the admin's own origin only."""
    contacts = HelpContacts.objects.get(locale=en)
    revision = _draft_change(contacts)
    client.force_login(editor)
    url = reverse("wagtailsnippets_core_helpcontacts:revisions_view", args=(contacts.pk, revision.pk))
    response = client.get(url)
    assert DRAFT_NAME in response.content.decode()
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
