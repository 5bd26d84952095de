/* Versioned progress records on top of the storage backend: answers per question,
 * assessment attempts and the certificate name, under vigil:v<N>:<course>:... keys. */

var VERSION = 1;

function recordKey(course, scenario, question) {
  return ["vigil", "v" + VERSION, course, scenario, question].join(":");
}

/* `fits(answer)`, when given, says whether the answer can be this question's (its kind's
 * `valid`); without it any answer of strings is kept. */
function isRecord(rec, fits) {
  return !!rec && typeof rec === "object" && rec.v === VERSION &&
    isAnswer(rec.answer) && rec.answer.length > 0 && (!fits || fits(rec.answer)) &&
    typeof rec.correct === "boolean" && isTime(rec.t);
}

/* A saved answer, or null; corrupt, foreign or old-version data is dropped. */
function load(course, scenario, question, fits) {
  var key = recordKey(course, scenario, question);
  var raw = readRaw(key);
  if (raw === null) return null;
  var rec = null;
  try {
    rec = JSON.parse(raw);
  } catch (e) { /* corrupt */ }
  if (isRecord(rec, fits)) return rec;
  removeRaw(key);
  return null;
}

function save(course, scenario, question, answer, correct) {
  put(recordKey(course, scenario, question),
    JSON.stringify({ v: VERSION, answer: answer, correct: correct, t: Date.now() }));
}

/* Write through the backend; when storage is full or blocked, the learner is told once. */
function put(key, value) {
  if (writeRaw(key, value) === false) warnUnsaved();
}

function warnUnsaved() {
  each(document.querySelectorAll(".vigil[data-vigil-course]"), function (root) {
    var ui = (pageData(root) || {}).ui;
    if (!ui || !ui.unsaved || root.querySelector(".vigil-unsaved")) return;
    var box = document.createElement("div");
    box.className = "vigil-unsaved admonition warning";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-live", "assertive");
    box.style.cssText = "position:sticky;top:3rem;z-index:2"; // in sight while answering
    var p = document.createElement("p");
    box.appendChild(p);
    root.insertBefore(box, root.firstChild);
    p.textContent = ui.unsaved;
  });
}

/* Erase a course's records on this device, or only one scenario's when it is given. */
function erase(course, scenario) {
  var prefix = /^vigil:v\d+:/;
  var start = course + ":" + (scenario ? scenario + ":" : "");
  allKeys().forEach(function (key) {
    if (prefix.test(key) && key.replace(prefix, "").indexOf(start) === 0) removeRaw(key);
  });
}

var ASSESSMENT = "@assessment"; // storage names start with "@": scenario ids never do
var CERTIFICATE = "@certificate";

function courseKey(course, name) {
  return ["vigil", "v" + VERSION, course, name].join(":");
}

// --- attempts: one record per course, vigil:v<N>:<course>:@assessment ---

function isCount(n, max) {
  return typeof n === "number" && n % 1 === 0 && n >= 0 && n <= max;
}

function isTime(t) {
  return isCount(t, 1e16);
}

function isAnswer(a) {
  return Array.isArray(a) && a.every(function (v) {
    return typeof v === "string";
  });
}

/* A real calendar day, written YYYY-MM-DD. */
function isDate(s) {
  var m = typeof s === "string" && /^(\d{4})-(\d\d)-(\d\d)$/.exec(s);
  if (!m) return false;
  var d = new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === +m[3];
}

function isSummary(a) {
  return !!a && typeof a === "object" && isCount(a.seed, 4294967295) && isTime(a.t) &&
    isCount(a.score, 100) && typeof a.passed === "boolean" && isDate(a.date) &&
    (a.total === undefined ? a.correct === undefined :
      isCount(a.total, 1e6) && isCount(a.correct, a.total));
}

