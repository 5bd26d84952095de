"""Rules the schema cannot express: references, answers that fit their type, known ids.

Each rule is a small generator of Problems over one validated scenario; `check_scenario`
runs them all. Rules of one question kind live with the kind (`vigil.questions`); rules
across files (unique scenario ids) live in `project.py`.

The scenario may be partial (`partial.py`): it then holds only the parts that validated,
and a rule must not report what a failed part might have supplied, so references are
checked against the ids written in the YAML (`context.written`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from vigil.check.context import QuestionContext, written
from vigil.check.partial import incomplete
from vigil.check.suggest import suggest
from vigil.format.loader import Document, Loc
from vigil.format.scenario import Comment, Scenario
from vigil.format.taxonomy import Taxonomy
from vigil.problems import Problem, Severity, quoted
from vigil.render.links import RESERVED
from vigil.render.progress_data import shown_questions
from vigil.render.sanitize import safe_url

Rule = Callable[[Document, Scenario, Taxonomy], Iterator[Problem]]


def _comments(comments: tuple[Comment, ...], loc: Loc) -> Iterator[tuple[Comment, Loc]]:
    for i, comment in enumerate(comments):
        here = (*loc, i)
        yield comment, here
        yield from _comments(comment.replies, (*here, "replies"))


def _warning(doc: Document, loc: Loc, code: str, message: str) -> Problem:
    pos = doc.position(loc)
    return Problem(doc.path, pos.line, pos.col, code, message, Severity.WARNING)


def known_terms(doc: Document, scenario: Scenario, taxonomy: Taxonomy) -> Iterator[Problem]:
    plural = {"tactic": "tactics", "category": "categories"}

    def check(term: str, loc: Loc, kind: str, known: frozenset[str]) -> Iterator[Problem]:
        if term not in known:
            yield doc.problem(
                loc,
                f"unknown-{kind}",
                f"unknown {kind} {quoted(term)}{suggest(term, known)} "
                f"(a course adds its own in mkdocs.yml under extra.vigil.{plural[kind]})",
            )

    for i, tactic in enumerate(scenario.tactics):
        yield from check(tactic, ("tactics", i), "tactic", taxonomy.tactic_ids)
    for i, category in enumerate(scenario.disclosure):
        yield from check(category, ("disclosure", i), "category", taxonomy.category_ids)
    for comment, loc in _comments(scenario.thread, ("thread",)):
        if comment.flag:
            yield from check(
                comment.flag.tactic, (*loc, "flag", "tactic"), "tactic", taxonomy.tactic_ids
            )
        for j, leak in enumerate(comment.leaks):
            yield from check(
                leak.category, (*loc, "leaks", j, "category"), "category", taxonomy.category_ids
            )


def references(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    ids = written(doc).personas
    if ids is None:  # the personas could not be read: nothing to check against
        return
    personas = ids | set(scenario.personas)

    def persona(ref: str, loc: Loc) -> Iterator[Problem]:
        if ref not in personas:
            yield doc.problem(
                loc,
                "unknown-persona",
                f"no persona {quoted(ref)} in personas{suggest(ref, personas)}",
            )

    if scenario.post:
        yield from persona(scenario.post.by, ("post", "by"))
    for comment, loc in _comments(scenario.thread, ("thread",)):
        yield from persona(comment.by, (*loc, "by"))
    for ident, account in scenario.personas.items():
        for j, ref in enumerate(account.boosts):
            yield from persona(ref, ("personas", ident, "boosts", j))


def unique_ids(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    seen: dict[str, Loc] = {}

    def claim(ident: str, loc: Loc, scope: dict[str, Loc], what: str) -> Iterator[Problem]:
        if ident in scope:
            first = doc.position(scope[ident])
            yield doc.problem(
                loc,
                "duplicate-id",
                f"{what} id {quoted(ident)} is already used at line {first.line}",
            )
        else:
            scope[ident] = loc

    for comment, loc in _comments(scenario.thread, ("thread",)):
        yield from claim(comment.id, (*loc, "id"), seen, "comment")
    for i, question in enumerate(scenario.questions):
        yield from claim(question.id, ("questions", i, "id"), seen, "question")


def reserved_id(id_: str) -> str:
    """Why an id may not take the name of a page Vigil generates (`links.RESERVED`)."""
    return (
        f"{quoted(id_)} is the name of a page Vigil generates "
        f"({', '.join(sorted(RESERVED))}); choose another id"
    )


def reserved_ids(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """A scenario's page is course/<tactic>/<id>.md: `index` would replace its module page."""
    if scenario.id in RESERVED:
        yield doc.problem(("id",), "reserved-id", f"scenario id {reserved_id(scenario.id)}")


