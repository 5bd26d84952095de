// --- the assessment page: draw a set, load its banks, show, grade and keep the attempts ---

function initAssessment(root, data) {
  var course = root.getAttribute("data-vigil-course");
  var ui = data.ui;
  var info = data.assessment;
  var state = loadAssessment(course);
  var forms = Object.create(null); // keys come from storage too: no prototype
  var ingested = Object.create(null); // scenarios whose bank is on this page
  var loading = false;
  var failed = false;
  var retrying = false;
  var $ = function (selector) {
    return root.querySelector(selector);
  };
  var el = { status: $("[data-vigil-assessment-status]"), blocked: $(".vigil-a-blocked"),
    startArea: $(".vigil-a-start-area"), result: $(".vigil-a-result"), score: $(".vigil-a-score"),
    next: $(".vigil-a-next"), certLink: $(".vigil-a-cert-link"), againArea: $(".vigil-a-again-area"),
    questions: $(".vigil-a-questions"), heading: $("#vigil-a-questions-title"),
    announce: $(".vigil-a-announce"), list: $(".vigil-a-list"), submitArea: $(".vigil-a-submit-area"),
    submit: $(".vigil-a-submit"), confirm: $(".vigil-a-confirm"), confirmText: $("#vigil-a-confirm-text"),
    loading: $(".vigil-a-loading"), failed: $(".vigil-a-failed"), failedText: $(".vigil-a-failed-text"),
    retry: $(".vigil-a-retry"), tactics: $(".vigil-a-tactics") };
  data.questions = Object.create(null); // the index now; a bank adds answers and options
  data.bank.forEach(function (module) {
    module.questions.forEach(function (q) {
      data.questions[q.key] = { type: q.type, shuffle: q.shuffle };
    });
  });

  /* Put a loaded bank's questions in the list (hidden) and complete their entries. */
  function ingest(id) {
    var bank = banks[id];
    if (ingested[id] || !bank) return;
    ingested[id] = true;
    Object.keys(bank.questions).forEach(function (key) {
      var q = data.questions[key];
      var b = bank.questions[key];
      if (q && b && scenarioOf(key) === id && isAnswer(b.answer) && isAnswer(b.options)) {
        q.type = b.type;
        q.answer = b.answer;
        q.options = b.options;
      }
    });
    var box = document.createElement("template");
    box.innerHTML = bank.html;
    each(box.content.querySelectorAll("form.vigil-q[data-vigil-key]"), function (form) {
      var key = form.getAttribute("data-vigil-key");
      if (scenarioOf(key) === id && data.questions[key]) {
        forms[key] = form;
        kindOf(data.questions[key].type).setup(form, data.questions[key], ui);
      }
    });
    el.list.appendChild(box.content);
  }

  function ready(current) {
    return current.items.every(function (item) {
      return ingested[scenarioOf(item.key)];
    });
  }

  /* Does a saved set still exist? Its keys are checked now, options once its bank is in. */
  function fits(current) {
    return current.items.every(function (item) {
      var q = data.questions[item.key];
      if (!q) return false;
      if (!ingested[scenarioOf(item.key)]) return true;
      var within = function (v) {
        return q.options.indexOf(v) >= 0;
      };
      var answer = current.answers[item.key] || [];
      return !!q.options && !!forms[item.key] && kindOf(q.type).valid(answer, q.options) &&
        (!item.options ||
        (item.options.length === q.options.length && item.options.every(within)));
    });
  }

  /* Load the banks the current set still needs, then show it (or say it cannot be). */
  function fetchBanks() {
    var ids = [];
    state.current.items.forEach(function (item) {
      var id = scenarioOf(item.key);
      if (!ingested[id] && ids.indexOf(id) < 0) ids.push(id);
    });
    loading = true;
    loadBanks(data.bank_url, ids, function (missing) {
      loading = false;
      ids.forEach(ingest);
      failed = missing.length > 0;
      var current = state.current;
      if (current && !fits(current)) {
        state.current = null; // the course changed under an attempt: its set no longer exists
        commit();
      } else if (current && arrange(data, current.items, current.seed)) {
        commit();
      }
      show(false);
      if (failed) {
        el.failedText.textContent = ui.loadFailed;
        if (retrying) el.retry.focus();
      }
      retrying = false;
    });
  }

  /* Take in what another tab stored; true if the page now shows a stale attempt. */
  function sync() {
    var was = state.current;
    var count = state.attempts.length;
    state = mergeAssessment(loadAssessment(course), state);
    var now = state.current;
    return count !== state.attempts.length || !!was !== !!now ||
      (!!was && (!sameAttempt(was, now) || was.done !== now.done));
  }

  /* Every write: re-read, merge, drop a set that no longer exists, then store. */
  function commit() {
    sync();
    if (state.current && !fits(state.current)) state.current = null; // the course changed
    saveAssessment(course, state);
  }

  if (state.current && !fits(state.current)) {
    state.current = null; // the course changed under an attempt: its set no longer exists
    commit();
  }

  onStorage(root, function (cleared) {
    var before = JSON.stringify(state);
    if (cleared) state = loadAssessment(course);
    else sync();
    if (state.current && !fits(state.current)) state.current = null;
    if (JSON.stringify(state) !== before) show(false);
  });

  function canStart() {
    return !info.attempts || used(state) < info.attempts;
  }

  function keysOf(items) {
    return items.map(function (item) {
      return item.key;
    });
  }

  function resetForm(form) {
    unanswer(form, data.questions[form.getAttribute("data-vigil-key")]);
    form.querySelector(".vigil-check").hidden = !!data.exam_mode;
    form.querySelector(".vigil-feedback").setAttribute("aria-live", "polite");
    form.hidden = true;
    showOnThread(form, false);
  }

  /* Inputs drawn on the thread's comments show with their form, and open the thread. */
  function showOnThread(form, shown) {
    each(inputs(form), function (input) {
      var box = input.closest(".vigil-pick");
      if (!box) return;
      box.hidden = !shown;
      var details = shown && box.closest("details");
      if (details) details.open = true;
    });
  }

  /* Put a list's items in `values` order; a kind without an options list has none. */
  function reorder(parent, values, valueOf) {
    if (!parent) return;
    var byValue = Object.create(null);
    each(parent.children, function (child) {
      byValue[valueOf(child)] = child;
    });
    values.forEach(function (value) {
      if (byValue[value]) parent.appendChild(byValue[value]);
    });
  }

  /* Show the drawn questions, a scenario's together under its thread, in module order
   * (those whose bank is here: all of them, unless loading failed). */
  function layout(current) {
    each(root.querySelectorAll(".vigil-a-item"), function (node) {
      node.hidden = true;
    });
    Object.keys(forms).forEach(function (key) {
      resetForm(forms[key]);
    });
    var groups = [];
    var byHolder = Object.create(null);
    current.items.forEach(function (item) {
      if (!forms[item.key]) return;
      var holder = forms[item.key].closest(".vigil-a-item");
      if (!byHolder[holder.id]) {
        byHolder[holder.id] = [];
        groups.push(byHolder[holder.id]);
        el.list.appendChild(holder);
        holder.hidden = false;
      }
      byHolder[holder.id].push(item);
    });
    var number = 0;
    groups.forEach(function (group) {
      group.forEach(function (item) {
        var form = forms[item.key];
        number += 1;
        form.parentNode.appendChild(form);
        form.hidden = false;
        showOnThread(form, true);
        form.querySelector("legend").textContent =
          fill(ui.legend, { number: number, total: current.items.length });
        var options = item.options || data.questions[item.key].options;
        reorder(form.querySelector(".vigil-options"), options, function (li) {
          return li.querySelector("input").value;
        });
        reorder(form.querySelector(".vigil-fbs"), options, function (li) {
          return li.getAttribute("data-vigil-for");
        });
        var answer = current.answers[item.key] || [];
        kindOf(data.questions[item.key].type).put(form, answer);
        if (!current.done && current.checked[item.key] && answer.length) {
          showAnswer(form, data.questions[item.key], ui, answer, false);
        }
      });
    });
  }

  /* The finished attempt's score as finish() recorded it, which needs no bank. */
  function recorded(current) {
    var last = state.attempts.filter(function (a) {
      return a.seed === current.seed && a.t >= current.t;
    })[0];
    if (last && typeof last.correct === "number" && typeof last.total === "number") {
      return { percent: last.score, correct: last.correct, total: last.total, passed: last.passed };
    }
    return gradeAttempt(data, current.items, current.answers);
  }

  function review(current, focus) {
    var result = recorded(current);
    current.items.forEach(function (item) {
      var form = forms[item.key];
      if (!form) return;
      var answer = current.answers[item.key] || [];
      form.querySelector(".vigil-feedback").setAttribute("aria-live", "off"); // no flood
      showAnswer(form, data.questions[item.key], ui, answer, false);
      if (!answer.length) form.querySelector(".vigil-result").textContent = ui.unanswered;
    });
    var won = earned(courseProgress(course, data.modules), state);
    el.score.textContent = fill(ui.score, { score: result.percent, correct: result.correct,
      total: result.total }) + ui.sentenceSeparator +
      fill(result.passed ? ui.passed : ui.failed, info);
    el.score.className = "vigil-a-score " + (result.passed ? "is-correct" : "is-incorrect");
    var next = [];
    if (won) next.push(ui.certReady);
    else if (bestAttempt(state.attempts, true)) next.push(ui.certAfterScenarios);
    if (info.attempts) {
      var left = info.attempts - used(state);
      next.push(left > 0 ? fill(ui.attemptsLeft, { left: left, attempts: info.attempts }) :
        fill(result.passed ? ui.usedUp : ui.noAttemptsLeft, info));
    }
    el.next.textContent = next.join(ui.sentenceSeparator);
    showByTactic(el.tactics, ui, byTactic(data, current.items, current.answers));
    el.certLink.hidden = !won;
    el.againArea.hidden = !canStart();
    el.result.hidden = false;
    if (focus) el.score.focus();
  }

  function show(focus) {
    var current = state.current;
    var status = assessmentStatus(ui, info, state);
    setStatus(el.status, status.text, status.kind);
    el.startArea.hidden = !!current || !canStart();
    var best = bestAttempt(state.attempts);
    el.blocked.hidden = !!current || canStart();
    el.blocked.textContent = fill(best && best.passed ? ui.usedUp : ui.noAttemptsLeft, info);
    el.questions.hidden = !current;
    el.result.hidden = true;
    closeConfirm(false);
    if (!current) return;
    var complete = ready(current);
    el.loading.hidden = complete || failed;
    el.failed.hidden = complete || !failed;
    if (!failed) el.failedText.textContent = "";
    el.list.setAttribute("aria-busy", String(!complete && !failed));
    el.submitArea.hidden = current.done || !complete;
    layout(current);
    if (current.done) review(current, focus);
    if (!complete && !failed && !loading) fetchBanks();
  }

  function begin() {
    if (sync() || (state.current && !state.current.done)) return show(false);
    if (!canStart()) return show(false);
    var seen = state.current ? keysOf(state.current.items) : [];
    var previous = seen.slice().sort().join(" ");
    var seed;
    var items;
    for (var tries = 0; tries < 20; tries++) { // the last set's questions come last; and
      seed = randomSeed(); // should the banks allow no other, a few seeds are tried
      items = draw(data, seed, seen);
      if (keysOf(items).sort().join(" ") !== previous) break;
    }
    state.current = { seed: seed, t: Date.now(), items: items, answers: Object.create(null),
      checked: Object.create(null), done: false };
    commit();
    failed = false;
    show(false);
    el.announce.textContent = fill(ui.started, { total: items.length });
    el.heading.focus();
  }

  function finish() {
    if (sync()) return show(false);
    var current = state.current;
    if (!current || current.done || (!ready(current) && answeredCount(current))) return;
    var result = gradeAttempt(data, current.items, current.answers);
    current.done = true;
    state.attempts.push({ seed: current.seed, t: Date.now(), date: localDate(new Date()),
      score: result.percent, correct: result.correct, total: result.total, passed: result.passed });
    commit();
    // An LMS's storage backend reports the attempt (storage-lms.js); others have no hook.
    if (typeof reportAttempt === "function") reportAttempt(current, result, data.questions);
    el.announce.textContent = "";
    show(true);
  }

  function missing() {
    var current = state.current;
    return current.items.filter(function (item) {
      var a = current.answers[item.key];
      return !(a && a.length);
    });
  }

  /* The form's answer as its kind reads it (a stray form reads as the default kind). */
  function readAnswer(key, form) {
    var q = data.questions[key];
    return kindOf(q && q.type).read(form);
  }

  function closeConfirm(focus) {
    el.confirm.hidden = true;
    el.submit.setAttribute("aria-expanded", "false");
    if (focus) el.submit.focus();
  }

  root.addEventListener("change", function (event) {
    var form = event.target.form || (event.target.closest && event.target.closest("form"));
    var current = state.current;
    if (!form || !form.hasAttribute("data-vigil-key") || !current || current.done || form.hasAttribute("data-vigil-answered")) return;
    if (sync()) return show(false);
    var key = form.getAttribute("data-vigil-key");
    state.current.answers[key] = readAnswer(key, form);
    commit();
    setStatus(el.status, assessmentStatus(ui, info, state).text, "started");
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-vigil-key")) return;
    event.preventDefault();
    var current = state.current;
    if (data.exam_mode || !current || current.done || form.hasAttribute("data-vigil-answered")) return;
    if (sync()) return show(false);
    current = state.current;
    var key = form.getAttribute("data-vigil-key");
    var answer = readAnswer(key, form);
    var result = form.querySelector(".vigil-result");
    if (!answer.length) {
      result.textContent = ui.choose;
      result.className = "vigil-result";
      result.focus();
      return;
    }
    current.answers[key] = answer;
    current.checked[key] = true;
    commit();
    showAnswer(form, data.questions[key], ui, answer, true);
  });

  el.submit.setAttribute("aria-controls", "vigil-a-confirm");
  el.submit.setAttribute("aria-expanded", "false");
  el.submit.addEventListener("click", function () {
    if (sync()) return show(false);
    if (!state.current || state.current.done) return;
    var gaps = missing().length;
    if (!gaps) return finish();
    el.confirmText.textContent = fill(ui.confirmSubmit,
      { missing: gaps, total: state.current.items.length });
    el.confirm.hidden = false;
    el.submit.setAttribute("aria-expanded", "true");
    el.confirm.querySelector(".vigil-a-confirm-no").focus();
  });
  el.confirm.querySelector(".vigil-a-confirm-yes").addEventListener("click", function () {
    closeConfirm(false);
    finish();
  });
  el.confirm.querySelector(".vigil-a-confirm-no").addEventListener("click", function () {
    closeConfirm(false);
    var gap = missing()[0];
    var target = gap && forms[gap.key] && inputs(forms[gap.key])[0];
    if (target) target.focus();
    else el.submit.focus();
  });
  el.confirm.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeConfirm(true);
  });
  each(root.querySelectorAll(".vigil-a-start, .vigil-a-again"), function (button) {
    button.addEventListener("click", begin);
  });
  el.retry.addEventListener("click", function () {
    failed = false;
    retrying = true;
    show(false);
    el.heading.focus();
  });
  show(false);
}
