/* Versioned progress records on top of the storage backend: answers per question,
 * assessment attempts and the certificate name, under vigil:v<N>:<course>:... keys. */

var VERSION = 1;

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

var ASSESSMENT = "@assessment"; // storage names start with "@": scenario ids never do
var CERTIFICATE = "@certificate";

function courseKey(course, name) {
  return ["vigil", "v" + VERSION, course, name].join(":");
}

// --- attempts: one record per course, vigil:v<N>:<course>:@assessment ---

function isAnswer(a) {
  return Array.isArray(a) && a.every(function (v) {
    return typeof v === "string";
  });
}

function isSummary(a) {
  return !!a && typeof a === "object" && typeof a.score === "number" &&
    typeof a.passed === "boolean" && typeof a.date === "string" &&
    /^\d{4}-\d\d-\d\d$/.test(a.date);
}

function isCurrent(c) {
  return !!c && typeof c === "object" && typeof c.seed === "number" &&
    typeof c.done === "boolean" && Array.isArray(c.items) && c.items.every(function (i) {
      return !!i && typeof i.key === "string" && (i.options === undefined || isAnswer(i.options));
    }) && !!c.answers && typeof c.answers === "object" && Object.keys(c.answers).every(function (k) {
      return isAnswer(c.answers[k]);
    });
}

/* The attempts so far and the latest attempt's set and answers; bad data is dropped. */
function loadAssessment(course) {
  var key = courseKey(course, ASSESSMENT);
  var raw = readRaw(key);
  var rec = null;
  if (raw !== null) {
    try {
      rec = JSON.parse(raw);
    } catch (e) { /* corrupt */ }
    if (rec && rec.v === VERSION && Array.isArray(rec.attempts) && rec.attempts.every(isSummary) &&
        (rec.current == null || isCurrent(rec.current))) {
      rec.current = rec.current || null;
      if (rec.current) rec.current.checked = rec.current.checked || {};
      return rec;
    }
    removeRaw(key);
  }
  return { v: VERSION, attempts: [], current: null };
}

function saveAssessment(course, state) {
  writeRaw(courseKey(course, ASSESSMENT), JSON.stringify(state));
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
  writeRaw(courseKey(course, CERTIFICATE), JSON.stringify({ v: VERSION, name: name }));
}
