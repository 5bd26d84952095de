// --- the certificate: its verification code (the SHA-256 is sha256.js) and its page ---

// Python's str.split() whitespace, so names normalise exactly as `vigil verify` does.
var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
var CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function normaliseName(name) {
  return String(name).split(SPACES).filter(Boolean).join(" ");
}

/* XXXXX-XXXXX over the scheme, course id, title, version, date, score and name. */
function verificationCode(f) {
  var digest = sha256(utf8(["vigil-certificate-v1", f.course, f.title, f.version, f.date,
    String(f.score), normaliseName(f.name)].join("\n")));
  var code = "";
  for (var i = 0; i < 10; i++) {
    var bit = 5 * i;
    var pair = digest[bit >> 3] << 8 | digest[(bit >> 3) + 1];
    code += (i === 5 ? "-" : "") + CROCKFORD[pair >> (11 - (bit & 7)) & 31];
  }
  return code;
}

/* The learner's name as the storage backend knows it (an LMS's record), or "". */
function backendName() {
  return typeof learnerName === "function" ? normaliseName(learnerName()) : "";
}

// --- the certificate page ---

function initCertificate(root, data) {
  var course = root.getAttribute("data-vigil-course");
  var ui = data.ui;
  var pass = null;
  var form = root.querySelector(".vigil-cert-form");
  var input = root.querySelector("#vigil-cert-name");
  var error = root.querySelector(".vigil-cert-error");
  var cert = root.querySelector(".vigil-cert");
  var actions = root.querySelector(".vigil-cert-actions");
  var missing = root.querySelector(".vigil-cert-missing");
  /* The certificate, or what is still to do, as stored now (this tab or another). */
  function render() {
    var progress = courseProgress(course, data.modules);
    var state = loadAssessment(course);
    pass = bestAttempt(state.attempts, true);
    var ok = progress.complete && !!pass;
    form.hidden = !(missing.hidden = ok);
    if (!ok) {
      cert.hidden = actions.hidden = true;
      var list = root.querySelector(".vigil-cert-todo");
      var todo = function (url, text) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = url;
        a.textContent = text;
        li.appendChild(a);
        list.appendChild(li);
      };
      list.textContent = "";
      progress.missing.forEach(function (m) {
        todo(m.scenario.url, fill(ui.todoScenario, { module: m.module.title, title: m.scenario.title,
          state: scenarioText(ui, m.state) }));
      });
      if (!pass) {
        var info = data.assessment;
        var blocked = info.attempts && state.attempts.length >= info.attempts;
        todo(info.url, fill(blocked ? ui.todoBlocked : ui.todoAssessment, info));
      }
      return;
    }
    var saved = normaliseName(loadName(course)) || (cert.hidden ? "" : input.value) ||
      backendName();
    if (saved) {
      input.value = saved;
      show(saved, false);
    }
  }
  function show(name, focus) {
    // The date and score as the page's language (Material's <html lang>) writes them:
    // 2026-11-28 is November 28, 2026 in English and 2026年11月28日 in Chinese.
    var fields = { name: name,
      date: new Date(pass.date + "T00:00").toLocaleDateString(document.documentElement.lang,
        { dateStyle: "long" }),
      score: fill(ui.certScore, { score: pass.score.toLocaleString(document.documentElement.lang) }),
      code: verificationCode({ course: course, title: data.title, version: data.version,
        date: pass.date, score: pass.score, name: name }) };
    each(cert.querySelectorAll("[data-vigil-cert]"), function (node) {
      var field = node.getAttribute("data-vigil-cert");
      node.textContent = has(fields, field) ? fields[field] : "";
    });
    cert.hidden = actions.hidden = false;
    if (focus) cert.focus();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!pass) return;
    var name = normaliseName(input.value);
    if (!name) {
      error.textContent = ui.nameNeeded;
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    input.value = name;
    saveName(course, name);
    show(name, true);
  });
  root.querySelector(".vigil-cert-print").addEventListener("click", function () {
    window.print();
  });
  render();
  onStorage(root, render);
}

definePage("certificate", function (root, data) {
  if (Array.isArray(data.modules) && data.assessment) initCertificate(root, data);
});
// Exposed for tests, like VigilAssessment.
window.VigilCertificate = { sha256: sha256Hex, verificationCode: verificationCode,
  normaliseName: normaliseName };
