// --- the session: one per launch, the course in a frame, its records kept by the LMS ---
//
// The launcher opens the LMS session once (Initialize, or LMSInitialize), shows the course
// in a frame and ends the session when it is closed, so moving between pages never ends
// it. Course pages reach the records through window.VigilLMS (their storage backend is
// storage-lms.js). With an LMS, the records live here and in the LMS's suspend data,
// which is read back on the next launch, on any computer; what the learner typed (keys
// ending in a "~" part) stays in this browser. Without an LMS the launcher says so and
// the records stay in this browser's local storage (storage-local.js).

var V = VERSIONS[LMS_VERSION];
var PREFIX = "vigil:v1:" + COURSE.course + ":";
var ASSESSMENT_KEY = PREFIX + "@assessment";
var started = Date.now();
var session = null; // { api } while an LMS session is open
var records = Object.create(null);
var sent = Object.create(null); // element → the value last set: only changes are sent
var learner = "";
var passing = null; // the LMS's own pass mark, as a fraction, when it sets one
var startPage = COURSE.home;
var commitTimer = null;
var ended = false;
var firstAnswers = { attempt: "", since: 0, at: Object.create(null) };
var noteText = "";

function lmsGet(element) {
  return lmsCall(session.api, V.getValue, [element]);
}

function lmsSet(element, value) {
  value = String(value);
  if (sent[element] === value) return true;
  var ok = lmsCall(session.api, V.setValue, [element, value]) === "true";
  if (ok) sent[element] = value;
  return ok;
}

function commitNow() {
  clearTimeout(commitTimer);
  commitTimer = null;
  if (session && !ended) lmsCall(session.api, V.commit, [""]);
}

function commitSoon() {
  if (commitTimer === null) commitTimer = setTimeout(commitNow, 500);
}

function note(text) {
  noteText = text;
  var box = document.querySelector(".vigil-lms-note");
  if (box) {
    box.textContent = text;
    box.hidden = false;
  }
}

