"""Flesch–Kincaid grade level for English, and sentence length for Chinese, of pupil-facing text."""

import re

from django.utils.html import strip_tags

VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def syllables(word):
    word = word.lower().strip("'")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(VOWEL_GROUPS.findall(word)))


def sentences_of(texts):
    """Sentences of a list of text fields: each field ends a sentence, and so does . ! ? inside it."""
    sentences = []
    for text in texts:
        plain = strip_tags(text.replace("</p>", ". ").replace("</li>", ". "))
        sentences += [s for s in re.split(r"[.!?…]+[\"'”’)]*\s+|[.!?…]+$|\n", plain) if re.search(r"[A-Za-z]", s)]
    return sentences


def flesch_kincaid_grade(texts):
    sentences = sentences_of(texts)
    words = [w for s in sentences for w in re.findall(r"[A-Za-z][A-Za-z']*", s)]
    if not words:
        return 0.0
    total_syllables = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * total_syllables / len(words) - 15.59


def chinese_sentence_length(texts):
    """Average number of Chinese characters per sentence (split at 。！？；and line ends)."""
    plain = "".join(strip_tags(t.replace("</p>", "。").replace("</li>", "。")) + "。" for t in texts)
    sentences = [s for s in re.split(r"[。！？；!?\n]+", plain) if re.search(r"[\u4e00-\u9fff]", s)]
    counts = [len(re.findall(r"[\u4e00-\u9fff]", s)) for s in sentences]
    return sum(counts) / len(counts) if counts else 0.0


def pupil_texts(text):
    """The pupil-facing fields of one language of a lesson in the pack: title, summary, steps and quiz."""
    fields = [text["title"], text["summary"]]
    for step in text["steps"]:
        fields += [v for k, v in step.items() if k not in ("type", "options") and isinstance(v, str)]
        for option in step.get("options") or []:
            fields += [option["text"], option["feedback"]]
    for question in (text.get("quiz") or {}).get("questions") or []:
        fields += [question["text"], question.get("scenario") or ""]
        for choice in question["choices"]:
            fields += [choice["text"], choice.get("feedback") or ""]
    return [f for f in fields if f]
