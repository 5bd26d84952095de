// --- home, module and progress pages: badges from saved records, and the reset ---

function scenarioState(course, scenario) {
  var state = { answered: 0, correct: 0, total: scenario.questions.length };
  scenario.questions.forEach(function (qid) {
    var rec = load(course, scenario.id, qid, null);
    if (rec) {
      state.answered += 1;
      if (rec.correct) state.correct += 1;
    }
  });
  state.done = state.answered === state.total;
  state.mistakes = state.done && state.correct < state.total;
  return state;
}

function setStatus(node, text, kind) {
  node.textContent = text;
  node.setAttribute("data-vigil-state", kind);
}

function scenarioText(ui, state) {
  if (!state.total) return ui.noQuestions;
  if (state.done) return fill(state.mistakes ? ui.doneMistakes : ui.done, state);
  return state.answered ? fill(ui.inProgress, state) : ui.notStarted;
}

/* A badge's data-vigil-state, which the CSS styles: a scenario done with wrong answers is
 * "mistakes", never the green "done" (its words say so too). */
function badgeState(state) {
  if (state.done) return state.mistakes ? "mistakes" : "done";
  return state.answered ? "started" : "new";
}

/* Fill every progress badge of the page from storage. */
function showProgress(root, data) {
  var course = root.getAttribute("data-vigil-course");
  var totals = { done: 0, total: 0, correct: 0, questions: 0, answered: 0 };
  data.modules.forEach(function (module) {
    var done = 0;
    var answered = 0;
    module.scenarios.forEach(function (scenario) {
      var state = scenarioState(course, scenario);
      done += state.done ? 1 : 0;
      answered += state.answered;
      totals.correct += state.correct;
      totals.questions += state.total;
      each(root.querySelectorAll("[data-vigil-status]"), function (node) {
        if (node.getAttribute("data-vigil-status") === scenario.id) {
          setStatus(node, scenarioText(data.ui, state), badgeState(state));
        }
      });
    });
    var moduleState = { done: done === module.scenarios.length, answered: answered };
    each(root.querySelectorAll("[data-vigil-module-status]"), function (node) {
      if (node.getAttribute("data-vigil-module-status") === module.id) {
        setStatus(node, fill(module.status || data.ui.moduleStatus,
          { done: done, total: module.scenarios.length }),
          badgeState(moduleState));
      }
    });
    totals.done += done;
    totals.total += module.scenarios.length;
    totals.answered += answered;
  });
  each(root.querySelectorAll("[data-vigil-course-status]"), function (node) {
    setStatus(node, fill(data.ui.courseStatus, totals),
      badgeState({ done: totals.done === totals.total, answered: totals.answered }));
  });
  if (data.assessment) showFinal(root, data);
}

/* A button that asks before it acts: its confirm box opens with the focus on `no`; `no` or
 * Escape closes it, `yes` closes it and acts. Focus goes back to the button. */
function askFirst(button, box, yes, no, act) {
  function close(focus) {
    box.hidden = true;
    button.setAttribute("aria-expanded", "false");
    if (focus) button.focus();
  }
  button.addEventListener("click", function () {
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    no.focus();
  });
  no.addEventListener("click", function () {
    close(true);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") close(true);
  });
  yes.addEventListener("click", function () {
    close(true);
    act();
  });
}

function initReset(root, data) {
  var button = root.querySelector(".vigil-reset");
  var confirmBox = root.querySelector(".vigil-confirm");
  var status = root.querySelector(".vigil-reset-status");
  if (!button || !confirmBox) return;
  askFirst(button, confirmBox, confirmBox.querySelector(".vigil-reset-yes"),
    confirmBox.querySelector(".vigil-reset-no"), function () {
      erase(root.getAttribute("data-vigil-course"));
      showProgress(root, data);
      if (status) status.textContent = data.ui.erased;
    });
}

// --- the assessment and certificate lines; the assessment and certificate pages use these too ---

function used(state) {
  return state.attempts.length + (state.current && !state.current.done ? 1 : 0);
}

/* The best attempt (passing ones first); ties go to the earliest. */
function bestAttempt(attempts, passedOnly) {
  var best = null;
  attempts.forEach(function (a) {
    if (passedOnly && !a.passed) return;
    if (!best || (a.passed && !best.passed) || (a.passed === best.passed && a.score > best.score)) best = a;
  });
  return best;
}

function answeredCount(current) {
  return current.items.filter(function (item) {
    var a = current.answers[item.key];
    return a && a.length;
  }).length;
}

function assessmentStatus(ui, info, state) {
  var current = state.current;
  var best = bestAttempt(state.attempts);
  var parts = [];
  var kind = "new";
  if (current && !current.done) {
    parts.push(fill(ui.aInProgress, { answered: answeredCount(current), total: current.items.length }));
    kind = "started";
  }
  if (best) {
    parts.push(fill(ui.aBest, { score: best.score,
      verdict: best.passed ? ui.aPassed : fill(ui.aFailed, info) }));
    kind = best.passed ? "done" : "started";
  }
  if (!parts.length) parts.push(ui.aNotStarted);
  if (info.attempts) {
    var left = Math.max(0, info.attempts - used(state));
    parts.push(left ? fill(ui.aLeft, { left: left, attempts: info.attempts }) : ui.aNoneLeft);
  }
  return { text: parts.join(ui.statusSeparator), kind: kind };
}

/* Which scenarios are done, module by module: the course's first condition. */
function courseProgress(course, modules) {
  var out = { modulesDone: 0, missing: [], complete: true };
  modules.forEach(function (module) {
    var done = true;
    module.scenarios.forEach(function (scenario) {
      var state = scenarioState(course, scenario);
      if (!state.done) {
        done = false;
        out.missing.push({ module: module, scenario: scenario, state: state });
      }
    });
    if (done) out.modulesDone += 1;
  });
  out.complete = out.missing.length === 0;
  return out;
}

function earned(progress, state) {
  return progress.complete && !!bestAttempt(state.attempts, true);
}

/* Home and progress pages: modules, assessment and certificate lines. */
function showFinal(root, data) {
  var course = root.getAttribute("data-vigil-course");
  var ui = data.ui;
  var progress = courseProgress(course, data.modules);
  var state = loadAssessment(course);
  var status = assessmentStatus(ui, data.assessment, state);
  var won = earned(progress, state);
  each(root.querySelectorAll("[data-vigil-modules-status]"), function (node) {
    setStatus(node, fill(ui.modulesStatus, { done: progress.modulesDone, total: data.modules.length }),
      badgeState({ done: progress.modulesDone === data.modules.length, answered: progress.modulesDone }));
  });
  each(root.querySelectorAll("[data-vigil-assessment-status]"), function (node) {
    setStatus(node, status.text, status.kind);
  });
  each(root.querySelectorAll("[data-vigil-certificate-status]"), function (node) {
    setStatus(node, won ? ui.certEarned : ui.certMissing, won ? "done" : "new");
  });
  each(root.querySelectorAll("[data-vigil-certificate-link]"), function (node) {
    node.hidden = !won;
  });
}
