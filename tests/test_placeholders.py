from __future__ import annotations

from vigil.course import CourseOptions
from vigil.render.placeholders import fill


def test_known_options_are_filled_and_unknown_ones_reported() -> None:
    options = CourseOptions(id="c", reporting_contact="the duty officer, ext. 4410")
    text, unknown = fill("Tell {{ vigil.reporting_contact }}. {{vigil.secret}}", options)
    assert text == "Tell the duty officer, ext. 4410. {{vigil.secret}}"
    assert unknown == ["secret"]
