"""Each codec's pair: what its export gives back prepares to exactly what its YAML prepared to."""

import pytest

from contentpack.codecs import CODECS
from contentpack.common import strip_ids
from contentpack.exporter import export_pack
from contentpack.reader import load_pack
from lessons.models import LessonPage


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeded site exported and read back as a pack, once for the module: the codec tests only read it, and
    between tests the database is the seeded one (each test's changes are rolled back)."""
    root = tmp_path_factory.mktemp("exported")
    with django_db_blocker.unblock():
        export_pack(root)
    return load_pack(root)


@pytest.mark.parametrize("codec", CODECS, ids=lambda codec: codec.__name__.rsplit(".", 1)[-1])
def test_export_of_what_was_written_prepares_to_the_same_data(db, exported, codec):
    """prepare(export(write(prepare(yaml)))) == prepare(yaml), block ids aside, for every codec."""
    assert strip_ids(codec.prepare(exported)) == strip_ids(codec.prepare(load_pack()))


def test_round_trip_sees_a_changed_step(db, tmp_path):
    """An edit to one step in the site makes the lessons codec's round trip differ (the comparison above can fail)."""
    from contentpack.codecs import lessons

    lesson = LessonPage.objects.filter(locale__language_code="en").first()
    key_message = next(block for block in lesson.steps if block.block_type == "key_message")
    key_message.value["message"] = "Edited in the admin"
    lesson.save_revision().publish()
    export_pack(tmp_path / "exported")
    assert strip_ids(lessons.prepare(load_pack(tmp_path / "exported"))) != strip_ids(lessons.prepare(load_pack()))


def test_tidy_html_removes_whitespace_between_block_tags_only():
    """ "</p> <p>" and "<ul> <li>" lose their space; spaces inside a paragraph and plain text are kept."""
    from contentpack.common import tidy_html

    folded = {"body": '<p>One a.</p> <p>Two <b>b</b> c.</p>\n<ul> <li>x</li> <li><a href="/">y</a> z</li> </ul>'}
    assert tidy_html(folded) == {
        "body": '<p>One a.</p><p>Two <b>b</b> c.</p><ul><li>x</li><li><a href="/">y</a> z</li></ul>'
    }
    assert tidy_html(["a > b < c", 3]) == ["a > b < c", 3]


def test_imported_rich_text_has_no_space_between_paragraphs(db):
    """The pack's folded paragraphs are stored as Draftail saves them ("</p><p>"), so a reviewer's diff shows no
    change at every paragraph boundary."""
    stored = [
        str(block.value["body"])
        for lesson in LessonPage.objects.all()
        for block in lesson.steps
        if "body" in getattr(block.value, "keys", lambda: ())()
    ]
    assert any("</p><p>" in body for body in stored)
    assert not any("</p> <p>" in body or "</p>\n<p>" in body for body in stored)
