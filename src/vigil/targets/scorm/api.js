// --- the LMS's API: the standard search, and one table of names per SCORM version ---

/* What differs between SCORM 1.2 and SCORM 2004 4th edition, so the rest of the launcher
 * never spells a data model element itself. */
var VERSIONS = {
  "1.2": {
    api: "API", initialize: "LMSInitialize", getValue: "LMSGetValue", setValue: "LMSSetValue",
    commit: "LMSCommit", terminate: "LMSFinish",
    entry: "cmi.core.entry", suspendData: "cmi.suspend_data", suspendLimit: 4096,
    location: "cmi.core.lesson_location", locationLimit: 255, learnerName: "cmi.core.student_name",
    exit: "cmi.core.exit", sessionTime: "cmi.core.session_time", status: "cmi.core.lesson_status",
    raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max",
    // A percentage, as the raw score is; scores are compared with it as they are.
    passing: "cmi.student_data.mastery_score", passingScale: 100,
    interactions: "cmi.interactions", response: "student_response", wrong: "wrong",
    // A choice answer is a list of single characters 0-9 and a-z; anything else is told
    // as performance, which is free text.
    choiceLimit: 36, other: "performance", responseLimit: 255, separator: ","
  },
  "2004": {
    api: "API_1484_11", initialize: "Initialize", getValue: "GetValue", setValue: "SetValue",
    commit: "Commit", terminate: "Terminate",
    entry: "cmi.entry", suspendData: "cmi.suspend_data", suspendLimit: 64000,
    location: "cmi.location", locationLimit: 1000, learnerName: "cmi.learner_name",
    exit: "cmi.exit", sessionTime: "cmi.session_time",
    completion: "cmi.completion_status", success: "cmi.success_status",
    progress: "cmi.progress_measure",
    raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", scaled: "cmi.score.scaled",
    passing: "cmi.scaled_passing_score", passingScale: 1,
    interactions: "cmi.interactions", response: "learner_response", wrong: "incorrect",
    choiceLimit: 0, other: "other", responseLimit: 4000, separator: "[,]"
  }
};
// The fewest interactions every LMS of either version keeps; later ones are left out.
var MAX_INTERACTIONS = 250;

/* The API object named `name` in `win` or one of its parents, or null. Frames of another
 * origin cannot be read: the search goes on past them. */
function searchUp(win, name) {
  for (var tries = 0; win && tries < 500; tries++) {
    try {
      if (win[name]) return win[name];
    } catch (e) { /* another origin */ }
    var parent = null;
    try {
      parent = win.parent;
    } catch (e) { /* none to reach */ }
    if (!parent || parent === win) return null;
    win = parent;
  }
  return null;
}

/* The standard discovery: this window and its parents, then the opener and its parents. */
function findApi(name) {
  var found = searchUp(window, name);
  if (!found) {
    try {
      found = window.opener ? searchUp(window.opener, name) : null;
    } catch (e) { /* an opener of another origin */ }
  }
  return found;
}

/* A call into the LMS that never throws: the LMS's answer as a string, "" on failure. */
function lmsCall(api, method, args) {
  try {
    var answer = api[method].apply(api, args);
    return answer === undefined || answer === null ? "" : String(answer);
  } catch (e) {
    return "";
  }
}

/* Session time and latency: 1.2 writes HH:MM:SS.SS, 2004 an ISO 8601 duration. */
function timespan(ms, version) {
  var centis = Math.max(0, Math.round(ms / 10));
  var h = Math.floor(centis / 360000);
  var m = Math.floor(centis / 6000) % 60;
  var s = (centis % 6000) / 100;
  if (version === "2004") return "PT" + h + "H" + m + "M" + s + "S";
  var two = function (n) {
    return (n < 10 ? "0" : "") + n;
  };
  var secs = s.toFixed(2);
  return two(Math.min(h, 9999)) + ":" + two(m) + ":" + (s < 10 ? "0" : "") + secs;
}
