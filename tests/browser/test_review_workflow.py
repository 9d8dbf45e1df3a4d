"""The safeguarding review in the real admin: an editor changes a step, previews and submits it; a reviewer
compares and approves it; only then does a visitor's step show the change."""

import re

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


# Wagtail 8's admin scripts announce what they do as DOM events; the test waits on those, never on time.
# - The preview panel (`w-preview`, PreviewController) refreshes only when the edit form's unsaved-changes
#   controller (`w-unsaved`) dispatches `w-unsaved:add`: it POSTs the form to the preview URL (debounced by
#   WAGTAIL_AUTO_UPDATE_PREVIEW_INTERVAL), loads the preview into a second iframe and swaps it in
#   (`w-preview:loaded`).
# - `w-unsaved` compares the form with a baseline it takes 2 s (its `initialDelayValue`) after it connects, and
#   the edit form connects twice (`w-init` rewrites its data-controller). Text typed before the last baseline
#   becomes part of it: no change is ever seen, and the panel keeps the old rendering. That was the flaky
#   failure; the test now types only once no baseline is pending.
# - Autosave (WAGTAIL_AUTOSAVE_INTERVAL) saves the edit as a revision and updates the form's loaded revision;
#   the test lets it finish (`w-autosave:success`) before submitting, so the two POSTs do not race.
# Playwright's wait_for_function evaluates its predicate with eval(), which the admin's CSP forbids; `until`
# resolves when a counter passes a value (or rejects after 30 s), and `page.evaluate` awaits it.
EDITOR_EVENTS = """
const state = {counts: {baselinesPending: 0, previewsLoaded: 0, autosaved: 0}, waiters: []};
const count = (name, change) => {
  state.counts[name] = Math.max(0, state.counts[name] + change);
  state.waiters = state.waiters.filter((waiter) => !waiter());
};
document.addEventListener("w-unsaved:ready", (event) => {
  const unsaved = window.wagtail.app.getControllerForElementAndIdentifier(event.target, "w-unsaved");
  if (!unsaved.initialFormData) count("baselinesPending", 1);  // connect() scheduled a baseline
});
document.addEventListener("w-unsaved:watch-edits", () => count("baselinesPending", -1));
document.addEventListener("w-preview:loaded", () => count("previewsLoaded", 1));
document.addEventListener("w-autosave:success", () => count("autosaved", 1));
window.__wagtail = {
  counts: state.counts,
  until: (name, test, value) => new Promise((resolve, reject) => {
    const waiter = () => {
      const now = state.counts[name];
      if (test === "equals" ? now !== value : now <= value) return false;
      clearTimeout(timer);
      resolve(now);
      return true;
    };
    const timer = setTimeout(() => {
      state.waiters = state.waiters.filter((other) => other !== waiter);
      reject(new Error(`${name} is ${state.counts[name]}, waited for ${test} ${value}`));
    }, 30000);
    if (!waiter()) state.waiters.push(waiter);
  }),
};
"""


def _count(tab, name):
    return tab.evaluate("(name) => window.__wagtail.counts[name]", name)


def _until(tab, name, test, value):
    """Wait until the page's counter `name` equals / is above `value` (see EDITOR_EVENTS)."""
    return tab.evaluate("([name, test, value]) => window.__wagtail.until(name, test, value)", [name, test, value])


def _wait_for_preview_refresh(tab, action):
    """Run `action`, then wait for the preview POST it causes (a valid form) and the panel's iframe swap."""
    loaded = _count(tab, "previewsLoaded")
    with tab.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/edit/preview/")) as posted:
        action()
    assert posted.value.json()["is_valid"]
    _until(tab, "previewsLoaded", "above", loaded)


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
    tab.add_init_script(EDITOR_EVENTS)
    tab.goto(f"{site.url}/admin/pages/{lesson.pk}/edit/")
    # The preview panel shows the lesson; its "Step 1" mode shows step 1, and then the unsaved edit.
    _wait_for_preview_refresh(tab, tab.locator('[data-side-panel-toggle="preview"]').click)
    frame = tab.frame_locator("#w-preview-iframe")
    frame.locator("h1").filter(has_text=lesson.title).wait_for()
    _wait_for_preview_refresh(tab, lambda: tab.locator('select[name="preview_mode"]').select_option("step-1"))
    frame.locator("h1, h2").filter(has_text=old_heading).first.wait_for()
    _until(tab, "baselinesPending", "equals", 0)
    autosaved = _count(tab, "autosaved")
    _wait_for_preview_refresh(tab, lambda: tab.locator('input[name="steps-0-value-heading"]').fill(NEW_HEADING))
    frame.locator("h1, h2").filter(has_text=NEW_HEADING).first.wait_for()
    _until(tab, "autosaved", "above", autosaved)

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
