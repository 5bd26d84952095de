/* Vigil quiz engine: grades answers from the page's embedded key, keeps progress in
 * localStorage (memory when storage is blocked), reveals red flags once every question
 * is answered, and fills progress badges. No framework, no network, no eval. */
(function () {
  "use strict";

  var VERSION = 1;
  var memory = Object.create(null);

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  // --- storage: never throws; a blocked or full localStorage falls back to memory ---

  function local() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  function readRaw(key) {
    if (key in memory) return memory[key];
    try {
      var store = local();
      return store ? store.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }

  function writeRaw(key, value) {
    try {
      var store = local();
      if (store) {
        store.setItem(key, value);
        delete memory[key];
        return;
      }
    } catch (e) { /* quota or blocked: keep it for this page */ }
    memory[key] = value;
  }

  function removeRaw(key) {
    delete memory[key];
    try {
      var store = local();
      if (store) store.removeItem(key);
    } catch (e) { /* nothing stored there */ }
  }

  function allKeys() {
    var keys = Object.keys(memory);
    try {
      var store = local();
      for (var i = 0; store && i < store.length; i++) keys.push(store.key(i));
    } catch (e) { /* memory keys only */ }
    return keys;
  }

  function recordKey(course, scenario, question) {
    return ["vigil", "v" + VERSION, course, scenario, question].join(":");
  }

  function isRecord(rec, choices) {
    return !!rec && typeof rec === "object" && rec.v === VERSION &&
      Array.isArray(rec.answer) && rec.answer.length > 0 &&
      rec.answer.every(function (a) {
        return typeof a === "string" && (!choices || choices.indexOf(a) >= 0);
      }) &&
      typeof rec.correct === "boolean" && typeof rec.t === "number";
  }

  /* A saved answer, or null; corrupt, foreign or old-version data is dropped. */
  function load(course, scenario, question, choices) {
    var key = recordKey(course, scenario, question);
    var raw = readRaw(key);
    if (raw === null) return null;
    var rec = null;
    try {
      rec = JSON.parse(raw);
    } catch (e) { /* corrupt */ }
    if (isRecord(rec, choices)) return rec;
    removeRaw(key);
    return null;
  }

  function save(course, scenario, question, answer, correct) {
    writeRaw(recordKey(course, scenario, question),
      JSON.stringify({ v: VERSION, answer: answer, correct: correct, t: Date.now() }));
  }

  function erase(course) {
    var prefix = /^vigil:v\d+:/;
    allKeys().forEach(function (key) {
      if (prefix.test(key) && key.replace(prefix, "").indexOf(course + ":") === 0) removeRaw(key);
    });
  }

  // --- page data ---

  function pageData(root) {
    var node = root.querySelector("template.vigil-data");
    try {
      return node ? JSON.parse((node.content || node).textContent) : null;
    } catch (e) {
      return null;
    }
  }

  // --- scenario pages ---

  function inputs(form) {
    return form.querySelectorAll("input[type=radio], input[type=checkbox]");
  }

  function chosen(form) {
    var out = [];
    each(inputs(form), function (input) {
      if (input.checked) out.push(input.value);
    });
    return out;
  }

  function grade(question, answer) {
    var key = question.answer;
    if (question.type === "action") return answer.length === 1 && key.indexOf(answer[0]) >= 0;
    return answer.length === key.length && answer.every(function (a) {
      return key.indexOf(a) >= 0;
    });
  }

  function verdict(question, ui, value, picked, correct) {
    var inKey = question.answer.indexOf(value) >= 0;
    if (picked) return inKey ? ui.right : ui.wrong;
    if (!inKey) return "";
    return question.type === "action" && correct ? ui.alsoOk : ui.missed;
  }

  /* Lock the form on an answer and show its verdicts, feedback and explanation. */
  function showAnswer(form, question, ui, answer, focus) {
    var correct = grade(question, answer);
    each(inputs(form), function (input) {
      var picked = answer.indexOf(input.value) >= 0;
      var text = verdict(question, ui, input.value, picked, correct);
      var item = input.closest("li");
      input.checked = picked;
      input.disabled = true;
      if (item) {
        item.querySelector(".vigil-verdict").textContent = text;
        item.classList.toggle("is-key", question.answer.indexOf(input.value) >= 0);
        item.classList.toggle("is-picked", picked);
      }
    });
    each(form.querySelectorAll(".vigil-fb"), function (fb) {
      var value = fb.getAttribute("data-vigil-for");
      var picked = answer.indexOf(value) >= 0;
      fb.hidden = !(picked || question.answer.indexOf(value) >= 0);
      fb.querySelector(".vigil-fb-verdict").textContent = verdict(question, ui, value, picked, correct);
    });
    each(form.querySelectorAll(".vigil-explanation"), function (node) {
      node.hidden = false;
    });
    var result = form.querySelector(".vigil-result");
    result.textContent = correct ? ui.correct : ui.incorrect;
    result.className = "vigil-result " + (correct ? "is-correct" : "is-incorrect");
    form.querySelector(".vigil-check").hidden = true;
    form.setAttribute("data-vigil-answered", correct ? "correct" : "incorrect");
    if (focus) result.focus();
  }

  function toMark(span) {
    var mark = document.createElement("mark");
    mark.className = "vigil-leak is-revealed";
    mark.setAttribute("data-vigil-leak", span.getAttribute("data-vigil-leak"));
    while (span.firstChild) mark.appendChild(span.firstChild);
    span.parentNode.replaceChild(mark, span);
  }

  /* Once every question is answered: flags, leaks and takeaways appear on the thread. */
  function reveal(root, ui) {
    var forms = root.querySelectorAll("form.vigil-q");
    var total = forms.length;
    var correct = root.querySelectorAll("form.vigil-q[data-vigil-answered=correct]").length;
    var answered = root.querySelectorAll("form.vigil-q[data-vigil-answered]").length;
    if (answered < total || root.classList.contains("is-revealed")) return;
    root.classList.add("is-revealed");
    each(root.querySelectorAll(".vigil-flag, .vigil-takeaways, .vigil-leak-label"), function (node) {
      node.hidden = false;
      var comment = node.closest(".vigil-comment");
      if (comment) comment.classList.add("is-flagged");
    });
    each(root.querySelectorAll("span.vigil-leak"), toMark);
    var status = root.querySelector(".vigil-reveal-status");
    if (status && total) status.textContent = fill(ui.revealed, { correct: correct, total: total });
  }

  function initQuestion(root, data, form) {
    var qid = form.getAttribute("data-vigil-question");
    var question = data.questions[qid];
    if (!question) return;
    var values = Array.prototype.map.call(inputs(form), function (input) {
      return input.value;
    });
    var saved = load(data.course, data.scenario, qid, values);
    if (saved) {
      showAnswer(form, question, data.ui, saved.answer, false);
      if (saved.correct !== grade(question, saved.answer)) {
        save(data.course, data.scenario, qid, saved.answer, grade(question, saved.answer));
      }
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-vigil-answered")) return;
      var answer = chosen(form);
      var result = form.querySelector(".vigil-result");
      if (!answer.length) {
        result.textContent = data.ui.choose;
        result.className = "vigil-result";
        result.focus();
        return;
      }
      save(data.course, data.scenario, qid, answer, grade(question, answer));
      showAnswer(form, question, data.ui, answer, true);
      reveal(root, data.ui);
    });
  }

  function initScenario(root, data) {
    data.course = root.getAttribute("data-vigil-course");
    data.scenario = root.getAttribute("data-vigil-scenario");
    each(root.querySelectorAll("form.vigil-q"), function (form) {
      initQuestion(root, data, form);
    });
    reveal(root, data.ui);
  }

  // --- home, module and progress pages ---

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
    return state;
  }

  function setStatus(node, text, kind) {
    node.textContent = text;
    node.setAttribute("data-vigil-state", kind);
  }

  function scenarioText(ui, state) {
    if (!state.total) return ui.noQuestions;
    if (state.done) return fill(ui.done, state);
    return state.answered ? fill(ui.inProgress, state) : ui.notStarted;
  }

  function kindOf(state) {
    return state.done ? "done" : state.answered ? "started" : "new";
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
            setStatus(node, scenarioText(data.ui, state), kindOf(state));
          }
        });
      });
      var moduleState = { done: done === module.scenarios.length, answered: answered };
      each(root.querySelectorAll("[data-vigil-module-status]"), function (node) {
        if (node.getAttribute("data-vigil-module-status") === module.id) {
          setStatus(node, fill(data.ui.moduleStatus, { done: done, total: module.scenarios.length }),
            kindOf(moduleState));
        }
      });
      totals.done += done;
      totals.total += module.scenarios.length;
      totals.answered += answered;
    });
    each(root.querySelectorAll("[data-vigil-course-status]"), function (node) {
      setStatus(node, fill(data.ui.courseStatus, totals),
        kindOf({ done: totals.done === totals.total, answered: totals.answered }));
    });
  }

  function initReset(root, data) {
    var button = root.querySelector(".vigil-reset");
    var confirmBox = root.querySelector(".vigil-confirm");
    var status = root.querySelector(".vigil-reset-status");
    if (!button || !confirmBox) return;
    function close(focus) {
      confirmBox.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (focus) button.focus();
    }
    button.addEventListener("click", function () {
      confirmBox.hidden = false;
      button.setAttribute("aria-expanded", "true");
      confirmBox.querySelector(".vigil-reset-no").focus();
    });
    confirmBox.querySelector(".vigil-reset-no").addEventListener("click", function () {
      close(true);
    });
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
    confirmBox.querySelector(".vigil-reset-yes").addEventListener("click", function () {
      erase(root.getAttribute("data-vigil-course"));
      close(true);
      showProgress(root, data);
      if (status) status.textContent = data.ui.erased;
    });
  }

  // --- start-up: once per page, with or without Material's instant navigation ---

  function init() {
    each(document.querySelectorAll(".vigil[data-vigil-course]"), function (root) {
      if (root.hasAttribute("data-vigil-ready")) return;
      root.setAttribute("data-vigil-ready", "");
      var data = pageData(root);
      if (!data || !data.ui) return;
      if (root.getAttribute("data-vigil-page") === "scenario") {
        if (data.questions) initScenario(root, data);
      } else if (Array.isArray(data.modules)) {
        showProgress(root, data);
        initReset(root, data);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
