"""The safeguarding review in the real admin: an editor changes a step, previews and submits it; a reviewer
compares and approves it; only then does a visitor's step show the change."""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.groups import EDITORS, REVIEWERS
from tests.factories import UserFactory

NEW_HEADING = "Stop, leave and tell a trusted adult"


def _signed_in_context(browser, site, user):
    """A browser context holding an admin session of `user` (made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    host = re.sub(r"^https?://", "", site.url).split(":")[0]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
    return context


@pytest.mark.xfail(
    reason="Known regression after the wave-2 merges: the live preview panel keeps the last rendering after an "
    "edit (the preview POST answers is_valid, the panel's refresh does not show it); preview modes, preview in a "
    "new tab, submit and approve are covered by tests/lessons/test_preview.py and tests/core/test_review_workflow.py",
    strict=False,
)
def test_editor_submits_reviewer_approves_visitor_sees_it(site, browser, page, lesson_en, assert_accessible):
    """Edit step 1 → preview shows it (axe clean) → submit; the live step is unchanged until the reviewer
    approves; then the visitor's step shows the new heading."""
    lesson = lesson_en
    old_heading = lesson.steps[0].value["heading"]
    step_url = f"{site.url}{lesson.url}step/1/"
    editor = UserFactory(groups=[EDITORS], email="cms@example.com")
    reviewer = UserFactory(groups=[REVIEWERS], email="reviewer@example.com")

    editing = _signed_in_context(browser, site, editor)
    tab = editing.new_page()
    tab.goto(f"{site.url}/admin/pages/{lesson.pk}/edit/")
    # The preview panel shows the lesson; its "Step 1" mode shows step 1, and then the unsaved edit.
    tab.locator('[data-side-panel-toggle="preview"]').click()
    frame = tab.frame_locator("#w-preview-iframe")
    frame.locator("h1").filter(has_text=lesson.title).wait_for()
    tab.locator('select[name="preview_mode"]').select_option("step-1")
    frame.locator("h1, h2").filter(has_text=old_heading).first.wait_for()
    tab.locator('input[name="steps-0-value-heading"]').fill(NEW_HEADING)
    frame.locator("h1, h2").filter(has_text=NEW_HEADING).first.wait_for()

    # The same preview in a tab of its own passes axe-core.
    preview = editing.new_page()
    preview.goto(f"{site.url}/admin/pages/{lesson.pk}/edit/preview/?mode=step-1")
    assert NEW_HEADING in preview.content()
    assert_accessible(preview)
    preview.close()

    tab.locator(".w-dropdown-button .w-dropdown__toggle").last.click()  # the action menu's "more actions"
    with tab.expect_navigation():
        tab.locator('button[name="action-submit"]').click()
    editing.close()

    page.goto(step_url)
    assert NEW_HEADING not in page.content() and old_heading in page.content()

    reviewing = _signed_in_context(browser, site, reviewer)
    tab = reviewing.new_page()
    lesson.refresh_from_db()
    tab.goto(f"{site.url}/admin/pages/{lesson.pk}/revisions/compare/live...{lesson.latest_revision_id}/")
    assert NEW_HEADING in tab.content() and old_heading in tab.content()
    tab.goto(f"{site.url}/admin/pages/{lesson.pk}/edit/")
    tab.locator(".w-dropdown-button .w-dropdown__toggle").last.click()
    with tab.expect_navigation():
        tab.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    reviewing.close()

    visitor = browser.new_context()  # the first visitor's browser may keep its copy for max-age (core/caching.py)
    pupil = visitor.new_page()
    pupil.goto(step_url)
    assert NEW_HEADING in pupil.content()
    visitor.close()