/* A copy of a stored map, without a prototype, if every value passes `ok`. */
function toMap(obj, ok) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return null;
  var map = Object.create(null);
  var keys = Object.keys(obj);
  for (var i = 0; i < keys.length; i++) {
    if (!ok(obj[keys[i]])) return null;
    map[keys[i]] = obj[keys[i]];
  }
  return map;
}

/* The stored attempt in progress as this page uses it, or null when it is not well formed. */
function toCurrent(c) {
  if (!c || typeof c !== "object" || !isCount(c.seed, 4294967295) || !isTime(c.t) ||
      typeof c.done !== "boolean" || !Array.isArray(c.items) || !c.items.length) return null;
  var seen = Object.create(null);
  var items = c.items.every(function (i) {
    var ok = !!i && typeof i.key === "string" && /^[^_]+_./.test(i.key) && !has(seen, i.key) &&
      (i.options === undefined || isAnswer(i.options));
    if (ok) seen[i.key] = true;
    return ok;
  });
  var answers = toMap(c.answers, isAnswer);
  var checked = toMap(c.checked || {}, function (v) {
    return v === true;
  });
  if (!items || !answers || !checked) return null;
  return { seed: c.seed, t: c.t, done: c.done, answers: answers, checked: checked,
    items: c.items.map(function (i) {
      return i.options ? { key: i.key, module: i.module, options: i.options } : { key: i.key, module: i.module };
    }) };
}

/* The attempts so far and the latest attempt's set and answers: a record or an attempt that
 * is not well formed (a tampered score, a key such as "__proto__") is dropped. */
function loadAssessment(course) {
  var key = courseKey(course, ASSESSMENT);
  var raw = readRaw(key);
  var rec = null;
  if (raw !== null) {
    try {
      rec = JSON.parse(raw);
    } catch (e) { /* corrupt */ }
    if (rec && rec.v === VERSION && Array.isArray(rec.attempts)) {
      return { v: VERSION, attempts: rec.attempts.filter(isSummary),
        current: toCurrent(rec.current) };
    }
    removeRaw(key);
  }
  return { v: VERSION, attempts: [], current: null };
}

function sameAttempt(a, b) {
  return !!a && !!b && a.seed === b.seed && a.t === b.t;
}

/* What another tab stored, merged with this page's state: attempts are only ever added (a
 * recorded pass is never lost, the count never goes down); of two attempts in progress the
 * later one is kept, and of the same one, this page's answers over the stored ones, and
 * done if either is done. */
function mergeAssessment(stored, mine) {
  var seen = Object.create(null);
  var attempts = [];
  stored.attempts.concat(mine.attempts).forEach(function (a) {
    var id = JSON.stringify(a);
    if (!seen[id]) attempts.push(a);
    seen[id] = true;
  });
  attempts.sort(function (a, b) {
    return a.t - b.t;
  });
  var s = stored.current;
  var m = mine.current;
  var current = !s || !m ? s || m : !sameAttempt(s, m) ? (s.t > m.t ? s : m) : s.done && !m.done ? s : m;
  if (current && sameAttempt(s, m) && current === m) {
    Object.keys(s.answers).forEach(function (k) {
      if (!has(m.answers, k)) m.answers[k] = s.answers[k];
    });
    Object.keys(s.checked).forEach(function (k) {
      m.checked[k] = true;
    });
  }
  return { v: VERSION, attempts: attempts, current: current };
}

function saveAssessment(course, state) {
  put(courseKey(course, ASSESSMENT), JSON.stringify(state));
}

// --- the name on the certificate: vigil:v<N>:<course>:@certificate ---

function loadName(course) {
  var raw = readRaw(courseKey(course, CERTIFICATE));
  try {
    var rec = raw && JSON.parse(raw);
    if (rec && rec.v === VERSION && typeof rec.name === "string") return rec.name;
  } catch (e) { /* corrupt: ask again */ }
  return "";
}

function saveName(course, name) {
  put(courseKey(course, CERTIFICATE), JSON.stringify({ v: VERSION, name: name }));
}
