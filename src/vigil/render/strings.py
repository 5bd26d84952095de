"""The strings the quiz engine shows, by key: handed to each page through its data.

Marked with N_ for the catalog and translated when a page is rendered, so the engine
itself holds no text.
"""

from __future__ import annotations

from collections.abc import Mapping

from vigil.i18n import N_

# Strings the quiz engine shows; kept here so a translation replaces one table.
JS_TEXT: Mapping[str, str] = {
    "choose": N_("Choose an answer first."),
    "correct": N_("Correct."),
    "incorrect": N_("Not quite."),
    "right": N_("✓ Your choice: correct"),
    "wrong": N_("✗ Your choice: not correct"),
    "missed": N_("Correct answer: not chosen"),
    "alsoOk": N_("Also acceptable"),
    "revealed": N_(
        "Red flags and leaked details are now marked on the thread. "
        "You answered {correct} of {total} questions correctly."
    ),
    "notStarted": N_("Not started"),
    "inProgress": N_("In progress: {answered} of {total} answered"),
    "done": N_("Done: {correct} of {total} correct"),
    "noQuestions": N_("No questions"),
    "moduleStatus": N_("{done} of {total} scenarios done"),
    "courseStatus": N_(
        "{done} of {total} scenarios done, {correct} of {questions} answers correct"
    ),
    "erased": N_("Your progress for this course has been erased on this device."),
}

# Status lines of the course home and progress pages about the assessment and certificate.
STATUS_TEXT: Mapping[str, str] = {
    "modulesStatus": N_("{done} of {total} modules done"),
    "aNotStarted": N_("Not started"),
    "aInProgress": N_("In progress: {answered} of {total} answered"),
    "aBest": N_("Best score {score}%: {verdict}"),
    "aPassed": N_("passed"),
    "aFailed": N_("not passed (pass mark {pass_mark}%)"),
    "aLeft": N_("{left} of {attempts} attempts left"),
    "aNoneLeft": N_("no attempts left"),
    "certEarned": N_("Earned: print it from the certificate page"),
    "certMissing": N_("Not yet earned"),
}

# Strings of the assessment and certificate pages.
ASSESSMENT_TEXT: Mapping[str, str] = {
    **STATUS_TEXT,
    "legend": N_("Question {number} of {total}"),
    "unanswered": N_("Not answered."),
    "confirmSubmit": N_(
        "{missing} of {total} questions have no answer yet. Unanswered questions count as wrong."
    ),
    "score": N_("Your score: {score}% ({correct} of {total} correct)."),
    "passed": N_("Passed. The pass mark is {pass_mark}%."),
    "failed": N_("Not passed. The pass mark is {pass_mark}%."),
    "certReady": N_("You have completed the course: your certificate is ready."),
    "certAfterScenarios": N_("Finish the remaining scenarios to earn your certificate."),
    "attemptsLeft": N_("You have {left} of {attempts} attempts left."),
    "noAttemptsLeft": N_(
        "You have used all {attempts} attempts without passing, so no new "
        "attempt can be started. Ask your trainer how to continue."
    ),
    "usedUp": N_("You have used all {attempts} attempts."),
    "started": N_("A new set of {total} questions has been drawn."),
    "todoScenario": N_("{module}: {title} ({state})"),
    "todoAssessment": N_("Pass the final assessment (pass mark {pass_mark}%)"),
    "todoBlocked": N_("The final assessment: all {attempts} attempts used without passing"),
    "nameNeeded": N_("Enter your name as it should appear on the certificate."),
}

# Strings only the assessment page shows, while it loads the drawn questions' banks.
BANK_TEXT: Mapping[str, str] = {
    "loadFailed": N_(
        "Some of the drawn questions could not be loaded. Try again; if it keeps "
        "failing, the course files may be incomplete: tell your trainer."
    ),
}
