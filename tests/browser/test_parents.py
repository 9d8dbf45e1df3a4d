import re

import pytest

from lessons.models import LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage


def _pdf_pages(pdf):
    """Pages in a PDF: each page object is "/Type /Page" (the page tree is "/Type /Pages")."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_parents_index_and_a_guide_on_a_phone(site, phone, assert_accessible, language):
    """The parents' index and a guide work at 375 px: nothing wider than the screen, header links 44 px high,
    zero axe violations."""
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    phone.goto(f"{site.url}{index.url}")
    assert phone.locator("h1").inner_text() == index.title
    assert phone.locator(".guide-band").count() == 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)
    heights = phone.eval_on_selector_all(
        ".site-header nav a, .get-help-button",
        "els => els.map(e => [e.textContent.trim(), e.getBoundingClientRect().height])",
    )
    assert len(heights) >= 6 and all(height >= 44 for _text, height in heights), heights  # touch targets

    guides = ParentGuidePage.objects.child_of(index).live()
    guide = guides.get(slug__contains="if-asked-for-an-image", age_band__first_grade=7)
    phone.locator(f'.guide-band a[href="{guide.url}"]').click()
    phone.wait_for_load_state()
    assert phone.locator("h1").inner_text() == guide.title
    assert phone.locator("#get-help .help-contacts li").count() >= 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(phone)


def test_parents_pages_need_no_javascript(site, browser):
    """With JavaScript off, the index, a guide and the search all work."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    tab = context.new_page()
    index = ParentsIndexPage.objects.get(locale__language_code="zh-hans")
    tab.goto(f"{site.url}{index.url}")
    tab.locator("#search-q").fill("秘密")
    tab.locator(".search-form button[type=submit]").click()
    tab.wait_for_load_state()
    assert tab.locator(".search-results li").count() >= 1
    tab.locator(".search-results a").first.click()
    tab.wait_for_load_state()
    assert tab.locator("h1").count() == 1
    context.close()


def test_search_page_is_accessible(site, phone, assert_accessible):
    """Search results and the empty state pass axe-core on a phone."""
    phone.goto(f"{site.url}/en/search/?q=secret")
    assert phone.locator(".search-results li").count() >= 1
    assert_accessible(phone)
    phone.goto(f"{site.url}/en/search/?q=zzzzqqq")
    assert phone.locator(".empty-state").is_visible()
    assert_accessible(phone)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_take_home_note_prints_on_one_a4_page(site, page, assert_accessible, language):
    """The longest take-home note of each language prints as a single A4 page, and its screen view passes axe."""
    lessons = LessonPage.objects.live().filter(locale__language_code=language)
    lesson = max(lessons, key=lambda item: len(item.take_home_note))
    page.goto(f"{site.url}{lesson.url}take-home/")
    assert page.locator(".letter-sheet h1").inner_text() == lesson.title
    assert_accessible(page)
    pdf = page.pdf(format="A4")
    assert _pdf_pages(pdf) == 1
