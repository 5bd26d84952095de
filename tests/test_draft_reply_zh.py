"""draft-reply in Chinese, in Chromium by keyboard: a small course whose draft-reply
question is written in Chinese; a Chinese reply typed into it is checked before posting and
its details are highlighted by category, then a reply that gives nothing away passes."""

# ruff: noqa: RUF001  (Chinese text has full-width punctuation, on purpose)
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conftest import built, serve_folder, tiny_course
from test_draft_reply import press, serious, write

PAGE = "course/friendly-questioning/cold-box-zh.html"

SCENARIO = """\
id: cold-box-zh
title: 冬季视频下的一个提问
tactics: [friendly-questioning]
difficulty: 2
platform: video
setting: 你在一家虚构的公司“极地示例”做电池组测试。公司频道发了一段样机在低温舱里运行的视频。
personas:
  channel: {name: 极地示例, joined: 8 years ago, badge: Channel owner}
  xue: {name: 冻土小雪, joined: 4 years ago, posts: 310}
  bai: {name: 白沐, joined: 6 years ago, posts: 52}
thread:
  - id: c1
    by: xue
    time: 2 days ago
    text: 视频拍得真好！你们的低温箱最低能到多少度？是不是和去年那台在同一个试验场？
    flag: {tactic: friendly-questioning, note: 语气友好，却问得很具体：一个极限，一个地点。}
    replies:
      - id: c2
        by: bai
        time: 2 days ago
        text: 哈哈，我们降到过零下46℃，电芯一点问题都没有。
        leaks:
          - {category: equipment-parameters, text: 零下46℃}
questions:
  - id: q1
    type: draft-reply
    reply_to: c1
    prompt: 写下你会回复冻土小雪的话。
    probe: [低温, 温度, 多少度, 试验场, 电池, 电芯]
    places: [清河镇]
    terms: [青鸟]
    example: 谢谢喜欢这个视频！这个不方便细说，欢迎继续关注频道。
    feedback:
      safe: 友好，也没有接对方的话题。
      number: 温度加单位，正是对方想要的那个数字。
"""

LEAKY = "低温箱的事问白老师吧，下周三在2号楼试过，零下四十度没问题，编号KX-2207A的那台在清河镇。"
SAFE = "谢谢喜欢这个视频！这个不方便细说，欢迎继续关注频道。"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tiny_course(
        tmp_path_factory.mktemp("draft-zh"),
        title="草稿课程",
        course_id="draft-zh",
        scenarios={"cold-box-zh": SCENARIO},
    )
    site = built(root)
    with serve_folder(site) as served:
        yield served


@pytest.mark.browser
def test_a_chinese_reply_is_highlighted_by_category(page: Any, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + PAGE)
    form = page.locator("#vigil-q_q1")

    write(page, LEAKY)
    page.keyboard.press("Tab")  # from the box to the check button, by keyboard
    assert page.evaluate("document.activeElement.classList.contains('vigil-draft-check')")
    page.keyboard.press("Enter")
    marks = form.locator(".vigil-draft-copy mark")
    found = [(m.inner_text(), m.get_attribute("data-vigil-cat")) for m in marks.all()]
    assert found == [
        ("低温", "probe"),
        ("白老师", "name"),
        ("下周三", "date"),
        ("2号楼", "place"),
        ("零下四十度", "number"),
        ("KX-2207A", "code"),
        ("清河镇", "place"),
    ]
    tags = form.locator(".vigil-draft-copy .vigil-draft-tag").all_inner_texts()
    assert tags[4] == "A number with a unit", "each highlight names its category from the catalog"
    items = form.locator(".vigil-draft-found li strong").all_inner_texts()
    assert len(items) == 6, "the report lists each category once, with what it means"
    status = form.locator(".vigil-draft-status").inner_text()
    assert "A date or schedule" in status, "the live region names what was found"
    assert serious(page) == []

    write(page, SAFE)
    press(page, "#vigil-q_q1 .vigil-draft-check")
    assert form.locator(".vigil-draft-status").inner_text().startswith("The check found nothing")
    assert marks.count() == 0
    press(page, "#vigil-q_q1 .vigil-check")
    assert form.get_attribute("data-vigil-answered") == "correct"
    assert errors == []
