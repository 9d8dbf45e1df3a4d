import re


def _switcher_links(html):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'href="([^"]+)" hreflang="([^"]+)"', nav))


def test_switcher_keeps_you_on_the_same_lesson(client, lesson_en, lesson_zh):
    """On an English lesson, the switcher links to the Chinese translation of that lesson."""
    links = _switcher_links(client.get(lesson_en.url).content.decode())
    assert links == {lesson_zh.url: "zh-hans"}


def test_switcher_keeps_you_on_the_same_step(client, lesson_en, lesson_zh):
    """On step 2 in Chinese, the switcher links to step 2 of the English lesson."""
    links = _switcher_links(client.get(lesson_zh.url + "step/2/").content.decode())
    assert links == {lesson_en.url + "step/2/": "en"}


def test_switcher_on_a_page_without_translation_goes_to_that_languages_home(client, lesson_en, lesson_zh):
    """If the other language has no live translation, the link goes to that language's home page."""
    lesson_zh.unpublish()
    links = _switcher_links(client.get(lesson_en.url).content.decode())
    assert links == {"/zh-hans/": "zh-hans"}


def test_switcher_on_404_page_translates_the_address(client, db):
    """Even the 404 page offers the other language."""
    links = _switcher_links(client.get("/en/nothing-here/").content.decode())
    assert links == {"/zh-hans/nothing-here/": "zh-hans"}
