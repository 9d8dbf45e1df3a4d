"""Editors keep the official-guidance references of an outcome and the documents' sections in the admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from curriculum.models import GuidanceDocument, GuidanceReference, GuidanceSection, LearningOutcome


@pytest.fixture(autouse=True)
def english_admin(db, editor):
    """The editor reads the admin in English, so error messages can be matched."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()


def _outcome_form(outcome, **reference_changes):
    references = [
        {"id": r.pk, "section": r.section_id, "stage": r.stage, "note": r.note, "ORDER": n}
        for n, r in enumerate(outcome.guidance_references.order_by("sort_order"))
    ]
    references[0].update(reference_changes)
    data = {
        "statement": outcome.statement,
        "slug": outcome.slug,
        "strand": outcome.strand_id,
        "age_band": outcome.age_band_id,
        "guidance_references": inline_formset(references, initial=len(references)),
    }
    return nested_form_data(data)


def test_editor_changes_a_reference_note_on_the_outcome_screen(client, editor):
    """The outcome's edit screen shows its references; a changed note is saved and the references keep their ids."""
    client.force_login(editor)
    outcome = LearningOutcome.objects.get(slug="ls-body-parts", locale__language_code="en")
    url = reverse("wagtailsnippets_curriculum_learningoutcome:edit", args=[outcome.pk])
    html = client.get(url).content.decode()
    assert "Official guidance" in html
    ids = sorted(outcome.guidance_references.values_list("pk", flat=True))
    response = client.post(url, _outcome_form(outcome, note="Names every part, private parts too."))
    assert response.status_code == 302
    assert outcome.guidance_references.order_by("sort_order").first().note == "Names every part, private parts too."
    assert sorted(outcome.guidance_references.values_list("pk", flat=True)) == ids


def test_a_section_of_another_languages_document_is_refused(client, editor):
    """An English outcome cannot cite a section of a Chinese document: the form says so and nothing changes."""
    client.force_login(editor)
    outcome = LearningOutcome.objects.get(slug="ls-body-parts", locale__language_code="en")
    chinese = GuidanceSection.objects.filter(document__locale__language_code="zh-hans").first()
    url = reverse("wagtailsnippets_curriculum_learningoutcome:edit", args=[outcome.pk])
    response = client.post(url, _outcome_form(outcome, section=chinese.pk))
    assert response.status_code == 200
    assert "Choose a document in the same language as this outcome." in response.content.decode()
    assert not GuidanceReference.objects.filter(outcome=outcome, section=chinese).exists()


def test_document_screen_lists_its_sections(client, editor):
    """A guidance document's edit screen shows each of its sections."""
    client.force_login(editor)
    document = GuidanceDocument.objects.get(slug="itgse-2018")
    html = client.get(reverse("wagtailsnippets_curriculum_guidancedocument:edit", args=[document.pk])).content.decode()
    for section in document.sections.all():
        assert section.title in html
