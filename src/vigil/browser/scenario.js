// --- scenario pages: the thread's questions, graded by their kind, then the reveal ---

/* A feedback item's verdict, in a head "<verdict> <label>" made the first time it is shown:
 * the page carries only the label (data-vigil-label), which keeps pages small. */
function fbVerdict(fb) {
  var verdict = fb.querySelector(".vigil-fb-verdict");
  if (verdict) return verdict;
  var head = document.createElement("p");
  head.className = "vigil-fb-head";
  verdict = head.appendChild(document.createElement("span"));
  verdict.className = "vigil-fb-verdict";
  head.appendChild(document.createTextNode(" "));
  var label = head.appendChild(document.createElement("span"));
  label.className = "vigil-fb-label";
  label.textContent = fb.getAttribute("data-vigil-label") || "";
  fb.insertBefore(head, fb.firstChild);
  return verdict;
}

/* Lock the form on an answer and show its verdicts, feedback and explanation. */
function showAnswer(form, question, ui, answer, focus) {
  var kind = kindOf(question.type);
  var key = question.answer;
  var correct = kind.grade(key, answer);
  kind.show(form, answer);
  each(inputs(form), function (input) {
    var picked = answer.indexOf(input.value) >= 0;
    var item = choiceItem(input);
    if (item) {
      item.querySelector(".vigil-verdict").textContent =
        kind.verdict(key, input.value, picked, correct, ui, answer);
      item.classList.toggle("is-key", key.indexOf(input.value) >= 0);
      item.classList.toggle("is-picked", picked);
    }
  });
  each(form.querySelectorAll(".vigil-fb"), function (fb) {
    var value = fb.getAttribute("data-vigil-for");
    var picked = answer.indexOf(value) >= 0;
    fb.hidden = !(picked || key.indexOf(value) >= 0);
    fbVerdict(fb).textContent =
      kind.verdict(key, value, picked, correct, ui, answer);
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

/* Put a form back as it was before any answer: nothing chosen, no verdict, no feedback. */
function unanswer(form, question) {
  kindOf(question && question.type).put(form, []);
  each(inputs(form), function (input) {
    var item = choiceItem(input);
    if (!item) return;
    item.classList.remove("is-key", "is-picked");
    var verdict = item.querySelector(".vigil-verdict");
    if (verdict) verdict.textContent = "";
  });
  each(form.querySelectorAll(".vigil-fb, .vigil-explanation"), function (node) {
    node.hidden = true;
  });
  var result = form.querySelector(".vigil-result");
  result.textContent = "";
  result.className = "vigil-result";
  form.querySelector(".vigil-check").hidden = false;
  form.removeAttribute("data-vigil-answered");
}

var REVEALED = ".vigil-flag, .vigil-takeaways, .vigil-leak-label, .vigil-harvest";

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
  each(root.querySelectorAll(REVEALED), function (node) {
    node.hidden = false;
    var comment = node.closest(".vigil-comment");
    if (comment) comment.classList.add("is-flagged");
  });
  each(root.querySelectorAll("span.vigil-leak"), toMark);
  var status = root.querySelector(".vigil-reveal-status");
  if (status && total) status.textContent = fill(ui.revealed, { correct: correct, total: total });
}

/* The thread as it was before the reveal, for a scenario tried again. */
function unreveal(root) {
  if (!root.classList.contains("is-revealed")) return;
  root.classList.remove("is-revealed");
  each(root.querySelectorAll(REVEALED), function (node) {
    node.hidden = true;
  });
  each(root.querySelectorAll(".vigil-comment.is-flagged"), function (node) {
    node.classList.remove("is-flagged");
  });
  each(root.querySelectorAll("mark.vigil-leak"), function (mark) {
    var span = document.createElement("span");
    span.className = "vigil-leak";
    span.setAttribute("data-vigil-leak", mark.getAttribute("data-vigil-leak"));
    while (mark.firstChild) span.appendChild(mark.firstChild);
    mark.parentNode.replaceChild(span, mark);
  });
}

/* Forms whose record is gone (this scenario tried again, here or in another tab) are
 * answered afresh; the offer to try again shows once any question is answered. */
function forget(root, data) {
  each(root.querySelectorAll("form.vigil-q[data-vigil-answered]"), function (form) {
    var qid = form.getAttribute("data-vigil-question");
    if (!load(data.course, data.scenario, qid, null)) {
      unanswer(form, questionOf(data, form));
      unreveal(root);
    }
  });
  showRetry(root);
}

function showRetry(root) {
  var area = root.querySelector(".vigil-retry-area");
  if (area) area.hidden = !root.querySelector("form.vigil-q[data-vigil-answered]");
}

function initRetry(root, data) {
  var area = root.querySelector(".vigil-retry-area");
  if (!area) return;
  var box = area.querySelector(".vigil-confirm");
  askFirst(area.querySelector(".vigil-retry"), box, box.querySelector(".vigil-retry-yes"),
    box.querySelector(".vigil-retry-no"), function () {
      erase(data.course, data.scenario);
      forget(root, data);
      var status = root.querySelector(".vigil-reveal-status");
      if (status) status.textContent = data.ui.retried;
      var heading = root.querySelector("#vigil-questions-title");
      if (heading) heading.focus();
    });
  showRetry(root);
}

function questionOf(data, form) {
  var qid = form.getAttribute("data-vigil-question");
  return has(data.questions, qid) ? data.questions[qid] : null;
}

/* Show the question's saved answer, if there is one (from this page or another tab). */
function restore(data, form) {
  var qid = form.getAttribute("data-vigil-question");
  var question = questionOf(data, form);
  var saved = question && load(data.course, data.scenario, qid, function (answer) {
    return kindOf(question.type).valid(answer, choiceValues(form));
  });
  if (!saved || form.hasAttribute("data-vigil-answered")) return;
  showAnswer(form, question, data.ui, saved.answer, false);
  if (saved.correct !== grade(question, saved.answer)) {
    save(data.course, data.scenario, qid, saved.answer, grade(question, saved.answer));
  }
}

function initQuestion(root, data, form) {
  var qid = form.getAttribute("data-vigil-question");
  var question = questionOf(data, form);
  if (!question) return;
  kindOf(question.type).setup(form, question, data.ui);
  restore(data, form);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (form.hasAttribute("data-vigil-answered")) return;
    var answer = kindOf(question.type).read(form);
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
    showRetry(root);
  });
}

function initScenario(root, data) {
  data.course = root.getAttribute("data-vigil-course");
  data.scenario = root.getAttribute("data-vigil-scenario");
  each(root.querySelectorAll("form.vigil-q"), function (form) {
    initQuestion(root, data, form);
  });
  reveal(root, data.ui);
  initRetry(root, data);
  onStorage(root, function (cleared) {
    if (cleared) forget(root, data);
    each(root.querySelectorAll("form.vigil-q"), function (form) {
      restore(data, form);
    });
    reveal(root, data.ui);
    showRetry(root);
  });
}
