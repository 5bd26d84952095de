// --- the review of a finished attempt by tactic: what was missed, module by module ---

/* Pure: for each module of the set, in the bank's order, how many of its questions were
 * right and the keys of those missed, each question graded by its kind. None while a drawn
 * question's bank is not loaded: a summary then would count it as missed. */
function byTactic(data, items, answers) {
  var known = items.every(function (item) {
    return data.questions[item.key] && data.questions[item.key].answer;
  });
  if (!known) return [];
  var results = gradeAttempt(data, items, answers).results;
  var rows = [];
  data.bank.forEach(function (module) {
    var own = Object.create(null);
    module.questions.forEach(function (q) {
      own[q.key] = true;
    });
    var keys = items.map(function (item) {
      return item.key;
    }).filter(function (key) {
      return own[key];
    });
    var missed = keys.filter(function (key) {
      return !results[key];
    });
    if (keys.length) {
      rows.push({ module: module.id, title: module.title, total: keys.length,
        correct: keys.length - missed.length, missed: missed });
    }
  });
  return rows;
}

/* One line per tactic in `box`'s list: its score, then links to the questions missed, by
 * the numbers their legends show (their order on the page), so a learner can go straight
 * to what to read again. No rows: the box is hidden. */
function showByTactic(box, ui, rows) {
  var list = box.querySelector("ul");
  var numbers = Object.create(null);
  var root = box.closest(".vigil-assessment");
  each(root.querySelectorAll(".vigil-a-list form.vigil-q[data-vigil-key]:not([hidden])"),
    function (form, i) {
      numbers[form.getAttribute("data-vigil-key")] = i + 1;
    });
  list.textContent = "";
  box.hidden = !rows.length;
  rows.forEach(function (row) {
    var line = document.createElement("li");
    line.className = row.missed.length ? "is-incorrect" : "is-correct";
    line.setAttribute("data-vigil-module", row.module);
    line.textContent = fill(ui.tacticScore, { tactic: row.title, correct: row.correct,
      total: row.total });
    if (row.missed.length) line.appendChild(document.createTextNode(ui.sentenceSeparator + ui.tacticMissed));
    row.missed.forEach(function (key, i) {
      var link = document.createElement("a");
      link.href = "#vigil-q_" + key;
      link.textContent = fill(ui.questionLink, { number: numbers[key] });
      line.appendChild(document.createTextNode(i ? ui.listSeparator : " "));
      line.appendChild(link);
    });
    list.appendChild(line);
  });
}

window.VigilAssessment.byTactic = byTactic;
