/* The storage backend of an LMS package (SCORM today, cmi5 could follow): the launcher
 * page around this frame holds the LMS session and the records, and offers them as
 * window.VigilLMS, with the same four functions as storage-local.js and two hooks more:
 * `report` (a finished assessment, which the launcher sends as interactions) and
 * `learnerName`. Any launcher that offers these serves this backend. A page opened without
 * a launcher keeps answers for itself only, and says so: writeRaw returns false. */

var pageMemory = Object.create(null);

function launcher() {
  try {
    var bridge = window.parent !== window && window.parent.VigilLMS;
    return bridge && typeof bridge.readRaw === "function" ? bridge : null;
  } catch (e) {
    return null; // a parent of another origin
  }
}

function readRaw(key) {
  var bridge = launcher();
  if (bridge) return bridge.readRaw(key);
  return key in pageMemory ? pageMemory[key] : null;
}

function writeRaw(key, value) {
  var bridge = launcher();
  if (bridge) return bridge.writeRaw(key, value);
  pageMemory[key] = value;
  return false;
}

function removeRaw(key) {
  var bridge = launcher();
  if (bridge) bridge.removeRaw(key);
  delete pageMemory[key];
}

function allKeys() {
  var bridge = launcher();
  return (bridge ? bridge.allKeys() : []).concat(Object.keys(pageMemory));
}

/* The finished attempt, one entry per question: its key, answer, choices and result. */
function reportAttempt(current, result, questions) {
  var bridge = launcher();
  if (!bridge) return;
  bridge.report({ seed: current.seed, t: current.t, items: current.items.map(function (item) {
    var q = questions[item.key] || {};
    return { key: item.key, answer: current.answers[item.key] || [],
      options: q.options || [], correct: result.results[item.key] === true };
  }) });
}

/* The learner's name as the LMS has it, or "". */
function learnerName() {
  var bridge = launcher();
  return bridge ? String(bridge.learnerName() || "") : "";
}
