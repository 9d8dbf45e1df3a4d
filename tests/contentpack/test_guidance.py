"""The guidance codec: guidance.yaml and each outcome's `guidance:` are checked, written and exported."""

import pytest
import yaml

from contentpack.codecs import guidance
from contentpack.common import PackError
from contentpack.importer import import_pack
from contentpack.reader import load_pack
from curriculum.models import GuidanceDocument, GuidanceReference, LearningOutcome


def _edit_outcomes(pack_copy, change):
    path = pack_copy / "outcomes" / "little-steps.yaml"
    outcomes = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(outcomes[0])
    path.write_text(yaml.safe_dump(outcomes, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda o: o["guidance"]["zh-hans"][0].update(document="itgse-2018"), "unknown zh-hans document 'itgse-2018'"),
        (lambda o: o["guidance"]["en"][0].update(section="topic-9-9"), "unknown section 'topic-9-9'"),
        (lambda o: o["guidance"]["en"][0].pop("note"), "is missing note"),
        (lambda o: o["guidance"]["en"][0].update(note="x" * 301), "note is longer than 300 characters"),
    ],
)
def test_a_broken_reference_is_refused_with_its_outcome_named(pack_copy, change, message):
    """A reference to another language's document, an unknown section, or a missing or long note stops the load."""
    _edit_outcomes(pack_copy, change)
    with pytest.raises(PackError) as error:
        load_pack(pack_copy)
    assert message in str(error.value)
    assert "ls-body-parts guidance" in str(error.value)


def test_documents_exist_only_in_their_own_language(db):
    """China's documents are on the Chinese site only, UNESCO's and UKCIS's on the English site only."""
    slugs = {"zh-hans": set(), "en": set()}
    for document in GuidanceDocument.objects.select_related("locale"):
        slugs[document.locale.language_code].add(document.slug)
    assert "life-safety-health-2021" in slugs["zh-hans"] and "life-safety-health-2021" not in slugs["en"]
    assert "itgse-2018" in slugs["en"] and "itgse-2018" not in slugs["zh-hans"]


def test_reimport_keeps_references_and_a_changed_note_is_updated(db, pack_copy):
    """Importing again changes nothing; a changed note updates that outcome's references in place of the old."""
    outcome = LearningOutcome.objects.get(slug="ls-body-parts", locale__language_code="en")
    before = list(GuidanceReference.objects.filter(outcome=outcome).values_list("pk", flat=True))
    import_pack(load_pack())
    assert list(GuidanceReference.objects.filter(outcome=outcome).values_list("pk", flat=True)) == before
    _edit_outcomes(pack_copy, lambda o: o["guidance"]["en"][0].update(note="A new note."))
    import_pack(load_pack(pack_copy))
    notes = list(
        GuidanceReference.objects.filter(outcome=outcome).order_by("sort_order").values_list("note", flat=True)
    )
    assert notes[0] == "A new note." and len(notes) == 2


def test_round_trip_sees_a_changed_reference(db, tmp_path):
    """An edit to a reference in the site makes the guidance codec's round trip differ (the pair test can fail)."""
    from contentpack.exporter import export_pack

    reference = GuidanceReference.objects.filter(outcome__locale__language_code="zh-hans").first()
    reference.stage = "初中"
    reference.save()
    export_pack(tmp_path / "exported")
    assert guidance.prepare(load_pack(tmp_path / "exported")) != guidance.prepare(load_pack())


def test_a_reference_to_another_languages_document_is_refused_in_the_admin(db):
    """The model refuses a Chinese outcome that cites an English document."""
    from django.core.exceptions import ValidationError

    outcome = LearningOutcome.objects.get(slug="ls-body-parts", locale__language_code="zh-hans")
    section = GuidanceDocument.objects.get(slug="itgse-2018").sections.first()
    with pytest.raises(ValidationError):
        GuidanceReference(outcome=outcome, section=section, note="x").clean()
