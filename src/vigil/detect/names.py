"""How a person's name is also written: its parts, and the Chinese ways of naming someone.

A name of several words ("Dr. Anna Berg", "安娜·伯格") is also found by each word that is
not a title: Latin words of three letters or more, Han words of two characters or more.
A Chinese name (a common surname and a given name of one or two characters: 白沐, 林晓峰,
欧阳明月) is also found as colleagues write it: the surname with a title or 老 (白老师,
白工, 老白), and a given name of two characters alone (晓峰).
"""

from __future__ import annotations

import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words that often precede a name but are not one.
_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "eng", "ing"})

# Common surnames: a handle that does not start with one ("星河漫游者") is no name to take
# apart. Two-character surnames first, so 欧阳 is not read as 欧.
_COMPOUND_SURNAMES = _words("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒")
_COMPOUND_SURNAMES += _words("夏侯 端木 南宫")
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
)
# How colleagues name each other by surname: teacher, boss, engineer, manager, director...
_ZH_TITLES = _words("老师 总 工 经理 主任 博士 教授 师傅 老板 组长 主管 所长 院长 处长 科长")
_ZH_TITLES += _words("部长 哥 姐")

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_SEPARATORS = re.compile("[\\s\u00b7\u30fb\u2027]+")  # spaces and the middle dots of 安娜·伯格


def name_variants(name: str) -> list[str]:
    """A name, then the other ways it is written (see the module's docstring); nothing for
    one Han character, which no name is and 你 or 我 standing for the learner is."""
    name = name.strip()
    if _HAN.fullmatch(name) and len(name) == 1:
        return []
    words = [w.strip(".,;:()'\"") for w in _SEPARATORS.split(name) if w]
    if len(words) > 1:
        parts = [w for w in words if _long_enough(w) and w.lower() not in _TITLES]
        return [name, *parts]
    return [name, *_chinese_variants(name)]


def _long_enough(word: str) -> bool:
    return len(word) >= (2 if _HAN.fullmatch(word) else 3)


def _chinese_variants(name: str) -> list[str]:
    """白老师, 老白... and 晓峰 for a Chinese name; nothing for any other word."""
    if not _HAN.fullmatch(name):
        return []
    surname = next((s for s in _COMPOUND_SURNAMES if name.startswith(s)), name[:1])
    given = name[len(surname) :]
    known = surname in _SURNAMES or surname in _COMPOUND_SURNAMES
    if not known or not 1 <= len(given) <= 2:
        return []
    return [
        *([given] if len(given) == 2 else []),
        *(surname + t for t in _ZH_TITLES),
        "老" + surname,
    ]
