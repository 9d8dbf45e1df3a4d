"""One order for people's names everywhere: Chinese names by their pinyin, the way a class list is read out.

`sort_key` turns a name into a key for `sorted`: each Han character becomes its pinyin syllable (tone
number appended, so 李 lǐ comes before 力 lì), other text is compared case-insensitively, and the
original name breaks any tie so the order is total and stable."""

from functools import lru_cache


@lru_cache(maxsize=4096)
def sort_key(name):
    """A key that orders Chinese names by pinyin (then tone) and other names alphabetically."""
    # pypinyin loads its dictionaries on import (a quarter of a second): only processes that sort names pay it.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.TONE3, errors=lambda text: list(text), neutral_tone_with_five=True)
    return (tuple(syllable.casefold() for syllable in syllables), name)


def sorted_by_name(items, name=lambda item: item.display_name):
    """The items (pupils by default) in name order."""
    return sorted(items, key=lambda item: sort_key(name(item)))