/* The folder the launcher (and so the package) is in, as a URL. */
function packageRoot() {
  return location.href.replace(/[?#].*$/, "").replace(/[^/]*$/, "");
}

/* A page of the package, as a path from its root, or null (another site, the launcher). */
function packagePath(href) {
  var root = packageRoot();
  var bare = String(href).replace(/[?#].*$/, "");
  if (bare.indexOf(root) !== 0) return null;
  var path = bare.slice(root.length);
  var ok = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\.html$/.test(path) &&
    path.split("/").indexOf("..") < 0 && path !== LAUNCHER;
  return ok ? path : null;
}

/* "Last, First" as SCORM writes names, turned around for the certificate. */
function displayName(name) {
  var parts = String(name).split(",");
  return (parts.length === 2 ? parts[1] + " " + parts[0] : String(name)).replace(/\s+/g, " ").trim();
}

function open() {
  var api = findApi(V.api);
  if (!api || lmsCall(api, V.initialize, [""]) !== "true") return;
  session = { api: api };
  var resumed = lmsGet(V.entry) === "resume";
  // SCORM 2004 answers a read of an element never written with an error: read only then.
  var data = resumed || !V.completion ? lmsGet(V.suspendData) : "";
  records = decodeStore(data, COURSE);
  if (resumed && data.split("|")[0] === FORMAT + COURSE.fp) {
    var saved = lmsGet(V.location);
    startPage = (saved && packagePath(packageRoot() + saved)) || startPage;
  }
  learner = displayName(lmsGet(V.learnerName));
  var pass = lmsGet(V.passing);
  passing = pass !== "" && isFinite(pass) ? Number(pass) / V.passingScale : null;
  sync();
}

function parsedRecord(key) {
  return has(records, key) ? parsed(records[key]) : null;
}

function answeredShare() {
  var counted = 0;
  var answered = 0;
  COURSE.questions.forEach(function (q) {
    if (!q[3]) return;
    counted += 1;
    var rec = parsedRecord(PREFIX + COURSE.scenarios[q[0]][0] + ":" + q[1]);
    if (rec && isStrings(rec.answer) && rec.answer.length) answered += 1;
  });
  return counted ? answered / counted : 1;
}

/* The best finished attempt (a pass first, then the highest score), as the course counts. */
function bestAttempt() {
  var rec = parsedRecord(ASSESSMENT_KEY);
  var best = null;
  (rec && Array.isArray(rec.attempts) ? rec.attempts : []).forEach(function (a) {
    if (!a || !isCount(a.score) || a.score > 100 || typeof a.passed !== "boolean") return;
    if (!best || (a.passed && !best.passed) || (a.passed === best.passed && a.score > best.score)) best = a;
  });
  return best;
}

/* Suspend data, status, score and progress as the records now say; committed shortly. */
function sync() {
  if (!session || ended) return;
  var data = encodeStore(records, COURSE, Date.now());
  if (data.length > V.suspendLimit || !lmsSet(V.suspendData, data)) note(UI.notSaved);
  var share = answeredShare();
  var best = bestAttempt();
  var passed = !!best && (passing === null ? best.passed : best.score / 100 >= passing);
  if (best) {
    lmsSet(V.raw, best.score);
    lmsSet(V.min, 0);
    lmsSet(V.max, 100);
    if (V.scaled) lmsSet(V.scaled, best.score / 100);
  }
  var verdict = !best ? "" : passed ? "passed" : "failed";
  if (V.status) {
    lmsSet(V.status, share < 1 ? "incomplete" : verdict || "completed");
  } else {
    lmsSet(V.completion, share < 1 ? "incomplete" : "completed");
    lmsSet(V.success, verdict || "unknown");
    lmsSet(V.progress, Math.floor(share * 1000) / 1000);
  }
  commitSoon();
}

/* When each question of the attempt in progress was first answered, for its latency. */
function noteAnswers(value) {
  var rec = parsed(value);
  var c = rec && rec.current;
  if (!c || c.done || !c.answers || typeof c.answers !== "object") return;
  var id = c.seed + ":" + c.t;
  if (firstAnswers.attempt !== id) {
    firstAnswers = { attempt: id, since: Math.max(Number(c.t) || 0, started), at: Object.create(null) };
  }
  Object.keys(c.answers).forEach(function (k) {
    if (isStrings(c.answers[k]) && c.answers[k].length && !firstAnswers.at[k]) firstAnswers.at[k] = Date.now();
  });
}

/* How an answer is told: choice positions (1.2) or values (2004), or free text. */
function responseOf(item) {
  if (!item.answer.length) return { type: "choice", text: "" };
  var at = item.answer.map(function (v) {
    return item.options.indexOf(v);
  });
  var choice = at.every(function (i) {
    return i >= 0;
  });
  if (choice && V.choiceLimit && item.options.length <= V.choiceLimit) {
    return { type: "choice", text: at.map(function (i) {
      return DIGITS.charAt(i);
    }).join(V.separator) };
  }
  if (choice && !V.choiceLimit && item.answer.every(function (v) {
    return /^[A-Za-z0-9_.:-]{1,250}$/.test(v);
  })) {
    return { type: "choice", text: item.answer.join(V.separator) };
  }
  return { type: V.other, text: item.answer.join(",").slice(0, V.responseLimit) };
}

/* One interaction per question of a finished attempt: id, type, response, result, latency. */
function report(finished) {
  if (!session || ended) return;
  var attempt = JSON.parse(JSON.stringify(finished)); // a copy of this window's own
  var rec = parsedRecord(ASSESSMENT_KEY);
  var number = rec && Array.isArray(rec.attempts) ? rec.attempts.length : 1;
  var timing = firstAnswers.attempt === attempt.seed + ":" + attempt.t ? firstAnswers : null;
  var count = parseInt(lmsGet(V.interactions + "._count"), 10) || 0;
  attempt.items.forEach(function (item) {
    if (count >= MAX_INTERACTIONS || !isStrings(item.answer) || !isStrings(item.options)) return;
    var at = V.interactions + "." + count + ".";
    var response = responseOf(item);
    lmsSet(at + "id", "a" + number + "-" + item.key);
    lmsSet(at + "type", response.type);
    if (response.text) lmsSet(at + V.response, response.text);
    lmsSet(at + "result", item.correct ? "correct" : V.wrong);
    var first = timing && timing.at[item.key];
    if (first) lmsSet(at + "latency", timespan(first - timing.since, LMS_VERSION));
    count += 1;
  });
  sync();
  commitNow();
}

function end() {
  if (!session || ended) return;
  sync();
  lmsSet(V.sessionTime, timespan(Date.now() - started, LMS_VERSION));
  lmsSet(V.exit, "suspend");
  commitNow();
  ended = true;
  lmsCall(session.api, V.terminate, [""]);
}

window.VigilLMS = {
  readRaw: function (key) {
    if (!session || isDeviceLocal(key)) return readRaw(key);
    return has(records, key) ? records[key] : null;
  },
  writeRaw: function (key, value) {
    if (!session || isDeviceLocal(key)) return writeRaw(key, value);
    records[key] = String(value);
    if (key === ASSESSMENT_KEY) noteAnswers(records[key]);
    sync();
    return true;
  },
  removeRaw: function (key) {
    if (!session || isDeviceLocal(key)) return removeRaw(key);
    delete records[key];
    sync();
  },
  allKeys: function () {
    var local = allKeys();
    return session ? Object.keys(records).concat(local.filter(isDeviceLocal)) : local;
  },
  learnerName: function () {
    return learner;
  },
  report: report,
  // The codec, for tests of its bound and of its round trip.
  encode: encodeStore,
  decode: decodeStore
};

open();
window.addEventListener("pagehide", end);
document.addEventListener("DOMContentLoaded", function () {
  if (!session) note(UI.none);
  else if (noteText) note(noteText);
  var frame = document.querySelector(".vigil-lms-frame");
  frame.addEventListener("load", function () {
    var path = null;
    try {
      path = packagePath(frame.contentWindow.location.href);
    } catch (e) { /* a page of another origin */ }
    if (path && session && !ended && path.length <= V.locationLimit) {
      lmsSet(V.location, path);
      commitSoon();
    }
  });
  frame.src = startPage;
});
