// --- suspend data: the course's records in a few characters each ---
//
// SCORM 1.2 keeps 4,096 characters of suspend data. The records are the engine's own
// (records.js): a question's answer, the assessment's attempts, anything else as written.
// The course's structure (COURSE, from the package) turns ids into positions, and choice
// values into one character each; any record of another shape travels as written. The
// text is printable ASCII, so no LMS has to escape it:
//
//   1<fingerprint> | <stamp> | <answers> | <assessment> | <other records>
//
// answers     entries for answered questions in course order, split by ";": how many
//             questions were skipped since the last (base 36, none if 0), "!" (correct) or
//             "~" (not), then the answer's values
// values      one character of DIGITS per value that is one of the question's choices (its
//             position), else *<escaped value>*
// assessment  attempts split by "," (seed:t:day:score:correct:total:passed, numbers in
//             base 36), "/", then the attempt in progress: seed:t:done:items, items split by
//             "," as <question>"!"|"~"<options>"="<answer> (checked or not; "^" for none)
// other       <escaped key after the course's prefix>=<escaped value>, split by ";"
//
// A question's answer comes back with the stamp (when the data was written) as its time.
// When the course's structure has changed (another fingerprint), only the other records
// are read back: positions would point at other questions.

var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
var FORMAT = "1";
var ABSENT = "^";

