// --- scenario pages: the thread's questions, graded by their kind, then the reveal ---

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
    fb.querySelector(".vigil-fb-verdict").textContent =
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
  var shown = ".vigil-flag, .vigil-takeaways, .vigil-leak-label, .vigil-harvest";
  each(root.querySelectorAll(shown), function (node) {
    node.hidden = false;
    var comment = node.closest(".vigil-comment");
    if (comment) comment.classList.add("is-flagged");
  });
  each(root.querySelectorAll("span.vigil-leak"), toMark);
  var status = root.querySelector(".vigil-reveal-status");
  if (status && total) status.textContent = fill(ui.revealed, { correct: correct, total: total });
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
  });
}

function initScenario(root, data) {
  data.course = root.getAttribute("data-vigil-course");
  data.scenario = root.getAttribute("data-vigil-scenario");
  each(root.querySelectorAll("form.vigil-q"), function (form) {
    initQuestion(root, data, form);
  });
  reveal(root, data.ui);
  onStorage(root, function () {
    each(root.querySelectorAll("form.vigil-q"), function (form) {
      restore(data, form);
    });
    reveal(root, data.ui);
  });
}
