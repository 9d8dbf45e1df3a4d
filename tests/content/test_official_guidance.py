"""The starter pack maps every lesson to the official guidance of each language (issue 17, point 4)."""

import re

import pytest

from contentpack.reader import LOCALES, load_pack

# The documents each site answers to: China's on the Chinese site, the international ones on the English site.
DOCUMENTS = {
    "zh-hans": {"life-safety-health-2021", "public-safety-2007", "health-education-2008", "morality-law-2022"},
    "en": {"itgse-2018", "efcw-2020"},
}


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def _references(pack, lesson, locale):
    outcomes = {outcome["key"]: outcome for outcome in pack.outcomes}
    return [
        reference
        for key in lesson.get("outcomes") or []
        for reference in (outcomes[key].get("guidance") or {}).get(locale) or []
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_lesson_meets_official_guidance_in_each_language(pack, locale):
    """Every lesson has at least one official-guidance reference per language, through its outcomes."""
    missing = [lesson["key"] for lesson in pack.lessons if not _references(pack, lesson, locale)]
    assert not missing, missing


@pytest.mark.parametrize("locale", LOCALES)
def test_every_outcome_names_its_own_sites_documents(pack, locale):
    """Each outcome has a reference per language, and each language cites only the documents of its site."""
    for outcome in pack.outcomes:
        references = (outcome.get("guidance") or {}).get(locale) or []
        assert references, (outcome["key"], locale)
        assert {r["document"] for r in references} <= DOCUMENTS[locale], outcome["key"]


def test_chinese_lessons_of_every_band_meet_the_2021_guide_on_abuse_prevention(pack):
    """Each band has lessons meeting the 2021 guide's core point on preventing sexual abuse, at the band's stage."""
    stages = {"little-steps": "小学", "growing-up-online": "小学", "taking-charge": "初中"}
    for outcome in pack.outcomes:
        for reference in outcome["guidance"]["zh-hans"]:
            if reference["document"] == "life-safety-health-2021":
                assert reference["stage"] == stages[outcome["band"]], outcome["key"]
    for band in stages:
        assert any(
            r["section"] == "d2-abuse-prevention"
            for outcome in pack.outcomes
            if outcome["band"] == band
            for r in outcome["guidance"]["zh-hans"]
        ), band


def test_notes_are_short_and_quote_nothing_at_length(pack):
    """Notes and section summaries are our own short words, with no long passage in quotation marks."""
    texts = [r["note"] for o in pack.outcomes for refs in o["guidance"].values() for r in refs]
    texts += [s.get("summary", "") for docs in pack.guidance.values() for d in docs for s in d["sections"]]
    assert all(len(text) <= 120 for text in texts), max(texts, key=len)
    quoted = [q for text in texts for q in re.findall(r"[“\"]([^”\"]*)[”\"]", text)]
    assert all(len(q) <= 12 for q in quoted), quoted
