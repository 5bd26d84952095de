/* Vigil quiz engine: grades answers from the page's embedded key, keeps progress through a
 * storage backend (on a plain site localStorage, or memory when it is blocked), reveals red
 * flags once every question is answered, and fills progress badges. It also runs the final
 * assessment (seeded draws, attempts; each drawn scenario's question bank is a static script
 * loaded on demand) and the certificate (its verification code). No framework, no fetch, no
 * eval.
 *
 * vigil.browser.bundle joins these parts inside one closure, so they share its scope: the
 * core parts, one storage backend, start.js. Each question kind's script (a defineKind call)
 * is a file of its own, loaded by the pages that use it (code.js). */

function each(list, fn) {
  Array.prototype.forEach.call(list, fn);
}

function has(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function fill(template, values) {
  return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
    return has(values, name) ? String(values[name]) : whole;
  });
}

/* Call fn(cleared) when another tab changes this course's records (cleared: a record was
 * erased), for as long as root is on the page. */
function onStorage(root, fn) {
  var course = "vigil:v" + VERSION + ":" + root.getAttribute("data-vigil-course") + ":";
  function listener(event) {
    if (!root.isConnected) return window.removeEventListener("storage", listener);
    if (event.key === null || event.key.indexOf(course) === 0) fn(event.newValue === null);
  }
  window.addEventListener("storage", listener);
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

/* Every choice of a question, whatever its kind draws: each has an entry in the feedback. */
function choiceValues(form) {
  return Array.prototype.map.call(form.querySelectorAll(".vigil-fb[data-vigil-for]"), function (fb) {
    return fb.getAttribute("data-vigil-for");
  });
}

/* The form's radio buttons and checkboxes, wherever they sit: a kind may draw them on the
 * thread's comments, tied to the form by their `form` attribute. */
function inputs(form) {
  return Array.prototype.filter.call(form.elements, function (el) {
    return el.matches("input[type=radio], input[type=checkbox]");
  });
}

/* What holds an input and its verdict: its own box on a comment, or its list item. */
function choiceItem(input) {
  return input.closest(".vigil-pick, li");
}

/* The device-local key of what the learner types into a form (a kind's text box): per
 * question, or per drawn question of the assessment. Its last part starts with "~", so a
 * backend that sends records elsewhere keeps it on the device. */
function deviceKey(form) {
  var root = form.closest("[data-vigil-course]");
  var course = root.getAttribute("data-vigil-course");
  var key = form.getAttribute("data-vigil-key");
  return (key ? courseKey(course, ASSESSMENT) + ":" + key :
    recordKey(course, root.getAttribute("data-vigil-scenario"), form.getAttribute("data-vigil-question"))) +
    ":~draft";
}

// --- question kinds: how a kind reads, shows and grades an answer; defaults for the rest ---

var baseKind = {
  /* The answer as the form holds it: checked values, in the order of the page. */
  read: function (form) {
    var out = [];
    each(inputs(form), function (input) {
      if (input.checked) out.push(input.value);
    });
    return out;
  },
  /* Make the form live, once per page. A kind with controls of its own (toggles, steps, a
   * text box) wires them here, and fires a bubbling "change" on the form when its answer
   * changes, so an attempt in progress is saved. */
  setup: function () {},
  /* Put an answer back unlocked (an attempt in progress); [] clears the form. */
  put: function (form, answer) {
    each(inputs(form), function (input) {
      input.checked = answer.indexOf(input.value) >= 0;
      input.disabled = false;
    });
  },
  /* Whether a stored answer can be this question's, given its choice values. */
  valid: function (answer, choices) {
    return answer.every(function (a) {
      return choices.indexOf(a) >= 0;
    });
  },
  /* Put an answer back into the form and lock it. */
  show: function (form, answer) {
    each(inputs(form), function (input) {
      input.checked = answer.indexOf(input.value) >= 0;
      input.disabled = true;
    });
  },
  /* Right when it is the key exactly, in any order. */
  grade: function (key, answer) {
    return answer.length === key.length && answer.every(function (a) {
      return key.indexOf(a) >= 0;
    });
  },
  /* What one choice's verdict says once `answer` is shown. */
  verdict: function (key, value, picked, correct, ui, answer) {
    var inKey = key.indexOf(value) >= 0;
    if (picked) return inKey ? ui.right : ui.wrong;
    return inKey ? ui.missed : "";
  }
};
var kinds = Object.create(null);

/* Register a question kind by its YAML type; what it leaves out comes from baseKind. */
function defineKind(name, behaviour) {
  var kind = {};
  Object.keys(baseKind).forEach(function (part) {
    kind[part] = behaviour && typeof behaviour[part] === "function" ? behaviour[part] : baseKind[part];
  });
  kinds[name] = kind;
}

/* The behaviour of a question type; an unknown type behaves as the defaults. */
function kindOf(type) {
  return kinds[type] || baseKind;
}

function grade(question, answer) {
  return kindOf(question.type).grade(question.answer, answer);
}

// --- pages with code of their own: definePage(name, start), run for data-vigil-page=name ---

var pageKinds = Object.create(null);

function definePage(name, start) {
  pageKinds[name] = start;
}

// --- start-up: once per page; start.js decides when ---

function init() {
  each(document.querySelectorAll(".vigil[data-vigil-course]"), function (root) {
    if (root.hasAttribute("data-vigil-ready")) return;
    root.setAttribute("data-vigil-ready", "");
    var data = pageData(root);
    if (data && data.ui) withCode(data, function () {
      startPage(root, data);
    });
  });
}

/* Run a page's part of the engine, once the code it names has loaded. */
function startPage(root, data) {
  var page = root.getAttribute("data-vigil-page");
  if (page === "scenario") {
    if (data.questions) initScenario(root, data);
  } else if (page === "assessment") {
    if (Array.isArray(data.bank) && data.assessment) initAssessment(root, data);
  } else if (pageKinds[page]) {
    pageKinds[page](root, data);
  } else if (Array.isArray(data.modules)) {
    showProgress(root, data);
    initReset(root, data);
    onStorage(root, function () {
      showProgress(root, data);
    });
  }
}
