"""The detector on Chinese text: each kind of detail as Chinese writes it, found whole and
in its category inside running text; plain sentences that give nothing away; the ways a
Chinese name is written; full-width input; and the scraper's table of a Chinese thread.
The shared fixtures (tests/detect_fixtures_zh.json) hold the browser to the same."""

# ruff: noqa: RUF001  (Chinese text has full-width punctuation and forms, on purpose)
from __future__ import annotations

import pytest
import yaml

from vigil.detect import Terms, find, name_variants, narrow

# Each detail inside a sentence, with what comes before and after it written solid, as
# Chinese is: the detail must be found whole, alone, and in its category.
FOUND = [
    ("number", "5 毫米"),
    ("number", "5毫米"),
    ("number", "2.4 GHz"),
    ("number", "三十公斤"),
    ("number", "120 千瓦"),
    ("number", "0.01 度"),
    ("number", "百分之五"),
    ("number", "零下四十度"),
    ("number", "-46℃"),
    ("number", "3到5公里"),
    ("number", "1.2万转"),
    ("number", "三十多米"),
    ("date", "3月14日"),
    ("date", "3 月 14 日"),
    ("date", "2025年3月"),
    ("date", "二〇二五年底"),
    ("date", "周二"),
    ("date", "星期四下午"),
    ("date", "下周一"),
    ("date", "下午3点"),
    ("date", "上午 9:30"),
    ("date", "每周三晚上"),
    ("date", "月底"),
    ("date", "清明前后"),
    ("date", "15时30分"),
    ("date", "三天后"),
    ("date", "下个月"),
    ("date", "14号下午"),
    ("code", "KX-2207A"),
    ("code", "HX200"),
    ("place", "2号楼"),
    ("place", "七号实验室"),
    ("place", "第三车间"),
    ("place", "B区"),
    ("place", "4 号厅"),
    ("place", "C 号试车台"),
]


@pytest.mark.parametrize(("category", "detail"), FOUND, ids=[d for _, d in FOUND])
def test_a_detail_inside_chinese_text_is_found_whole(category: str, detail: str) -> None:
    text = f"听说那台是{detail}的吗"
    found = find(text)
    assert [(text[d.start : d.end], d.category) for d in found] == [(detail, category)]


PLAIN = [
    "这个视频拍得真好，谢谢分享",
    "太厉害了！祝你们一切顺利，期待下一期视频。",
    "一周一次就够了，下午好，周末愉快。",
    "他一度很火，等我一秒，三伏天真热。",
    "百分之百支持你们，总有一天会成功的。",
    "这个问题不方便回答，见谅哈，欢迎继续关注频道。",
    "清明上河图真好看，有三点想说：画得细、颜色好、构图妙。",
    "14号船体分段合拢了，7号选手也到了。",
]


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_sentence_triggers_nothing(text: str) -> None:
    terms = Terms(names=("白沐", "林晓峰"), places=("清河镇",), sensitive=("青鸟",))
    assert find(text, terms) == []


def test_terms_match_inside_chinese_and_latin_terms_keep_their_boundaries() -> None:
    terms = Terms(sensitive=("青鸟", "Tarnby"), names=("白沐",), places=("清河镇",))
    text = "白沐老师说青鸟在清河镇试，Tarnby的那台，不是Tarnbys。"
    found = [(text[d.start : d.end], d.category) for d in find(text, terms)]
    assert found == [("白沐", "name"), ("青鸟", "term"), ("清河镇", "place"), ("Tarnby", "term")]


def test_a_chinese_name_is_also_found_as_colleagues_write_it() -> None:
    assert name_variants("林晓峰")[:4] == ["林晓峰", "晓峰", "林老师", "林总"]
    assert {"林工", "老林"} <= set(name_variants("林晓峰"))
    assert "沐" not in name_variants("白沐"), "a one-character given name is too short"
    assert "明月" in name_variants("欧阳明月"), "a two-character surname is read whole"
    assert "欧老师" not in name_variants("欧阳明月")
    assert name_variants("星河漫游者") == ["星河漫游者"], "a handle is not taken apart"
    assert name_variants("冰原行者") == ["冰原行者"], "no common surname, no name"
    assert name_variants("安娜·伯格") == ["安娜·伯格", "安娜", "伯格"]
    assert name_variants("你") == [], "one character is a word (the learner as 你), no name"
    text = "问问林工吧，晓峰也知道，老林最清楚。"
    found = find(text, Terms(names=("林晓峰",)))
    assert [text[d.start : d.end] for d in found] == ["林工", "晓峰", "老林"]


def test_full_width_input_is_read_as_ascii_in_place() -> None:
    text = "编号ＫＸ－２２０７Ａ，上午９：30，５％，ＨＡＬＬ　３"
    assert len(narrow(text)) == len(text)
    assert narrow("ＫＸ－２２０７Ａ　９：30") == "KX-2207A 9:30"
    assert narrow("9：30，5") == "9:30，5", "the full-width comma never groups digits"
    found = [(text[d.start : d.end], d.category) for d in find(text)]
    assert found == [
        ("ＫＸ－２２０７Ａ", "code"),
        ("上午９：30", "date"),
        ("５％", "number"),
        ("ＨＡＬＬ　３", "place"),
    ]
    assert find("ｋｘ－７", Terms(sensitive=("KX-7",)))[0].category == "term"


SCENARIO = """\
id: cold-hall-zh
title: 冬季视频下的提问
tactics: [friendly-questioning]
difficulty: 2
platform: video
setting: 你在一家虚构的公司做电池测试。
personas:
  channel: {name: 极地示例, joined: 8 years ago, badge: Channel owner}
  lena: {name: 冻土小雪, joined: 4 years ago, posts: 310}
  bai: {name: 白沐, joined: 6 years ago, posts: 52}
thread:
  - id: c1
    by: lena
    time: 2 days ago
    text: 拍得真好！你们的低温箱能降到多少度？
    replies:
      - id: c2
        by: bai
        time: 2 days ago
        text: 我们下周三在2号楼降到零下46℃，电池没问题，KX-2207A也在。
        leaks:
          - {category: equipment-parameters, text: 零下46℃}
questions:
  - id: q1
    type: single
    prompt: 哪条评论透露了细节？
    options:
      - {id: a, text: 白沐的回复, correct: true, feedback: 对。}
      - {id: b, text: 冻土小雪的提问, feedback: 她只是在问。}
"""


def test_the_scrapers_table_of_a_chinese_thread() -> None:
    from vigil.questions.registry import scenario_model
    from vigil.render.harvest import scraped

    scenario = scenario_model().model_validate(yaml.safe_load(SCENARIO))
    rows = [(row.text, row.kind, row.by) for row in scraped(scenario)]
    assert rows == [
        ("下周三", "date", "白沐"),
        ("2号楼", "place", "白沐"),
        ("零下46℃", "number", "白沐"),
        ("KX-2207A", "code", "白沐"),
    ]
