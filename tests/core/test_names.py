from core.dates import short_date
from core.names import sort_key

# 45 names of a real-size class, in the order a Chinese teacher reads the list out (pinyin, then tone).
CLASS_OF_45 = [
    "安然",
    "白雪",
    "蔡明",
    "曹阳",
    "陈晨",
    "陈静",
    "程浩",
    "邓丽",
    "丁一",
    "杜鹃",
    "范冰",
    "方圆",
    "冯磊",
    "高山",
    "郭靖",
    "韩梅",
    "何平",
    "胡涛",
    "黄勇",
    "贾宁",
    "江河",
    "金鑫",
    "康乐",
    "孔亮",
    "雷鸣",
    "李白",
    "李娜",
    "林峰",
    "刘洋",
    "卢卡",
    "罗琳",
    "马丁",
    "孟浩",
    "潘婷",
    "钱多",
    "秦岚",
    "任重",
    "宋佳",
    "孙悟",
    "唐糖",
    "田甜",
    "王芳",
    "吴婷",
    "张伟",
    "周杰",
]


def test_a_class_of_45_chinese_names_sorts_by_pinyin():
    """45 Chinese names in any order sort by pinyin, as a class list is read out, not by code point."""
    by_code_point = sorted(CLASS_OF_45)
    assert by_code_point != CLASS_OF_45  # the order the issue found: wrong for a Chinese class list
    assert sorted(by_code_point, key=sort_key) == CLASS_OF_45
    assert sorted(reversed(CLASS_OF_45), key=sort_key) == CLASS_OF_45


def test_latin_and_chinese_names_interleave_by_sound():
    """Latin names sit among Chinese ones by their letters, case-insensitively; tone breaks a syllable tie."""
    names = ["周杰", "bob", "Anna", "李力", "力强", "陈静"]
    assert sorted(names, key=sort_key) == ["Anna", "bob", "陈静", "李力", "力强", "周杰"]


def test_dates_read_in_the_readers_language():
    """A due date reads "12月15日（周二）" in Chinese and "Tue 15 Dec" in English; another year is written out."""
    from datetime import date

    today = date(2026, 12, 1)
    assert short_date(date(2026, 12, 15), "zh-hans", today) == "12月15日（周二）"
    assert short_date(date(2026, 12, 15), "en", today) == "Tue 15 Dec"
    assert short_date(date(2027, 1, 4), "en", today) == "Mon 4 Jan 2027"
    assert short_date(None, "en", today) == ""
