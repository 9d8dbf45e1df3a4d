import pytest
from wagtail.models import Locale

from contentpack.reader import load_pack
from curriculum.models import AgeBand
from lessons.models import LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage

LANGUAGES = ("zh-hans", "en")
pytestmark = pytest.mark.django_db

GUIDE_KINDS = ("talking-about-safety", "signs-of-grooming", "if-asked-for-an-image", "setting-up-devices", "reporting")


def test_each_band_has_the_five_guides_in_both_languages(db):
    """Every age band has the five starter guides, live, in Chinese and in English."""
    guides = load_pack().guides
    for language in LANGUAGES:
        for band in AgeBand.objects.filter(locale__language_code=language):
            translation_keys = set(
                ParentGuidePage.objects.live().filter(age_band=band).values_list("translation_key", flat=True)
            )
            keys = {guide["key"] for guide in guides if guide["band"] == band.slug}
            assert len(translation_keys) == len(keys) >= 5, (language, band.slug)
            for kind in GUIDE_KINDS:
                assert any(kind in key for key in keys), (band.slug, kind)


def test_image_guides_say_what_to_do(db):
    """The image guides say not to blame, to keep evidence without sharing the image, and (for teens) not to pay."""
    pack = load_pack()
    for guide in pack.guides:
        if "if-asked-for-an-image" not in guide["key"]:
            continue
        english = ParentGuidePage.objects.get(locale__language_code="en", slug=guide["en"].get("slug") or guide["key"])
        chinese = english.get_translation(Locale.objects.get(language_code="zh-hans"))
        text_en, text_zh = english.plain_text().lower(), chinese.plain_text()
        assert "fault" in text_en and "delete" in text_en and "forward" in text_en
        assert "错" in text_zh and "删除" in text_zh and "转发" in text_zh
        if guide["band"] == "taking-charge":
            assert "sextortion" in text_en and "pay" in text_en
            assert "性勒索" in text_zh and "付钱" in text_zh


@pytest.mark.parametrize("language", LANGUAGES)
def test_index_groups_guides_by_band_and_topic(client, language):
    """The parents' index lists every guide under its band and again under its topics, with the intro."""
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    response = client.get(index.url)
    html = response.content.decode()
    assert response.status_code == 200
    guides = ParentGuidePage.objects.child_of(index).live()
    assert guides.count() >= 15
    for guide in guides:
        assert html.count(f'href="{guide.url}"') >= 2, guide.title
    assert html.count('class="guide-band"') == 3
    assert 'id="by-topic"' in html
    assert index.intro[3:40] in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_parents_section_is_in_the_main_navigation(client, language):
    """The main navigation of every page links to the parents' section of the same language."""
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    html = client.get(f"/{language}/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    assert f'href="{index.url}"' in nav[: nav.index("</nav>")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_parents_page_shows_the_help_contacts(client, language):
    """The index and every guide show the help contacts of their language."""
    from core.models import HelpContacts

    contacts = HelpContacts.objects.get(locale__language_code=language)
    names = [block.value["name"] for block in contacts.contacts]
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    for page in [index, *ParentGuidePage.objects.child_of(index).live()]:
        html = client.get(page.url).content.decode()
        panel = html[html.index('id="get-help"') :]
        assert all(name in panel for name in names), page.url


def test_guide_shows_every_section(client):
    """A guide page shows its starters, warning signs, steps, settings and where to report."""
    guide = ParentGuidePage.objects.filter(locale__language_code="en").first()
    html = client.get(guide.url).content.decode()
    for block in guide.conversation_starters:
        assert block.value["question"].replace("“", "").split()[0] in html
    for section in ("starters-title", "signs-title", "tells-title", "settings-title", "report-title"):
        assert f'id="{section}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_parents_pages_are_public_and_cacheable(client, language):
    """Anonymous visitors get a publicly cacheable page with no cookie; no script is needed to read it."""
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    guide = ParentGuidePage.objects.child_of(index).live().first()
    for url in (index.url, guide.url):
        response = client.get(url)
        assert response.status_code == 200
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        assert not response.cookies
        assert "<script>" not in response.content.decode()


def test_signed_in_users_get_a_private_copy(client, teacher):
    """A signed-in user's copy is never stored by shared caches."""
    client.force_login(teacher)
    guide = ParentGuidePage.objects.live().first()
    response = client.get(guide.url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_every_lesson_links_to_a_guide_in_its_own_language(client):
    """Each lesson's overview links to a live guide of the lesson's language and band."""
    lessons = LessonPage.objects.live().select_related("locale")
    assert lessons.count() >= 36
    for lesson in lessons:
        guide = lesson.parent_guide
        assert guide is not None, lesson.title
        assert guide.locale_id == lesson.locale_id
        assert guide.live
        assert guide.specific.age_band.first_grade <= lesson.grade <= guide.specific.age_band.last_grade
        html = client.get(lesson.url).content.decode()
        assert f'class="parent-guide-link" href="{guide.url}"' in html, lesson.url


def test_lesson_guide_shares_a_strand_when_one_does(db):
    """The chosen guide shares a strand with the lesson whenever any guide of that band does."""
    for lesson in LessonPage.objects.live().prefetch_related("strands"):
        strands = {s.pk for s in lesson.strands.all()}
        band_guides = ParentGuidePage.objects.live().filter(
            locale_id=lesson.locale_id, age_band__first_grade__lte=lesson.grade, age_band__last_grade__gte=lesson.grade
        )
        if band_guides.filter(topics__in=strands).exists():
            assert strands & {t.pk for t in lesson.parent_guide.topics.all()}, lesson.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_take_home_letter_is_in_the_lessons_language(client, language):
    """The printable take-home note shows the lesson's letter, key messages, guide link and help in its language."""
    lesson = LessonPage.objects.live().filter(locale__language_code=language).first()
    response = client.get(lesson.url + "take-home/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert 'class="letter-sheet"' in html
    assert f"http://testserver{lesson.parent_guide.url}" in html  # the public address (core/addresses.py)
    assert lesson.key_messages()[0] in html
    assert "SECRET-TEACHER-NOTE" not in html
