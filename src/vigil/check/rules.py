"""Rules the schema cannot express: references, answers that fit their type, known ids.

Each rule is a small generator of Problems over one validated scenario; `check_scenario`
runs them all. Rules across files (unique scenario ids) live in `project.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vigil.check.validate import suggest
from vigil.format.loader import Document, Loc
from vigil.format.scenario import (
    ActionQuestion,
    Comment,
    MultipleQuestion,
    PickCommentsQuestion,
    RiskLevel,
    RiskQuestion,
    Scenario,
    SingleQuestion,
)
from vigil.format.taxonomy import Taxonomy
from vigil.problems import Problem, Severity
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
                f"unknown {kind} '{term}'{suggest(term, known)} "
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
    personas = set(scenario.personas)

    def persona(ref: str, loc: Loc) -> Iterator[Problem]:
        if ref not in personas:
            yield doc.problem(
                loc, "unknown-persona", f"no persona '{ref}' in personas{suggest(ref, personas)}"
            )

    if scenario.post:
        yield from persona(scenario.post.by, ("post", "by"))
    for comment, loc in _comments(scenario.thread, ("thread",)):
        yield from persona(comment.by, (*loc, "by"))


def unique_ids(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    seen: dict[str, Loc] = {}

    def claim(ident: str, loc: Loc, scope: dict[str, Loc], what: str) -> Iterator[Problem]:
        if ident in scope:
            first = doc.position(scope[ident])
            yield doc.problem(
                loc, "duplicate-id", f"{what} id '{ident}' is already used at line {first.line}"
            )
        else:
            scope[ident] = loc

    for comment, loc in _comments(scenario.thread, ("thread",)):
        yield from claim(comment.id, (*loc, "id"), seen, "comment")
    for i, question in enumerate(scenario.questions):
        yield from claim(question.id, ("questions", i, "id"), seen, "question")
        if isinstance(question, SingleQuestion | MultipleQuestion | ActionQuestion):
            options: dict[str, Loc] = {}
            for j, option in enumerate(question.options):
                yield from claim(option.id, ("questions", i, "options", j, "id"), options, "option")


def answers_fit(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    comment_ids = {c.id for c, _ in _comments(scenario.thread, ())}
    for i, question in enumerate(scenario.questions):
        loc: Loc = ("questions", i)
        if isinstance(question, SingleQuestion | MultipleQuestion | ActionQuestion):
            correct = sum(o.correct for o in question.options)
            if isinstance(question, SingleQuestion) and correct != 1:
                yield doc.problem(
                    (*loc, "options"),
                    "answer-mismatch",
                    f"a single-choice question needs exactly one option with correct: true, "
                    f"found {correct}",
                )
            elif correct == 0:
                yield doc.problem(
                    (*loc, "options"),
                    "answer-mismatch",
                    f"a {question.type} question needs at least one option with correct: true",
                )
        elif isinstance(question, PickCommentsQuestion):
            for j, ref in enumerate(question.answer):
                if ref not in comment_ids:
                    yield doc.problem(
                        (*loc, "answer", j),
                        "unknown-comment",
                        f"no comment '{ref}' in this thread{suggest(ref, comment_ids)}",
                    )
                elif ref in question.answer[:j]:
                    yield doc.problem(
                        (*loc, "answer", j), "answer-mismatch", f"comment '{ref}' is listed twice"
                    )
            for ref in question.feedback:
                if ref not in comment_ids:
                    yield doc.problem(
                        (*loc, "feedback", ref),
                        "unknown-comment",
                        f"feedback for '{ref}', which is not a comment of this thread"
                        f"{suggest(ref, comment_ids)}",
                        key=True,
                    )
        elif isinstance(question, RiskQuestion) and question.about not in (None, *comment_ids):
            yield doc.problem(
                (*loc, "about"),
                "unknown-comment",
                f"no comment '{question.about}' in this thread"
                f"{suggest(str(question.about), comment_ids)}",
            )


def leaks_quote_text(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    for comment, loc in _comments(scenario.thread, ("thread",)):
        for j, leak in enumerate(comment.leaks):
            if leak.text not in comment.text:
                yield doc.problem(
                    (*loc, "leaks", j, "text"),
                    "leak-not-in-text",
                    f"leak text {leak.text!r} does not appear in the comment's text; "
                    "quote the exact words so they can be highlighted",
                )


def source_links(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """A source link the page would drop is a mistake to report, not to hide."""
    for i, source in enumerate(scenario.sources):
        if source.url is not None and safe_url(source.url) is None:
            yield doc.problem(
                ("sources", i, "url"),
                "bad-url",
                f"expected an http(s) or mailto address, found {source.url!r}",
            )


def completeness(doc: Document, scenario: Scenario, _: Taxonomy) -> Iterator[Problem]:
    """Warnings: a scenario that builds but teaches less than it should."""
    if not [q for q in scenario.questions if not q.assessment_only]:
        yield _warning(doc, ("id",), "no-questions", "the scenario has no questions to answer")
    if not any(c.flag for c, _ in _comments(scenario.thread, ())):
        yield _warning(
            doc, ("thread",), "no-red-flag", "no comment in the thread has a flag (red flag)"
        )
    all_comments = [c.id for c, _ in _comments(scenario.thread, ())]
    for i, question in enumerate(scenario.questions):
        loc: Loc = ("questions", i)
        if isinstance(question, SingleQuestion | MultipleQuestion | ActionQuestion):
            for j, option in enumerate(question.options):
                if option.feedback is None:
                    yield _warning(
                        doc,
                        (*loc, "options", j),
                        "no-feedback",
                        f"option '{option.id}' has no feedback explaining why",
                    )
        elif isinstance(question, PickCommentsQuestion):
            missing = [c for c in all_comments if c not in question.feedback]
            yield from _uncovered(doc, loc, bool(question.feedback), "comments", missing)
        elif isinstance(question, RiskQuestion):
            levels = [r.value for r in RiskLevel if r not in question.feedback]
            yield from _uncovered(doc, loc, bool(question.feedback), "risk levels", levels)


def _uncovered(
    doc: Document, loc: Loc, has_feedback: bool, what: str, missing: list[str]
) -> Iterator[Problem]:
    """One warning naming every choice of a question that has no feedback."""
    if missing:
        where = (*loc, "feedback") if has_feedback else loc
        yield _warning(doc, where, "no-feedback", f"no feedback for {what} {', '.join(missing)}")


RULES: tuple[Rule, ...] = (
    known_terms,
    references,
    unique_ids,
    answers_fit,
    leaks_quote_text,
    source_links,
    completeness,
)


def check_scenario(doc: Document, scenario: Scenario, taxonomy: Taxonomy) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(doc, scenario, taxonomy)]
