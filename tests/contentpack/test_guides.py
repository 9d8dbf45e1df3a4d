import shutil

import pytest

from contentpack.importer import import_pack
from contentpack.reader import PackError, load_pack
from parents.models import ParentGuidePage
from tests.factories import edit_yaml

GUIDE = "guides/ls-1-talking-about-safety.yaml"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda g: g.update(band="no-such-band"), "unknown band"),
        (lambda g: g.update(topics=["no-such-strand"]), "unknown strand"),
        (lambda g: g.pop("en"), "has no en text"),
        (lambda g: g["zh-hans"].pop("summary"), "is missing summary"),
        (lambda g: g["en"]["body"].append({"type": "video"}), "needs type text or tip"),
        (lambda g: g["en"]["warning_signs"].append({"detail": "no sign"}), "is missing sign"),
    ],
)
def test_bad_guide_is_refused_with_a_clear_message(pack_copy, change, problem):
    """A guide with a mistake stops the load with a message naming the file, the guide and the problem."""
    edit_yaml(pack_copy / GUIDE, change)
    with pytest.raises(PackError, match=problem) as error:
        load_pack(pack_copy)
    assert "ls-1-talking-about-safety" in str(error.value)


def test_duplicate_guide_key_is_refused(pack_copy):
    """Two guide files with the same key are refused."""
    shutil.copy(pack_copy / GUIDE, pack_copy / "guides/zz-copy.yaml")
    with pytest.raises(PackError, match="another guide already has"):
        load_pack(pack_copy)


def test_guides_need_the_parents_section_of_site_yaml(pack_copy):
    """A pack with guides but no parents' section in site.yaml is refused."""
    edit_yaml(pack_copy / "site.yaml", lambda site: site.pop("parents"))
    with pytest.raises(PackError, match="parents"):
        load_pack(pack_copy)


def test_invalid_block_value_writes_nothing(pack_copy, db):
    """A guide whose text breaks a block's rules is refused before anything is written."""
    edit_yaml(
        pack_copy / GUIDE, lambda g: g["en"]["settings_tools"].append({"title": "x" * 500, "detail": "Too long."})
    )
    ParentGuidePage.objects.filter(slug="ls-1-talking-about-safety").first().delete()
    before = ParentGuidePage.objects.count()
    with pytest.raises(PackError, match="settings_tools"):
        import_pack(load_pack(pack_copy))
    assert ParentGuidePage.objects.count() == before


def test_edited_guide_is_restored_by_a_new_import(db):
    """Re-importing the pack restores a guide an editor changed, as a new revision, and touches nothing else."""
    guide = ParentGuidePage.objects.get(locale__language_code="en", slug="ls-1-talking-about-safety")
    original = guide.summary
    guide.summary = "Changed"
    guide.save_revision().publish()
    counts = import_pack(load_pack())
    guide.refresh_from_db()
    assert guide.summary == original
    assert counts["updated"] == 1
    assert counts["created"] == 0
