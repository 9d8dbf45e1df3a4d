"""Passwords a young child can use: two pictures out of nine (grades 1–3) or two words (grades 4–9).

The class code only finds the class, and these passwords are a small space, so sign-in is rate
limited per pupil and per class (see services.py). Words are accepted in either language.
"""

import secrets

from django.utils.translation import gettext_lazy as _

from core.grades import is_early_reader

PICTURES = {
    "sun": _("sun"),
    "tree": _("tree"),
    "cat": _("cat"),
    "fish": _("fish"),
    "star": _("star"),
    "boat": _("boat"),
    "apple": _("apple"),
    "house": _("house"),
    "flower": _("flower"),
}

# (English, Simplified Chinese): the same index in both languages, so a card printed in one
# language still works when the pupil types the other.
WORDS = [
    ("apple", "苹果"), ("banana", "香蕉"), ("tiger", "老虎"), ("panda", "熊猫"), ("rabbit", "兔子"),
    ("monkey", "猴子"), ("dolphin", "海豚"), ("eagle", "老鹰"), ("river", "河流"), ("mountain", "高山"),
    ("cloud", "白云"), ("rainbow", "彩虹"), ("garden", "花园"), ("forest", "森林"), ("island", "海岛"),
    ("bridge", "小桥"), ("rocket", "火箭"), ("bicycle", "自行车"), ("train", "火车"), ("kite", "风筝"),
    ("guitar", "吉他"), ("piano", "钢琴"), ("pencil", "铅笔"), ("lantern", "灯笼"), ("dumpling", "饺子"),
    ("noodle", "面条"), ("orange", "橙子"), ("grape", "葡萄"), ("watermelon", "西瓜"), ("tomato", "番茄"),
    ("potato", "土豆"), ("football", "足球"), ("basketball", "篮球"), ("snowman", "雪人"), ("dinosaur", "恐龙"),
    ("robot", "机器人"), ("planet", "星球"), ("comet", "彗星"), ("ocean", "大海"), ("sunflower", "向日葵"),
    ("bamboo", "竹子"), ("butterfly", "蝴蝶"), ("turtle", "乌龟"), ("penguin", "企鹅"), ("giraffe", "长颈鹿"),
    ("elephant", "大象"), ("lion", "狮子"), ("whale", "鲸鱼"),
]  # fmt: skip


def uses_pictures(grade):
    """Early readers (core/grades.py) get picture passwords; everyone else two words."""
    return is_early_reader(grade)


def new_secret(grade, *, rng=None):
    """A fresh password for a pupil of this grade, stored as "p:cat-sun" or "w:3-17"."""
    rng = rng or secrets.SystemRandom()
    if uses_pictures(grade):
        first, second = rng.sample(list(PICTURES), 2)
        return "p:" + "-".join(sorted((first, second), key=list(PICTURES).index))
    first, second = rng.sample(range(len(WORDS)), 2)
    return f"w:{first}-{second}"


def picture_keys(secret):
    return secret[2:].split("-") if secret.startswith("p:") else []


def word_pair(secret, language):
    """The two words of a word password in the given language."""
    if not secret.startswith("w:"):
        return []
    column = 1 if language.startswith("zh") else 0
    return [WORDS[int(index)][column] for index in secret[2:].split("-")]


def _normalise(word):
    return "".join(str(word).split()).casefold()


def answer_for(*, pictures=(), words=()):
    """The stored form of what a pupil entered; compared with the secret in constant time."""
    if pictures:
        chosen = sorted({key for key in pictures if key in PICTURES}, key=list(PICTURES).index)
        return "p:" + "-".join(chosen)
    indexes = []
    for word in words:
        word = _normalise(word)
        index = next((i for i, pair in enumerate(WORDS) if word in (pair[0], pair[1])), None)
        if index is None:
            return "w:?"
        indexes.append(str(index))
    return "w:" + "-".join(indexes)


def matches(secret, answer):
    return secrets.compare_digest(secret.encode(), answer.encode())
