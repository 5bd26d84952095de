// --- the course notebook: what the learner's answers let through, from their own records ---

/* Each scenario's notebook file is a script that calls VigilNotebook.add(id, notebook):
 * {leaks: [{ref, category, by, text}], catches: {question id: {answer value: [ref]}}}. */
var notebooks = (window.VigilNotebook && window.VigilNotebook.notebooks) || Object.create(null);
window.VigilNotebook = { notebooks: notebooks, add: function (id, notebook) {
  if (isNotebook(notebook)) notebooks[id] = notebook;
} };

function isNotebook(n) {
  return !!n && Array.isArray(n.leaks) && !!n.catches && typeof n.catches === "object" &&
    n.leaks.every(function (leak) {
      return !!leak && ["ref", "category", "by", "text"].every(function (field) {
        return typeof leak[field] === "string";
      });
    });
}

/* The refs a scenario's saved answers caught: each value of an answer catches what its
 * question lists for it; a value it does not list (a tampered record) catches nothing. */
function caughtLeaks(course, scenario, notebook) {
  var caught = Object.create(null);
  scenario.questions.forEach(function (qid) {
    var table = has(notebook.catches, qid) ? notebook.catches[qid] : null;
    var rec = table && typeof table === "object" && load(course, scenario.id, qid, null);
    if (!rec) return;
    rec.answer.forEach(function (value) {
      var refs = has(table, value) ? table[value] : null;
      if (Array.isArray(refs)) {
        refs.forEach(function (ref) {
          caught[ref] = true;
        });
      }
    });
  });
  return caught;
}

function cell(row, child) {
  var td = row.insertCell();
  td.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
}

function element(tag, text) {
  var node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/* One category's section: a heading, then a table of its details, who gave each away and
 * in which thread. */
function leakGroup(ui, category, rows) {
  var section = document.createElement("section");
  var heading = element("h2", category.name);
  heading.id = "vigil-nb-" + category.id;
  section.setAttribute("aria-labelledby", heading.id);
  section.appendChild(heading);
  var table = document.createElement("table");
  var head = table.createTHead().insertRow();
  [ui.nbDetail, ui.nbBy, ui.nbWhere].forEach(function (text) {
    var th = element("th", text);
    th.scope = "col";
    head.appendChild(th);
  });
  var body = table.createTBody();
  rows.forEach(function (row) {
    var tr = body.insertRow();
    var link = element("a", row.scenario.title);
    link.href = row.scenario.url;
    cell(tr, element("q", row.leak.text));
    cell(tr, row.leak.by);
    cell(tr, link);
  });
  section.appendChild(table);
  return section;
}

/* List the leaks of the done scenarios that their answers did not catch, by category. */
function showNotebook(root, data, done, failed) {
  var course = root.getAttribute("data-vigil-course");
  var ui = data.ui;
  var groups = Object.create(null);
  data.categories.forEach(function (category) {
    groups[category.id] = [];
  });
  var count = { leaks: 0, threads: 0 };
  done.forEach(function (scenario) {
    var notebook = notebooks[scenario.id];
    if (!notebook) return;
    var caught = caughtLeaks(course, scenario, notebook);
    var left = notebook.leaks.filter(function (leak) {
      return !caught[leak.ref] && !!groups[leak.category];
    });
    left.forEach(function (leak) {
      groups[leak.category].push({ leak: leak, scenario: scenario });
    });
    count.leaks += left.length;
    count.threads += left.length ? 1 : 0;
  });
  var list = root.querySelector(".vigil-nb-list");
  list.textContent = "";
  data.categories.forEach(function (category) {
    var rows = groups[category.id];
    if (rows.length) list.appendChild(leakGroup(ui, category, rows));
  });
  list.setAttribute("aria-busy", "false");
  root.querySelector(".vigil-nb-status").textContent = !done.length ? ui.nbNothingYet :
    count.leaks ? fill(ui.nbCount, count) : failed.length ? "" : ui.nbEmpty;
  var warning = root.querySelector(".vigil-nb-failed");
  warning.textContent = failed.length ? ui.nbFailed : "";
  warning.hidden = !failed.length;
}

/* The done scenarios are those whose every question has a saved answer, as on the
 * progress page; their notebook files load on demand, then the list is drawn. */
function initNotebook(root, data) {
  if (!Array.isArray(data.scenarios) || !Array.isArray(data.categories)) return;
  var course = root.getAttribute("data-vigil-course");
  function update() {
    var done = data.scenarios.filter(function (scenario) {
      return scenario.questions.length > 0 && scenarioState(course, scenario).done;
    });
    root.querySelector(".vigil-nb-list").setAttribute("aria-busy", "true");
    loadBanks(data.notebook_url, done.map(function (scenario) {
      return scenario.id;
    }), function (failed) {
      showNotebook(root, data, done, failed);
    }, notebooks);
  }
  update();
  onStorage(root, update);
}

definePage("notebook", initNotebook);
