"""Editors are not superusers: content permissions only; teachers never sign in to the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry, Page

from accounts.groups import EDITORS, REVIEWERS
from classrooms.services.audit import audit
from tests.factories import SchoolFactory, UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def cms_editor(db):
    """A member of the Editors group, not a superuser."""
    return UserFactory(groups=[EDITORS], email="cms@example.com")


def test_admin_groups_exist_after_migrate(db):
    """Migrating creates Editors and Safeguarding reviewers, both able to open the admin."""
    for name in [EDITORS, REVIEWERS]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


def test_editor_opens_the_admin_and_edits_pages(client, cms_editor):
    """An editor signs in at /admin/login/ and may edit pages."""
    client.post("/admin/login/", {"username": cms_editor.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    assert Page.objects.filter(depth=2).first().permissions_for_user(cms_editor).can_edit()
    assert not cms_editor.is_superuser


@pytest.mark.parametrize("url", ["/admin/users/", "/admin/groups/"])
def test_editor_cannot_manage_users_or_groups(client, cms_editor, url):
    """Users and groups (so teachers' passwords) are the operator's: an editor is turned away."""
    client.force_login(cms_editor)
    assert client.get(url).status_code in {302, 403}


def test_editor_cannot_read_the_classroom_access_record(client, cms_editor):
    """Wagtail's site history shows an editor no classroom entries."""
    school = SchoolFactory(name="Hilltop")
    audit(action="sign_in", school=school, instance=school)
    assert ModelLogEntry.objects.filter(action="classrooms.sign_in").exists()
    client.force_login(cms_editor)
    response = client.get(reverse("wagtailadmin_reports:site_history_results"))
    assert response.status_code == 200 and "Hilltop" not in response.content.decode()
    client.force_login(UserFactory(is_superuser=True))  # the operator does see it: the filter is what hides it
    assert "Hilltop" in client.get(reverse("wagtailadmin_reports:site_history_results")).content.decode()


def test_teacher_gets_no_session_from_the_admin_sign_in(client, db):
    """A teacher's right password at /admin/login/ is refused like a wrong one: no session at all."""
    teacher = UserFactory(groups=["Teachers"], email="t@example.com")
    response = client.post("/admin/login/", {"username": teacher.email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get(reverse("classrooms:dashboard")).status_code == 302
