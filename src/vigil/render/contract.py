"""The data contract between render and the quiz engine, written down once.

Every page carries one JSON object (`data_element`) and every question bank one call
`VigilBank.add(scenario, Bank)`. These types are that JSON; the browser reads the field
names exactly as they are written here, so nothing is renamed on the way.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class QuestionKey(TypedDict):
    """How one question is graded: its kind and the values that make a right answer."""

    type: str
    answer: list[str]


class DetectorData(TypedDict):
    """The detector of `vigil.detect` as the browser runs it (draft-reply): each term
    category with its words, matched before the patterns, in rank order; then each
    pattern as [category, regular expression source, flags ("" or "i")]."""

    terms: list[list[str | list[str]]]
    patterns: list[list[str]]


class BankQuestion(QuestionKey):
    """A question of a bank: its options in written order and whether they shuffle."""

    options: list[str]
    shuffle: bool


class Bank(TypedDict):
    """One scenario's question bank: the questions' HTML and their keys by bank key."""

    html: str
    questions: dict[str, BankQuestion]


class ScenarioEntry(TypedDict):
    """A scenario as progress views count it; title and url only where a page links it."""

    id: str
    questions: list[str]
    title: NotRequired[str]
    url: NotRequired[str]


class ModuleEntry(TypedDict):
    """A module as progress views count it; title, url and status line where a page shows
    it (`status`: the line about this module, its plural form picked by its own size)."""

    id: str
    scenarios: list[ScenarioEntry]
    title: NotRequired[str]
    url: NotRequired[str]
    status: NotRequired[str]


class AssessmentSummary(TypedDict):
    """What status lines about the final assessment and certificate need."""

    pass_mark: int
    attempts: int | None
    url: str
    certificate_url: str


class DrawEntry(TypedDict):
    """A question the assessment may draw: its bank key, kind and shuffle flag."""

    key: str
    type: str
    shuffle: bool


class DrawModule(TypedDict):
    id: str
    title: str
    questions: list[DrawEntry]


class CodeData(TypedDict):
    """The code a page loads before it starts: its question kinds' scripts, by name, from
    `code_url` (relative to the page, with `{name}` standing for each name)."""

    code: list[str]
    code_url: str


class PageData(TypedDict):
    """Every page: the course id and the UI strings (already translated) it shows."""

    course: str
    ui: dict[str, str]
    code: NotRequired[list[str]]
    code_url: NotRequired[str]


class ScenarioPageData(PageData):
    scenario: str
    questions: dict[str, QuestionKey]


class ProgressPageData(PageData):
    """Module, home and progress pages: the course tree, with status lines where shown."""

    modules: list[ModuleEntry]
    assessment: NotRequired[AssessmentSummary]


class CertificatePageData(ProgressPageData):
    title: str
    version: str


class AssessmentPageData(CertificatePageData):
    """The draw needs only keys and rules; the banks hold the questions themselves.

    An attempt draws `drawn` questions, spread across the modules' banks as evenly as
    they allow, or, when `per_tactic` is set, that many from each module (`drawn` is
    then their sum). `bank_url` is the address of a scenario's bank relative to the page, with
    `{scenario}` standing for its id (built once, by `render.links.bank_uri`).
    """

    per_tactic: int | None
    drawn: int
    exam_mode: bool
    bank: list[DrawModule]
    bank_url: str


class NotebookLeak(TypedDict):
    """A detail a thread gave away: `ref` is `<comment id>/<leak index>` (the index in that
    comment's `leaks`), `category` a category id, `by` the name of who gave it away."""

    ref: str
    category: str
    by: str
    text: str


class Notebook(TypedDict):
    """One scenario's notebook file, `VigilNotebook.add(scenario, Notebook)`: the leaks its
    page's questions ask about, and for each question id, the refs each answer value
    catches (what `Question.catches` says)."""

    leaks: list[NotebookLeak]
    catches: dict[str, dict[str, list[str]]]


class CategoryEntry(TypedDict):
    id: str
    name: str


class NotebookPageData(PageData):
    """The course notebook: the scenarios that have a notebook file (id, title, url and
    shown questions, to tell which are done), the categories in the order they are listed,
    and `notebook_url`, a scenario's file relative to the page with `{scenario}` for its id
    (built once, by `render.links.notebook_uri`)."""

    scenarios: list[ScenarioEntry]
    categories: list[CategoryEntry]
    notebook_url: str
