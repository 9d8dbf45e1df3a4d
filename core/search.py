"""Word segmentation for the site search, so that Chinese text and queries need no spaces between words.

Wagtail's database search backends (SQLite FTS5, PostgreSQL full-text) split text into words at spaces and
punctuation. Chinese is written without spaces, so pages index an extra field holding their text cut into
words by jieba (search mode, which also emits the shorter words inside long ones), and queries are cut the
same way. English text passes through with its words unchanged.
"""

import logging
import os
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import jieba
from django.utils.html import strip_tags

jieba.setLogLevel(logging.WARNING)


def cache_dir():
    """Where jieba keeps its dictionary cache: our own directory, never the shared /tmp.

    jieba loads that file with `marshal`, so a file someone else planted in /tmp would be trusted.
    JIEBA_CACHE_DIR, else $XDG_CACHE_HOME/safesteps, else ~/.cache/safesteps; made private to this user."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    path = Path(os.environ.get("JIEBA_CACHE_DIR") or Path(base) / "safesteps")
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


jieba.dt.tmp_dir = str(cache_dir())

_HAS_WORD = re.compile(r"\w")


def segment(text):
    """The text as space-separated words: Chinese cut by jieba, other words unchanged, punctuation dropped."""
    plain = strip_tags(text or "")
    return " ".join(word for word in jieba.cut_for_search(plain) if _HAS_WORD.search(word))


@lru_cache(maxsize=256)
def index_words(text):
    """`segment` for a page's own text, remembered: saving and publishing a page indexes it three times,
    each asking for its words more than once (most of a pack import's time). Never for visitors' queries."""
    return segment(text)


def stream_text(stream):
    """Every piece of text in a StreamField value (struct values, lists, rich text), in order."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "source"):  # rich text
            parts.append(value.source)
        elif isinstance(value, Mapping):  # struct values
            for item in value.values():
                walk(item)
        elif isinstance(value, Iterable):  # list values
            for item in value:
                walk(item)

    for block in stream or []:
        walk(block.value)
    return " ".join(parts)