function has(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/* A key whose last part starts with "~" holds what the learner typed: it stays on this
 * device and never reaches the LMS (suspend data, interactions or comments). */
function isDeviceLocal(key) {
  var parts = String(key).split(":");
  return parts[parts.length - 1].charAt(0) === "~";
}

/* Letters, digits, "-", "_", "." as they are; everything else %XX (UTF-8). */
function esc(text) {
  return encodeURIComponent(text).replace(/[!'()*~]/g, function (c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}

function b36(n) {
  return n.toString(36);
}

function num(text) {
  return /^[0-9a-z]+$/.test(text) ? parseInt(text, 36) : NaN;
}

function isCount(n) {
  return typeof n === "number" && n % 1 === 0 && n >= 0 && n <= 1e16;
}

function isStrings(a) {
  return Array.isArray(a) && a.every(function (v) {
    return typeof v === "string";
  });
}

/* Whether obj has exactly these own keys (`optional` may be missing). */
function keysAre(obj, required, optional) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return false;
  var keys = Object.keys(obj);
  return required.every(function (k) {
    return keys.indexOf(k) >= 0;
  }) && keys.every(function (k) {
    return required.indexOf(k) >= 0 || (optional || []).indexOf(k) >= 0;
  });
}

function tokens(values, choices) {
  return values.map(function (v) {
    var i = choices.indexOf(v);
    return i >= 0 && i < DIGITS.length ? DIGITS.charAt(i) : "*" + esc(v) + "*";
  }).join("");
}

function untokens(text, choices) {
  var out = [];
  for (var i = 0; i < text.length;) {
    if (text.charAt(i) === "*") {
      var end = text.indexOf("*", i + 1);
      if (end < 0) throw new Error("unterminated value");
      out.push(decodeURIComponent(text.slice(i + 1, end)));
      i = end + 1;
    } else {
      var at = DIGITS.indexOf(text.charAt(i));
      if (at < 0 || at >= choices.length) throw new Error("no such choice");
      out.push(choices[at]);
      i += 1;
    }
  }
  return out;
}

/* The course's structure as the codec uses it: record keys and bank keys to positions. */
function courseIndex(course) {
  var prefix = "vigil:v1:" + course.course + ":";
  var index = { prefix: prefix, byKey: Object.create(null), byBank: Object.create(null) };
  course.questions.forEach(function (q, i) {
    var scenario = course.scenarios[q[0]];
    index.byKey[prefix + scenario[0] + ":" + q[1]] = i;
    index.byBank[scenario[0] + "_" + q[1]] = i;
  });
  return index;
}

function parsed(raw) {
  try {
    return JSON.parse(raw);
  } catch (e) {
    return null;
  }
}

function isAnswerRecord(rec) {
  return keysAre(rec, ["v", "answer", "correct", "t"]) && rec.v === 1 &&
    isStrings(rec.answer) && typeof rec.correct === "boolean" && isCount(rec.t);
}

function encodeAnswers(store, course, index, used) {
  var parts = [];
  var last = -1;
  course.questions.forEach(function (q, i) {
    var key = index.prefix + course.scenarios[q[0]][0] + ":" + q[1];
    var rec = has(store, key) ? parsed(store[key]) : null;
    if (!isAnswerRecord(rec)) return;
    var skipped = i - last - 1;
    parts.push((skipped ? b36(skipped) : "") + (rec.correct ? "!" : "~") + tokens(rec.answer, q[2]));
    last = i;
    used[key] = true;
  });
  return parts.join(";");
}

function decodeAnswers(text, course, index, stamp, out) {
  var at = -1;
  text.split(";").forEach(function (entry) {
    var m = /^([0-9a-z]*)([!~])(.*)$/.exec(entry);
    if (!m) throw new Error("bad answer entry");
    at += 1 + (m[1] ? num(m[1]) : 0);
    var q = course.questions[at];
    if (!q) throw new Error("no such question");
    var key = index.prefix + course.scenarios[q[0]][0] + ":" + q[1];
    out[key] = JSON.stringify({ v: 1, answer: untokens(m[3], q[2]), correct: m[2] === "!",
      t: stamp });
  });
}

function isDay(s) {
  return typeof s === "string" && /^\d{4}-\d\d-\d\d$/.test(s) &&
    new Date(s + "T00:00:00Z").toISOString().slice(0, 10) === s;
}

function isAttempt(a) {
  return keysAre(a, ["seed", "t", "date", "score", "passed"], ["correct", "total"]) &&
    isCount(a.seed) && isCount(a.t) && isDay(a.date) && isCount(a.score) &&
    typeof a.passed === "boolean" && (a.total === undefined ? a.correct === undefined :
      isCount(a.total) && isCount(a.correct));
}

/* The assessment record in the short form, or null when it has another shape. */
function encodeAssessment(rec, course, index) {
  if (!keysAre(rec, ["v", "attempts", "current"]) || rec.v !== 1 ||
      !Array.isArray(rec.attempts) || !rec.attempts.every(isAttempt)) return null;
  var attempts = rec.attempts.map(function (a) {
    var day = Date.parse(a.date + "T00:00:00Z") / 86400000;
    var counted = a.total === undefined ? ["", ""] : [b36(a.correct), b36(a.total)];
    return [b36(a.seed), b36(a.t), b36(day), b36(a.score)].concat(counted, a.passed ? "1" : "0").join(":");
  }).join(",");
  var c = rec.current;
  if (c === null) return attempts + "/";
  if (!keysAre(c, ["seed", "t", "done", "items", "answers", "checked"]) || !isCount(c.seed) ||
      !isCount(c.t) || typeof c.done !== "boolean" || !Array.isArray(c.items) ||
      !c.answers || typeof c.answers !== "object" || !c.checked || typeof c.checked !== "object") {
    return null;
  }
  var keys = Object.create(null);
  var items = [];
  for (var i = 0; i < c.items.length; i++) {
    var item = c.items[i];
    var at = item && has(index.byBank, item.key) ? index.byBank[item.key] : -1;
    if (at < 0 || keys[item.key] || !keysAre(item, ["key", "module"], ["options"]) ||
        item.module !== course.modules[course.scenarios[course.questions[at][0]][1]] ||
        (item.options !== undefined && !isStrings(item.options))) return null;
    var answer = has(c.answers, item.key) ? c.answers[item.key] : undefined;
    var checked = has(c.checked, item.key) ? c.checked[item.key] : undefined;
    if ((answer !== undefined && !isStrings(answer)) || (checked !== undefined && checked !== true)) {
      return null;
    }
    keys[item.key] = true;
    var choices = course.questions[at][2];
    items.push(b36(at) + (checked ? "!" : "~") +
      (item.options ? tokens(item.options, choices) : ABSENT) + "=" +
      (answer ? tokens(answer, choices) : ABSENT));
  }
  var stray = Object.keys(c.answers).concat(Object.keys(c.checked)).some(function (k) {
    return !keys[k];
  });
  if (stray) return null;
  return attempts + "/" + [b36(c.seed), b36(c.t), c.done ? "1" : "0", items.join(",")].join(":");
}

function decodeAssessment(text, course) {
  var halves = text.split("/");
  if (halves.length !== 2) throw new Error("bad assessment");
  var attempts = halves[0] ? halves[0].split(",").map(function (entry) {
    var f = entry.split(":");
    if (f.length !== 7) throw new Error("bad attempt");
    var a = { seed: num(f[0]), t: num(f[1]),
      date: new Date(num(f[2]) * 86400000).toISOString().slice(0, 10), score: num(f[3]) };
    if (f[5]) {
      a.correct = num(f[4]);
      a.total = num(f[5]);
    }
    a.passed = f[6] === "1";
    return a;
  }) : [];
  var current = null;
  if (halves[1]) {
    var f = halves[1].split(":");
    if (f.length !== 4) throw new Error("bad attempt in progress");
    current = { seed: num(f[0]), t: num(f[1]), items: [], answers: {}, checked: {}, done: f[2] === "1" };
    (f[3] ? f[3].split(",") : []).forEach(function (entry) {
      var m = /^([0-9a-z]+)([!~])([^=]*)=(.*)$/.exec(entry);
      var q = m && course.questions[num(m[1])];
      if (!q) throw new Error("bad item");
      var key = course.scenarios[q[0]][0] + "_" + q[1];
      var item = { key: key, module: course.modules[course.scenarios[q[0]][1]] };
      if (m[3] !== ABSENT) item.options = untokens(m[3], q[2]);
      current.items.push(item);
      if (m[4] !== ABSENT) current.answers[key] = untokens(m[4], q[2]);
      if (m[2] === "!") current.checked[key] = true;
    });
  }
  return JSON.stringify({ v: 1, attempts: attempts, current: current });
}

/* The records of `store` (key → raw value) as suspend data. Keys of another course or of
 * this device only, and values that cannot be written (a lone surrogate), are left out. */
function encodeStore(store, course, stamp) {
  var index = courseIndex(course);
  var used = Object.create(null);
  var answers = encodeAnswers(store, course, index, used);
  var assessmentKey = index.prefix + "@assessment";
  var assessment = "";
  if (has(store, assessmentKey)) {
    var short = encodeAssessment(parsed(store[assessmentKey]), course, index);
    if (short !== null) {
      assessment = short;
      used[assessmentKey] = true;
    }
  }
  var others = [];
  Object.keys(store).sort().forEach(function (key) {
    if (used[key] || key.indexOf(index.prefix) !== 0 || isDeviceLocal(key)) return;
    try {
      others.push(esc(key.slice(index.prefix.length)) + "=" + esc(store[key]));
    } catch (e) { /* not text a URI can hold: kept for this session only */ }
  });
  return [FORMAT + course.fp, b36(Math.floor(stamp / 1000)), answers, assessment,
    others.join(";")].join("|");
}

/* The records in suspend data, as raw values by key; {} for data of another format. A
 * part that cannot be read is skipped, the rest still count. */
function decodeStore(text, course) {
  var out = Object.create(null);
  var parts = String(text || "").split("|");
  if (parts.length !== 5 || parts[0].charAt(0) !== FORMAT) return out;
  var index = courseIndex(course);
  var same = parts[0].slice(1) === course.fp;
  var stamp = num(parts[1]) * 1000;
  var read = function (fn) {
    try {
      fn();
    } catch (e) { /* this part is lost; the others stand */ }
  };
  if (same && parts[2] && isCount(stamp)) {
    read(function () {
      var answers = Object.create(null);
      decodeAnswers(parts[2], course, index, stamp, answers);
      Object.keys(answers).forEach(function (k) {
        out[k] = answers[k];
      });
    });
  }
  if (same && parts[3]) {
    read(function () {
      out[index.prefix + "@assessment"] = decodeAssessment(parts[3], course);
    });
  }
  (parts[4] ? parts[4].split(";") : []).forEach(function (entry) {
    read(function () {
      var pair = entry.split("=");
      if (pair.length !== 2) throw new Error("bad record");
      var key = index.prefix + decodeURIComponent(pair[0]);
      if (!isDeviceLocal(key)) out[key] = decodeURIComponent(pair[1]);
    });
  });
  return out;
}
