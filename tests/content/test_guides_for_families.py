"""Parent guides for Chinese families and finding guides by age (issue 17, items 2 and 3)."""

from functools import cache
from pathlib import Path

import pytest
import yaml

from core.grades import age_range, grades_for_age
from home.search import age_in_query
from lessons.models import AgeBandPage
from parents.models import ParentGuidePage, ParentsIndexPage

pytestmark = pytest.mark.content

GUIDES = Path(__file__).resolve().parents[2] / "content" / "starter" / "guides"
GRANDPARENTS_TALKING = "ls-6-grandparents-talking-about-safety"
GRANDPARENTS_REPORTING = "ls-7-grandparents-reporting-and-support"
SETTINGS = "ls-8-phone-and-app-settings"
NATIONAL_NUMBERS = {"110", "12355", "12345", "12356", "12377"}


@cache
def _guide(key):
    with (GUIDES / f"{key}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _body_text(guide, locale):
    return " ".join(f"{item.get('heading', '')} {item.get('body', '')}" for item in guide[locale]["body"])


def _all_keys():
    return sorted(path.stem for path in GUIDES.glob("*.yaml"))


@pytest.mark.parametrize(
    ("key", "zh_word", "en_word"),
    [(GRANDPARENTS_TALKING, "爷爷奶奶", "grandparents"), (GRANDPARENTS_REPORTING, "爷爷奶奶", "grandparents")],
)
def test_grandparents_guides_exist_in_both_languages(key, zh_word, en_word):
    """The plain versions of "talking about safety" and "reporting and support" for grandparents exist in zh and en."""
    guide = _guide(key)
    assert zh_word in guide["zh-hans"]["title"]
    assert en_word in guide["en"]["title"].lower()
    assert len(guide["zh-hans"]["body"]) == len(guide["en"]["body"])


def test_settings_guide_shows_its_checked_on_date():
    """The phone and app settings guide says in its text, in both languages, when its settings were checked."""
    guide = _guide(SETTINGS)
    assert "核对日期：2026年12月" in _body_text(guide, "zh-hans")
    assert "Checked on: December 2026" in _body_text(guide, "en")
    titles = [item["title"] for item in guide["zh-hans"]["settings_tools"]]
    for brand in ("华为", "小米", "苹果", "微信", "QQ", "抖音", "快手", "游戏", "儿童手表"):
        assert any(brand in title for title in titles), brand


def test_left_behind_and_boarding_section_exists():
    """The grandparents' guide has a section for left-behind and boarding children: weekly contact, 儿童主任, school."""
    body = _guide(GRANDPARENTS_TALKING)["zh-hans"]["body"]
    section = next(item for item in body if "外地" in item.get("heading", "") and "住校" in item.get("heading", ""))
    assert "每周" in section["body"]
    assert "儿童主任" in section["body"]
    assert "学校" in section["body"]
    english = _guide(GRANDPARENTS_TALKING)["en"]["body"]
    assert any("boards at school" in item.get("heading", "") for item in english)


@pytest.mark.parametrize("key", [GRANDPARENTS_TALKING, SETTINGS])
def test_using_an_adults_phone_is_a_warning_sign_with_the_fix(key):
    """Using a grown-up's phone or account is listed as a warning sign, and the detail says what to do."""
    signs = _guide(key)["zh-hans"]["warning_signs"]
    sign = next(item for item in signs if "大人的手机" in item["sign"])
    assert "自己的账号" in sign["detail"]
    assert "青少年模式" in sign["detail"]


def test_in_person_abuse_section_covers_doctor_evidence_and_police():
    """The grandparents' reporting guide says: see a doctor, do not wash, do not confront, how police ask children."""
    text = _body_text(_guide(GRANDPARENTS_REPORTING), "zh-hans")
    for phrase in ("看医生", "先别洗", "不要去找那个人对质", "女性工作人员", "一次做完"):
        assert phrase in text, phrase
    english = _body_text(_guide(GRANDPARENTS_REPORTING), "en")
    for phrase in ("doctor", "Do not wash yet", "Do not confront the person"):
        assert phrase in english, phrase


@pytest.mark.parametrize("key", _all_keys())
def test_every_guide_lists_the_five_national_numbers_in_chinese(key):
    """Every Chinese guide lists 110, 12355, 12345, 12356 and 12377 where to report."""
    phones = {item.get("phone") for item in _guide(key)["zh-hans"].get("where_to_report") or []}
    assert phones >= NATIONAL_NUMBERS, NATIONAL_NUMBERS - phones


def test_ages_follow_from_grades():
    """A pupil in grade g is g + 5 to g + 6 (school starts at six): grades 1–3 are ages 6–9, and 9 is grade 3 or 4."""
    assert age_range(1, 3) == (6, 9)
    assert age_range(7, 9) == (12, 15)
    assert grades_for_age(9) == [3, 4]
    assert grades_for_age(6) == [1]
    assert grades_for_age(4) == []


@pytest.mark.parametrize(
    ("query", "age"),
    [
        ("9岁", 9),
        ("9 岁", 9),
        ("九岁", 9),
        ("十二周岁 游戏", 12),
        ("9-year-old", 9),
        ("9 year old", 9),
        ("my 9 year olds", 9),
        ("age 9", 9),
        ("12355", None),
        ("2024年的规定", None),
    ],
)
def test_age_is_recognised_in_a_query(query, age):
    """Ages written the usual ways in Chinese and English are recognised; other numbers are not."""
    assert age_in_query(query)[0] == age


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "label"), [("zh-hans", "6–9 岁 · 1–3 年级"), ("en", "Ages 6–9 · Grades 1–3")])
def test_band_pages_and_parents_pages_show_ages_beside_grades(client, language, label):
    """The band page, the parents' index and a guide of grades 1–3 show "Ages 6–9 · Grades 1–3" in their language."""
    band_page = AgeBandPage.objects.get(locale__language_code=language, band__first_grade=1)
    index = ParentsIndexPage.objects.get(locale__language_code=language)
    guide = ParentGuidePage.objects.get(locale__language_code=language, slug=GRANDPARENTS_TALKING)
    for page in (band_page, index, guide, band_page.get_parent()):
        response = client.get(page.url)
        assert response.status_code == 200
        assert label in response.content.decode(), page.url


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query"), [("zh-hans", "9岁"), ("en", "9-year-old"), ("en", "9 year old")])
def test_age_search_finds_the_guides_of_the_bands_that_fit(client, language, query):
    """A search for a 9-year-old lists the guides of grades 1–3 and 4–6 (a 9-year-old is in grade 3 or 4), not 7–9."""
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"].paginator.object_list
    found = list(results[0 : results.count()])
    grades = {page.age_band.first_grade for page in found}
    assert grades == {1, 4}
    assert all(isinstance(page, ParentGuidePage) and page.locale.language_code == language for page in found)
    assert [band.first_grade for band in response.context["age_bands"]] == [1, 4]
    assert "#band-little-steps" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("gu-1-talking-about-safety", GRANDPARENTS_TALKING),
        ("tc-1-talking-about-safety", GRANDPARENTS_TALKING),
        ("gu-5-reporting-and-support", GRANDPARENTS_REPORTING),
        ("tc-5-reporting-and-support", GRANDPARENTS_REPORTING),
    ],
)
def test_older_bands_guides_lead_grandparents_to_the_plain_versions(client, language, key, target):
    """The grades 4–6 and 7–9 guides link to the grandparents' plain version, and the link opens it."""
    guide = ParentGuidePage.objects.get(locale__language_code=language, slug=key)
    plain = ParentGuidePage.objects.get(locale__language_code=language, slug=target)
    assert f'href="{plain.url}"' in client.get(guide.url).content.decode()
    assert client.get(plain.url).status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_grandparents_guides_are_in_large_print_and_others_are_not(client, db, language):
    """The two grandparents' guides render in large print in both languages; an ordinary guide does not."""
    large = set()
    for guide in ParentGuidePage.objects.live().filter(locale__language_code=language):
        if 'class="guide guide--large"' in client.get(guide.url).content.decode():
            large.add(guide.slug)
    assert large == {GRANDPARENTS_TALKING, GRANDPARENTS_REPORTING}