def questions(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """Each question's own kind checks its answers, references and feedback."""
    ids = written(doc).comments
    comment_ids = frozenset(c.id for c, _ in _comments(scenario.thread, ())) | (ids or set())
    for i, question in enumerate(scenario.questions):
        ctx = QuestionContext(doc, ("questions", i), scenario, comment_ids, ids is not None)
        yield from question.problems(ctx)


def leaks_quote_text(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    for comment, loc in _comments(scenario.thread, ("thread",)):
        for j, leak in enumerate(comment.leaks):
            if leak.text not in comment.text:
                yield doc.problem(
                    (*loc, "leaks", j, "text"),
                    "leak-not-in-text",
                    f"leak text {quoted(leak.text)} does not appear in the comment's text; "
                    "quote the exact words so they can be highlighted",
                )


def source_links(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """A source link the page would drop is a mistake to report, not to hide."""
    for i, source in enumerate(scenario.sources):
        if source.url is not None and safe_url(source.url) is None:
            yield doc.problem(
                ("sources", i, "url"),
                "bad-url",
                f"expected an http(s) or mailto address, found {quoted(source.url)}",
            )


def completeness(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """Warnings: a scenario that builds but teaches less than it should."""
    if scenario.assessment_only:
        if not scenario.questions and not incomplete(doc, ("questions",)):
            message = (
                "the scenario is assessment-only but has no questions, so it appears nowhere; "
                "add questions or remove assessment_only"
            )
            yield _warning(doc, ("assessment_only",), "no-questions", message)
    elif not shown_questions(scenario) and not incomplete(doc, ("questions",)):
        yield _warning(doc, ("id",), "no-questions", "the scenario has no questions to answer")
    flagged = any(c.flag for c, _ in _comments(scenario.thread, ()))
    if not flagged and not incomplete(doc, ("thread",)):
        yield _warning(
            doc, ("thread",), "no-red-flag", "no comment in the thread has a flag (red flag)"
        )


def assessment_only_scenario(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """In an assessment-only scenario every question is the assessment's: a question that
    says `assessment_only: false` asks for a page the scenario does not have."""
    if not scenario.assessment_only:
        return
    line = doc.position(("assessment_only",)).line
    for i, question in enumerate(scenario.questions):
        if "assessment_only" in question.model_fields_set and not question.assessment_only:
            yield _warning(
                doc,
                ("questions", i, "assessment_only"),
                "assessment-only-ignored",
                "assessment_only: false has no effect here: the whole scenario is "
                f"assessment-only (line {line}), so it has no page and its questions appear "
                "only in the final assessment; remove this line, or remove the scenario's "
                "assessment_only to give it a page",
            )


def own_persona(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """The learner is one account: a second `you` is a mistake, and a `you` who writes
    nothing marks nobody's messages as the learner's."""
    yours = [ident for ident, persona in scenario.personas.items() if persona.you]
    for ident in yours[1:]:
        yield doc.problem(
            ("personas", ident, "you"),
            "you-twice",
            f"persona {quoted(ident)} is marked `you: true`, but so is {quoted(yours[0])}: "
            "the learner is one account; keep `you` on one of them",
        )
    authors = {c.by for c, _loc in _comments(scenario.thread, ("thread",))}
    if scenario.post:
        authors.add(scenario.post.by)
    if yours and yours[0] not in authors:
        yield _warning(
            doc,
            ("personas", yours[0], "you"),
            "you-silent",
            f"persona {quoted(yours[0])} is the learner's (`you: true`) but writes nothing "
            "in the thread: give it a message, or remove `you`",
        )


TIMECODE = re.compile(r"(?<![\d:])(?:\d{1,2}:)?\d{1,2}:\d{2}(?![\d:])")
CHAPTER_TIME = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:[0-5]\d$")


def _seconds(time: str) -> int:
    total = 0
    for part in time.split(":"):
        total = total * 60 + int(part)
    return total


def chapters(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """Chapters read as a video's (times in order); a video whose comments cite timecodes
    lists chapters, so the learner has something to look them up in."""
    post = scenario.post
    listed = post.chapters if post else ()
    last = -1
    for i, chapter in enumerate(listed):
        at: Loc = ("post", "chapters", i, "time")
        if not CHAPTER_TIME.match(chapter.time):
            yield doc.problem(
                at,
                "chapter-time",
                f'expected a time like "2:05" or "1:02:05", found {quoted(chapter.time)}',
            )
        elif _seconds(chapter.time) <= last:
            yield doc.problem(
                at, "chapter-order", f"chapter at {chapter.time} comes after a later one"
            )
        else:
            last = _seconds(chapter.time)
    if listed or scenario.platform is None or scenario.platform.value != "video":
        return
    for comment, loc in _comments(scenario.thread, ("thread",)):
        cited = TIMECODE.search(comment.text)
        if cited:
            yield _warning(
                doc,
                (*loc, "text"),
                "timecode-without-chapters",
                f"this comment cites {cited[0]} of the video, which lists no chapters: add "
                "post.chapters (time and title) so the learner can see what is there",
            )


RULES: tuple[Rule, ...] = (
    known_terms,
    references,
    unique_ids,
    reserved_ids,
    questions,
    leaks_quote_text,
    source_links,
    completeness,
    assessment_only_scenario,
    own_persona,
    chapters,
)


def check_scenario(doc: Document, scenario: Scenario, taxonomy: Taxonomy) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(doc, scenario, taxonomy)]
