/* Vigil quiz engine: grades answers from the page's embedded key, keeps progress in
 * localStorage (memory when storage is blocked), reveals red flags once every question
 * is answered, and fills progress badges. It also runs the final assessment (seeded draws,
 * attempts; each drawn scenario's question bank is a static script loaded on demand) and the
 * certificate (its verification code). No framework, no fetch, no eval. */
(function () {
  "use strict";

  var VERSION = 1;
  var memory = Object.create(null);

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  // --- storage: never throws; a blocked or full localStorage falls back to memory ---

  function local() {
    try {
      return window.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  function readRaw(key) {
    if (key in memory) return memory[key];
    try {
      var store = local();
      return store ? store.getItem(key) : null;
    } catch (e) {
      return null;
    }
  }

  function writeRaw(key, value) {
    try {
      var store = local();
      if (store) {
        store.setItem(key, value);
        delete memory[key];
        return;
      }
    } catch (e) { /* quota or blocked: keep it for this page */ }
    memory[key] = value;
  }

  function removeRaw(key) {
    delete memory[key];
    try {
      var store = local();
      if (store) store.removeItem(key);
    } catch (e) { /* nothing stored there */ }
  }

  function allKeys() {
    var keys = Object.keys(memory);
    try {
      var store = local();
      for (var i = 0; store && i < store.length; i++) keys.push(store.key(i));
    } catch (e) { /* memory keys only */ }
    return keys;
  }

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

  // --- page data ---

  function pageData(root) {
    var node = root.querySelector("template.vigil-data");
    try {
      return node ? JSON.parse((node.content || node).textContent) : null;
    } catch (e) {
      return null;
    }
  }

  // --- scenario pages ---

  function inputs(form) {
    return form.querySelectorAll("input[type=radio], input[type=checkbox]");
  }

  function chosen(form) {
    var out = [];
    each(inputs(form), function (input) {
      if (input.checked) out.push(input.value);
    });
    return out;
  }

  function grade(question, answer) {
    var key = question.answer;
    if (question.type === "action") return answer.length === 1 && key.indexOf(answer[0]) >= 0;
    return answer.length === key.length && answer.every(function (a) {
      return key.indexOf(a) >= 0;
    });
  }

  function verdict(question, ui, value, picked, correct) {
    var inKey = question.answer.indexOf(value) >= 0;
    if (picked) return inKey ? ui.right : ui.wrong;
    if (!inKey) return "";
    return question.type === "action" && correct ? ui.alsoOk : ui.missed;
  }

  /* Lock the form on an answer and show its verdicts, feedback and explanation. */
  function showAnswer(form, question, ui, answer, focus) {
    var correct = grade(question, answer);
    each(inputs(form), function (input) {
      var picked = answer.indexOf(input.value) >= 0;
      var text = verdict(question, ui, input.value, picked, correct);
      var item = input.closest("li");
      input.checked = picked;
      input.disabled = true;
      if (item) {
        item.querySelector(".vigil-verdict").textContent = text;
        item.classList.toggle("is-key", question.answer.indexOf(input.value) >= 0);
        item.classList.toggle("is-picked", picked);
      }
    });
    each(form.querySelectorAll(".vigil-fb"), function (fb) {
      var value = fb.getAttribute("data-vigil-for");
      var picked = answer.indexOf(value) >= 0;
      fb.hidden = !(picked || question.answer.indexOf(value) >= 0);
      fb.querySelector(".vigil-fb-verdict").textContent = verdict(question, ui, value, picked, correct);
    });
    each(form.querySelectorAll(".vigil-explanation"), function (node) {
      node.hidden = false;
    });
    var result = form.querySelector(".vigil-result");
    result.textContent = correct ? ui.correct : ui.incorrect;
    result.className = "vigil-result " + (correct ? "is-correct" : "is-incorrect");
    form.querySelector(".vigil-check").hidden = true;
    form.setAttribute("data-vigil-answered", correct ? "correct" : "incorrect");
    if (focus) result.focus();
  }

  function toMark(span) {
    var mark = document.createElement("mark");
    mark.className = "vigil-leak is-revealed";
    mark.setAttribute("data-vigil-leak", span.getAttribute("data-vigil-leak"));
    while (span.firstChild) mark.appendChild(span.firstChild);
    span.parentNode.replaceChild(mark, span);
  }

  /* Once every question is answered: flags, leaks and takeaways appear on the thread. */
  function reveal(root, ui) {
    var forms = root.querySelectorAll("form.vigil-q");
    var total = forms.length;
    var correct = root.querySelectorAll("form.vigil-q[data-vigil-answered=correct]").length;
    var answered = root.querySelectorAll("form.vigil-q[data-vigil-answered]").length;
    if (answered < total || root.classList.contains("is-revealed")) return;
    root.classList.add("is-revealed");
    each(root.querySelectorAll(".vigil-flag, .vigil-takeaways, .vigil-leak-label"), function (node) {
      node.hidden = false;
      var comment = node.closest(".vigil-comment");
      if (comment) comment.classList.add("is-flagged");
    });
    each(root.querySelectorAll("span.vigil-leak"), toMark);
    var status = root.querySelector(".vigil-reveal-status");
    if (status && total) status.textContent = fill(ui.revealed, { correct: correct, total: total });
  }

  function initQuestion(root, data, form) {
    var qid = form.getAttribute("data-vigil-question");
    var question = data.questions[qid];
    if (!question) return;
    var values = Array.prototype.map.call(inputs(form), function (input) {
      return input.value;
    });
    var saved = load(data.course, data.scenario, qid, values);
    if (saved) {
      showAnswer(form, question, data.ui, saved.answer, false);
      if (saved.correct !== grade(question, saved.answer)) {
        save(data.course, data.scenario, qid, saved.answer, grade(question, saved.answer));
      }
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.hasAttribute("data-vigil-answered")) return;
      var answer = chosen(form);
      var result = form.querySelector(".vigil-result");
      if (!answer.length) {
        result.textContent = data.ui.choose;
        result.className = "vigil-result";
        result.focus();
        return;
      }
      save(data.course, data.scenario, qid, answer, grade(question, answer));
      showAnswer(form, question, data.ui, answer, true);
      reveal(root, data.ui);
    });
  }

  function initScenario(root, data) {
    data.course = root.getAttribute("data-vigil-course");
    data.scenario = root.getAttribute("data-vigil-scenario");
    each(root.querySelectorAll("form.vigil-q"), function (form) {
      initQuestion(root, data, form);
    });
    reveal(root, data.ui);
  }

  // --- home, module and progress pages ---

  function scenarioState(course, scenario) {
    var state = { answered: 0, correct: 0, total: scenario.questions.length };
    scenario.questions.forEach(function (qid) {
      var rec = load(course, scenario.id, qid, null);
      if (rec) {
        state.answered += 1;
        if (rec.correct) state.correct += 1;
      }
    });
    state.done = state.answered === state.total;
    return state;
  }

  function setStatus(node, text, kind) {
    node.textContent = text;
    node.setAttribute("data-vigil-state", kind);
  }

  function scenarioText(ui, state) {
    if (!state.total) return ui.noQuestions;
    if (state.done) return fill(ui.done, state);
    return state.answered ? fill(ui.inProgress, state) : ui.notStarted;
  }

  function kindOf(state) {
    return state.done ? "done" : state.answered ? "started" : "new";
  }

  /* Fill every progress badge of the page from storage. */
  function showProgress(root, data) {
    var course = root.getAttribute("data-vigil-course");
    var totals = { done: 0, total: 0, correct: 0, questions: 0, answered: 0 };
    data.modules.forEach(function (module) {
      var done = 0;
      var answered = 0;
      module.scenarios.forEach(function (scenario) {
        var state = scenarioState(course, scenario);
        done += state.done ? 1 : 0;
        answered += state.answered;
        totals.correct += state.correct;
        totals.questions += state.total;
        each(root.querySelectorAll("[data-vigil-status]"), function (node) {
          if (node.getAttribute("data-vigil-status") === scenario.id) {
            setStatus(node, scenarioText(data.ui, state), kindOf(state));
          }
        });
      });
      var moduleState = { done: done === module.scenarios.length, answered: answered };
      each(root.querySelectorAll("[data-vigil-module-status]"), function (node) {
        if (node.getAttribute("data-vigil-module-status") === module.id) {
          setStatus(node, fill(data.ui.moduleStatus, { done: done, total: module.scenarios.length }),
            kindOf(moduleState));
        }
      });
      totals.done += done;
      totals.total += module.scenarios.length;
      totals.answered += answered;
    });
    each(root.querySelectorAll("[data-vigil-course-status]"), function (node) {
      setStatus(node, fill(data.ui.courseStatus, totals),
        kindOf({ done: totals.done === totals.total, answered: totals.answered }));
    });
    if (data.assessment) showFinal(root, data);
  }

  function initReset(root, data) {
    var button = root.querySelector(".vigil-reset");
    var confirmBox = root.querySelector(".vigil-confirm");
    var status = root.querySelector(".vigil-reset-status");
    if (!button || !confirmBox) return;
    function close(focus) {
      confirmBox.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (focus) button.focus();
    }
    button.addEventListener("click", function () {
      confirmBox.hidden = false;
      button.setAttribute("aria-expanded", "true");
      confirmBox.querySelector(".vigil-reset-no").focus();
    });
    confirmBox.querySelector(".vigil-reset-no").addEventListener("click", function () {
      close(true);
    });
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close(true);
    });
    confirmBox.querySelector(".vigil-reset-yes").addEventListener("click", function () {
      erase(root.getAttribute("data-vigil-course"));
      close(true);
      showProgress(root, data);
      if (status) status.textContent = data.ui.erased;
    });
  }

  // --- final assessment: pure drawing and grading (exposed as window.VigilAssessment) ---

  var ASSESSMENT = "@assessment"; // storage names start with "@": scenario ids never do
  var CERTIFICATE = "@certificate";

  function courseKey(course, name) {
    return ["vigil", "v" + VERSION, course, name].join(":");
  }

  /* mulberry32: a tiny seeded PRNG; the same seed always gives the same numbers in [0, 1). */
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, random) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var swap = out[i];
      out[i] = out[j];
      out[j] = swap;
    }
    return out;
  }

  /* One attempt's questions: data.perTactic from each module's bank, no repeats. Pure: the
   * same data and seed, the same set. The page's index is enough: no bank is needed. */
  function draw(data, seed) {
    var random = mulberry32(seed);
    var items = [];
    data.bank.forEach(function (module) {
      shuffle(module.questions, random).slice(0, data.perTactic).forEach(function (q) {
        items.push({ key: q.key, module: module.id });
      });
    });
    return items;
  }

  /* FNV-1a of a question key mixed into the attempt's seed: each question's own stream. */
  function keySeed(seed, key) {
    var h = 2166136261;
    for (var i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
    return (h ^ seed) >>> 0;
  }

  /* Give each item whose question is loaded (data.questions[key].options) and has no order
   * yet its option order: shuffled from the seed and key unless pinned. Pure per item, so
   * the order does not depend on which banks happened to load first. True if any changed. */
  function arrange(data, items, seed) {
    var changed = false;
    items.forEach(function (item) {
      var q = data.questions[item.key];
      if (item.options || !q || !q.options) return;
      item.options = q.shuffle ? shuffle(q.options, mulberry32(keySeed(seed, item.key))) :
        q.options.slice();
      changed = true;
    });
    return changed;
  }

  /* Score an attempt: unanswered counts as wrong; the percent is rounded down, so it never
   * overstates, and passing means reaching the pass mark exactly or above. */
  function gradeAttempt(data, items, answers) {
    var results = {};
    var correct = 0;
    items.forEach(function (item) {
      var answer = answers[item.key] || [];
      var q = data.questions[item.key];
      var ok = answer.length > 0 && !!q && !!q.answer && grade(q, answer);
      results[item.key] = ok;
      if (ok) correct += 1;
    });
    var total = items.length;
    var percent = total ? Math.floor(correct * 100 / total) : 100;
    return { correct: correct, total: total, percent: percent, results: results,
      passed: percent >= data.assessment.passMark };
  }

  function randomSeed() {
    try {
      var c = window.crypto || window.msCrypto;
      if (c && c.getRandomValues) return c.getRandomValues(new Uint32Array(1))[0];
    } catch (e) { /* fall through */ }
    return Math.floor(Math.random() * 4294967296);
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function localDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // --- the verification code of vigil/certificate.py: SHA-256, top 50 bits, Crockford base32.
  // Hand-rolled because crypto.subtle is missing outside secure contexts (LMS iframes on http).

  var K = [];
  var H0 = [];
  (function () {
    function frac(x) {
      return (x - Math.floor(x)) * 4294967296 | 0;
    }
    for (var n = 2, found = 0; found < 64; n++) {
      for (var d = 2; d * d <= n && n % d; d++) { /* trial division */ }
      if (d * d > n) {
        if (found < 8) H0.push(frac(Math.pow(n, 1 / 2)));
        K.push(frac(Math.pow(n, 1 / 3)));
        found++;
      }
    }
  })();

  function utf8(text) {
    if (window.TextEncoder) return Array.prototype.slice.call(new TextEncoder().encode(text));
    var bin = unescape(encodeURIComponent(text));
    var out = [];
    for (var i = 0; i < bin.length; i++) out.push(bin.charCodeAt(i));
    return out;
  }

  function rotr(x, n) {
    return (x >>> n) | (x << (32 - n));
  }

  /* SHA-256 of a byte array, as a byte array. */
  function sha256(bytes) {
    var m = bytes.slice();
    var bits = bytes.length * 8;
    m.push(0x80);
    while (m.length % 64 !== 56) m.push(0);
    var hi = Math.floor(bits / 4294967296);
    [hi, bits >>> 0].forEach(function (word) {
      m.push(word >>> 24 & 255, word >>> 16 & 255, word >>> 8 & 255, word & 255);
    });
    var h = H0.slice();
    var w = [];
    for (var i = 0; i < m.length; i += 64) {
      for (var j = 0; j < 64; j++) {
        if (j < 16) {
          w[j] = m[i + 4 * j] << 24 | m[i + 4 * j + 1] << 16 | m[i + 4 * j + 2] << 8 | m[i + 4 * j + 3];
        } else {
          var x = w[j - 15];
          var y = w[j - 2];
          w[j] = (w[j - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ x >>> 3) + w[j - 7] +
            (rotr(y, 17) ^ rotr(y, 19) ^ y >>> 10)) | 0;
        }
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (j = 0; j < 64; j++) {
        var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & f ^ ~e & g) + K[j] + w[j]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a & b ^ a & c ^ b & c)) | 0;
        k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      [a, b, c, d, e, f, g, k].forEach(function (v, n) {
        h[n] = (h[n] + v) | 0;
      });
    }
    var out = [];
    h.forEach(function (word) {
      out.push(word >>> 24 & 255, word >>> 16 & 255, word >>> 8 & 255, word & 255);
    });
    return out;
  }

  function sha256Hex(text) {
    return sha256(utf8(text)).map(function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    }).join("");
  }

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

  window.VigilAssessment = { draw: draw, arrange: arrange, grade: gradeAttempt,
    mulberry32: mulberry32, sha256: sha256Hex, verificationCode: verificationCode,
    normaliseName: normaliseName, localDate: localDate };

  // --- question banks: assets/vigil/bank/<scenario>.js calls VigilBank.add(id, bank) ---

  var banks = (window.VigilBank && window.VigilBank.banks) || Object.create(null);
  window.VigilBank = { banks: banks, add: function (id, bank) {
    if (bank && typeof bank.html === "string" && bank.questions) banks[id] = bank;
  } };
  var BANK_TIMEOUT = 30000;

  /* Load the banks of `ids` with <script> elements (fetch is blocked on file://), then call
   * done(failed ids). A bank loaded once stays for the document (instant navigation too). */
  function loadBanks(base, ids, done) {
    var pending = ids.length;
    var failed = [];
    if (!pending) return done(failed);
    ids.forEach(function (id) {
      if (banks[id]) {
        if (!--pending) done(failed);
        return;
      }
      var script = document.createElement("script");
      var timer;
      var settle = function () {
        if (!script) return;
        clearTimeout(timer);
        script.onload = script.onerror = null;
        if (script.parentNode) script.parentNode.removeChild(script);
        script = null;
        if (!banks[id]) failed.push(id);
        if (!--pending) done(failed);
      };
      script.onload = script.onerror = settle;
      timer = setTimeout(settle, BANK_TIMEOUT);
      script.src = base + "bank/" + encodeURIComponent(id) + ".js";
      document.head.appendChild(script);
    });
  }

  function scenarioOf(key) {
    return key.slice(0, key.indexOf("_"));
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

  function used(state) {
    return state.attempts.length + (state.current && !state.current.done ? 1 : 0);
  }

  /* The best attempt (passing ones first); ties go to the earliest. */
  function bestAttempt(attempts, passedOnly) {
    var best = null;
    attempts.forEach(function (a) {
      if (passedOnly && !a.passed) return;
      if (!best || (a.passed && !best.passed) || (a.passed === best.passed && a.score > best.score)) best = a;
    });
    return best;
  }

  function answeredCount(current) {
    return current.items.filter(function (item) {
      var a = current.answers[item.key];
      return a && a.length;
    }).length;
  }

  function assessmentStatus(ui, info, state) {
    var current = state.current;
    var best = bestAttempt(state.attempts);
    var parts = [];
    var kind = "new";
    if (current && !current.done) {
      parts.push(fill(ui.aInProgress, { answered: answeredCount(current), total: current.items.length }));
      kind = "started";
    }
    if (best) {
      parts.push(fill(ui.aBest, { score: best.score,
        verdict: best.passed ? ui.aPassed : fill(ui.aFailed, info) }));
      kind = best.passed ? "done" : "started";
    }
    if (!parts.length) parts.push(ui.aNotStarted);
    if (info.attempts) {
      var left = Math.max(0, info.attempts - used(state));
      parts.push(left ? fill(ui.aLeft, { left: left, attempts: info.attempts }) : ui.aNoneLeft);
    }
    return { text: parts.join(" · "), kind: kind };
  }

  /* Which scenarios are done, module by module: the course's first condition. */
  function courseProgress(course, modules) {
    var out = { modulesDone: 0, missing: [], complete: true };
    modules.forEach(function (module) {
      var done = true;
      module.scenarios.forEach(function (scenario) {
        var state = scenarioState(course, scenario);
        if (!state.done) {
          done = false;
          out.missing.push({ module: module, scenario: scenario, state: state });
        }
      });
      if (done) out.modulesDone += 1;
    });
    out.complete = out.missing.length === 0;
    return out;
  }

  function earned(progress, state) {
    return progress.complete && !!bestAttempt(state.attempts, true);
  }

  /* Home and progress pages: modules, assessment and certificate lines. */
  function showFinal(root, data) {
    var course = root.getAttribute("data-vigil-course");
    var ui = data.ui;
    var progress = courseProgress(course, data.modules);
    var state = loadAssessment(course);
    var status = assessmentStatus(ui, data.assessment, state);
    var won = earned(progress, state);
    each(root.querySelectorAll("[data-vigil-modules-status]"), function (node) {
      setStatus(node, fill(ui.modulesStatus, { done: progress.modulesDone, total: data.modules.length }),
        kindOf({ done: progress.modulesDone === data.modules.length, answered: progress.modulesDone }));
    });
    each(root.querySelectorAll("[data-vigil-assessment-status]"), function (node) {
      setStatus(node, status.text, status.kind);
    });
    each(root.querySelectorAll("[data-vigil-certificate-status]"), function (node) {
      setStatus(node, won ? ui.certEarned : ui.certMissing, won ? "done" : "new");
    });
    each(root.querySelectorAll("[data-vigil-certificate-link]"), function (node) {
      node.hidden = !won;
    });
  }

  // --- the assessment page ---

  function initAssessment(root, data) {
    var course = root.getAttribute("data-vigil-course");
    var base = root.getAttribute("data-vigil-assets") || "";
    var ui = data.ui;
    var info = data.assessment;
    var state = loadAssessment(course);
    var forms = {};
    var ingested = Object.create(null); // scenarios whose bank is on this page
    var loading = false;
    var failed = false;
    var retrying = false;
    var $ = function (selector) {
      return root.querySelector(selector);
    };
    var el = { status: $("[data-vigil-assessment-status]"), blocked: $(".vigil-a-blocked"),
      startArea: $(".vigil-a-start-area"), result: $(".vigil-a-result"), score: $(".vigil-a-score"),
      next: $(".vigil-a-next"), certLink: $(".vigil-a-cert-link"), againArea: $(".vigil-a-again-area"),
      questions: $(".vigil-a-questions"), heading: $("#vigil-a-questions-title"),
      announce: $(".vigil-a-announce"), list: $(".vigil-a-list"), submitArea: $(".vigil-a-submit-area"),
      submit: $(".vigil-a-submit"), confirm: $(".vigil-a-confirm"), confirmText: $("#vigil-a-confirm-text"),
      loading: $(".vigil-a-loading"), failed: $(".vigil-a-failed"), failedText: $(".vigil-a-failed-text"),
      retry: $(".vigil-a-retry") };
    data.questions = {}; // the index now; a bank adds its questions' answers and options
    data.bank.forEach(function (module) {
      module.questions.forEach(function (q) {
        data.questions[q.key] = { type: q.type, shuffle: q.shuffle };
      });
    });

    /* Put a loaded bank's questions in the list (hidden) and complete their entries. */
    function ingest(id) {
      var bank = banks[id];
      if (ingested[id] || !bank) return;
      ingested[id] = true;
      Object.keys(bank.questions).forEach(function (key) {
        var q = data.questions[key];
        var b = bank.questions[key];
        if (q && b && scenarioOf(key) === id && isAnswer(b.answer) && isAnswer(b.options)) {
          q.type = b.type;
          q.answer = b.answer;
          q.options = b.options;
        }
      });
      var box = document.createElement("template");
      box.innerHTML = bank.html;
      each(box.content.querySelectorAll("form.vigil-q[data-vigil-key]"), function (form) {
        var key = form.getAttribute("data-vigil-key");
        if (scenarioOf(key) === id && data.questions[key]) forms[key] = form;
      });
      el.list.appendChild(box.content);
    }

    function ready(current) {
      return current.items.every(function (item) {
        return ingested[scenarioOf(item.key)];
      });
    }

    /* Does a saved set still exist? Its keys are checked now, options once its bank is in. */
    function fits(current) {
      return current.items.every(function (item) {
        var q = data.questions[item.key];
        if (!q) return false;
        if (!ingested[scenarioOf(item.key)]) return true;
        var within = function (v) {
          return q.options.indexOf(v) >= 0;
        };
        var answer = current.answers[item.key] || [];
        return !!q.options && !!forms[item.key] && answer.every(within) && (!item.options ||
          (item.options.length === q.options.length && item.options.every(within)));
      });
    }

    /* Load the banks the current set still needs, then show it (or say it cannot be). */
    function fetchBanks() {
      var ids = [];
      state.current.items.forEach(function (item) {
        var id = scenarioOf(item.key);
        if (!ingested[id] && ids.indexOf(id) < 0) ids.push(id);
      });
      loading = true;
      loadBanks(base, ids, function (missing) {
        loading = false;
        ids.forEach(ingest);
        failed = missing.length > 0;
        var current = state.current;
        if (current && !fits(current)) {
          state.current = null; // the course changed under an attempt: its set no longer exists
          saveAssessment(course, state);
        } else if (current && arrange(data, current.items, current.seed)) {
          saveAssessment(course, state);
        }
        show(false);
        if (failed) {
          el.failedText.textContent = ui.loadFailed;
          if (retrying) el.retry.focus();
        }
        retrying = false;
      });
    }

    if (state.current && !fits(state.current)) {
      state.current = null; // the course changed under an attempt: its set no longer exists
      saveAssessment(course, state);
    }

    function canStart() {
      return !info.attempts || used(state) < info.attempts;
    }

    function setKey(items) {
      return items.map(function (item) {
        return item.key;
      }).sort().join(" ");
    }

    function resetForm(form) {
      each(inputs(form), function (input) {
        var item = input.closest("li");
        input.checked = false;
        input.disabled = false;
        item.classList.remove("is-key", "is-picked");
        item.querySelector(".vigil-verdict").textContent = "";
      });
      each(form.querySelectorAll(".vigil-fb, .vigil-explanation"), function (node) {
        node.hidden = true;
      });
      var result = form.querySelector(".vigil-result");
      result.textContent = "";
      result.className = "vigil-result";
      form.querySelector(".vigil-check").hidden = !!data.examMode;
      form.querySelector(".vigil-feedback").setAttribute("aria-live", "polite");
      form.removeAttribute("data-vigil-answered");
      form.hidden = true;
    }

    function reorder(parent, values, valueOf) {
      var byValue = {};
      each(parent.children, function (child) {
        byValue[valueOf(child)] = child;
      });
      values.forEach(function (value) {
        if (byValue[value]) parent.appendChild(byValue[value]);
      });
    }

    /* Show the drawn questions, a scenario's together under its thread, in module order
     * (those whose bank is here: all of them, unless loading failed). */
    function layout(current) {
      each(root.querySelectorAll(".vigil-a-item"), function (node) {
        node.hidden = true;
      });
      Object.keys(forms).forEach(function (key) {
        resetForm(forms[key]);
      });
      var groups = [];
      var byHolder = {};
      current.items.forEach(function (item) {
        if (!forms[item.key]) return;
        var holder = forms[item.key].closest(".vigil-a-item");
        if (!byHolder[holder.id]) {
          byHolder[holder.id] = [];
          groups.push(byHolder[holder.id]);
          el.list.appendChild(holder);
          holder.hidden = false;
        }
        byHolder[holder.id].push(item);
      });
      var number = 0;
      groups.forEach(function (group) {
        group.forEach(function (item) {
          var form = forms[item.key];
          number += 1;
          form.parentNode.appendChild(form);
          form.hidden = false;
          form.querySelector("legend").textContent =
            fill(ui.legend, { number: number, total: current.items.length });
          var options = item.options || data.questions[item.key].options;
          reorder(form.querySelector(".vigil-options"), options, function (li) {
            return li.querySelector("input").value;
          });
          reorder(form.querySelector(".vigil-fbs"), options, function (li) {
            return li.getAttribute("data-vigil-for");
          });
          var answer = current.answers[item.key] || [];
          each(inputs(form), function (input) {
            input.checked = answer.indexOf(input.value) >= 0;
          });
          if (!current.done && current.checked[item.key] && answer.length) {
            showAnswer(form, data.questions[item.key], ui, answer, false);
          }
        });
      });
    }

    /* The finished attempt's score as finish() recorded it, which needs no bank. */
    function recorded(current) {
      var last = state.attempts[state.attempts.length - 1];
      if (last && typeof last.correct === "number" && typeof last.total === "number") {
        return { percent: last.score, correct: last.correct, total: last.total, passed: last.passed };
      }
      return gradeAttempt(data, current.items, current.answers);
    }

    function review(current, focus) {
      var result = recorded(current);
      current.items.forEach(function (item) {
        var form = forms[item.key];
        if (!form) return;
        var answer = current.answers[item.key] || [];
        form.querySelector(".vigil-feedback").setAttribute("aria-live", "off"); // no flood
        showAnswer(form, data.questions[item.key], ui, answer, false);
        if (!answer.length) form.querySelector(".vigil-result").textContent = ui.unanswered;
      });
      var won = earned(courseProgress(course, data.modules), state);
      el.score.textContent = fill(ui.score, { score: result.percent, correct: result.correct,
        total: result.total }) + " " + fill(result.passed ? ui.passed : ui.failed, info);
      el.score.className = "vigil-a-score " + (result.passed ? "is-correct" : "is-incorrect");
      var next = [];
      if (won) next.push(ui.certReady);
      else if (bestAttempt(state.attempts, true)) next.push(ui.certAfterScenarios);
      if (info.attempts) {
        var left = info.attempts - used(state);
        next.push(left > 0 ? fill(ui.attemptsLeft, { left: left, attempts: info.attempts }) :
          fill(result.passed ? ui.usedUp : ui.noAttemptsLeft, info));
      }
      el.next.textContent = next.join(" ");
      el.certLink.hidden = !won;
      el.againArea.hidden = !canStart();
      el.result.hidden = false;
      if (focus) el.score.focus();
    }

    function show(focus) {
      var current = state.current;
      var status = assessmentStatus(ui, info, state);
      setStatus(el.status, status.text, status.kind);
      el.startArea.hidden = !!current || !canStart();
      var best = bestAttempt(state.attempts);
      el.blocked.hidden = !!current || canStart();
      el.blocked.textContent = fill(best && best.passed ? ui.usedUp : ui.noAttemptsLeft, info);
      el.questions.hidden = !current;
      el.result.hidden = true;
      closeConfirm(false);
      if (!current) return;
      var complete = ready(current);
      el.loading.hidden = complete || failed;
      el.failed.hidden = complete || !failed;
      if (!failed) el.failedText.textContent = "";
      el.list.setAttribute("aria-busy", String(!complete && !failed));
      el.submitArea.hidden = current.done || !complete;
      layout(current);
      if (current.done) review(current, focus);
      if (!complete && !failed && !loading) fetchBanks();
    }

    function begin() {
      if (state.current && !state.current.done) return;
      if (!canStart()) return show(false);
      var previous = state.current ? setKey(state.current.items) : null;
      var seed;
      var items;
      for (var tries = 0; tries < 20; tries++) { // a retry draws a different set when it can
        seed = randomSeed();
        items = draw(data, seed);
        if (setKey(items) !== previous) break;
      }
      state.current = { seed: seed, t: Date.now(), items: items, answers: {}, checked: {}, done: false };
      saveAssessment(course, state);
      failed = false;
      show(false);
      el.announce.textContent = fill(ui.started, { total: items.length });
      el.heading.focus();
    }

    function finish() {
      var current = state.current;
      if (!current || current.done || (!ready(current) && answeredCount(current))) return;
      var result = gradeAttempt(data, current.items, current.answers);
      current.done = true;
      state.attempts.push({ seed: current.seed, t: Date.now(), date: localDate(new Date()),
        score: result.percent, correct: result.correct, total: result.total, passed: result.passed });
      saveAssessment(course, state);
      el.announce.textContent = "";
      show(true);
    }

    function missing() {
      var current = state.current;
      return current.items.filter(function (item) {
        var a = current.answers[item.key];
        return !(a && a.length);
      });
    }

    function closeConfirm(focus) {
      el.confirm.hidden = true;
      el.submit.setAttribute("aria-expanded", "false");
      if (focus) el.submit.focus();
    }

    root.addEventListener("change", function (event) {
      var form = event.target.closest && event.target.closest("form[data-vigil-key]");
      var current = state.current;
      if (!form || !current || current.done || form.hasAttribute("data-vigil-answered")) return;
      var key = form.getAttribute("data-vigil-key");
      current.answers[key] = chosen(form);
      saveAssessment(course, state);
      setStatus(el.status, assessmentStatus(ui, info, state).text, "started");
    });

    root.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute || !form.hasAttribute("data-vigil-key")) return;
      event.preventDefault();
      var current = state.current;
      if (data.examMode || !current || current.done || form.hasAttribute("data-vigil-answered")) return;
      var key = form.getAttribute("data-vigil-key");
      var answer = chosen(form);
      var result = form.querySelector(".vigil-result");
      if (!answer.length) {
        result.textContent = ui.choose;
        result.className = "vigil-result";
        result.focus();
        return;
      }
      current.answers[key] = answer;
      current.checked[key] = true;
      saveAssessment(course, state);
      showAnswer(form, data.questions[key], ui, answer, true);
    });

    el.submit.setAttribute("aria-controls", "vigil-a-confirm");
    el.submit.setAttribute("aria-expanded", "false");
    el.submit.addEventListener("click", function () {
      if (!state.current || state.current.done) return;
      var gaps = missing().length;
      if (!gaps) return finish();
      el.confirmText.textContent = fill(ui.confirmSubmit,
        { missing: gaps, total: state.current.items.length });
      el.confirm.hidden = false;
      el.submit.setAttribute("aria-expanded", "true");
      el.confirm.querySelector(".vigil-a-confirm-no").focus();
    });
    el.confirm.querySelector(".vigil-a-confirm-yes").addEventListener("click", function () {
      closeConfirm(false);
      finish();
    });
    el.confirm.querySelector(".vigil-a-confirm-no").addEventListener("click", function () {
      closeConfirm(false);
      var gap = missing()[0];
      var target = gap && forms[gap.key] && forms[gap.key].querySelector("input");
      if (target) target.focus();
      else el.submit.focus();
    });
    el.confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closeConfirm(true);
    });
    each(root.querySelectorAll(".vigil-a-start, .vigil-a-again"), function (button) {
      button.addEventListener("click", begin);
    });
    el.retry.addEventListener("click", function () {
      failed = false;
      retrying = true;
      show(false);
      el.heading.focus();
    });
    show(false);
  }

  // --- the certificate page ---

  function loadName(course) {
    var raw = readRaw(courseKey(course, CERTIFICATE));
    try {
      var rec = raw && JSON.parse(raw);
      if (rec && rec.v === VERSION && typeof rec.name === "string") return rec.name;
    } catch (e) { /* corrupt: ask again */ }
    return "";
  }

  function initCertificate(root, data) {
    var course = root.getAttribute("data-vigil-course");
    var ui = data.ui;
    var progress = courseProgress(course, data.modules);
    var state = loadAssessment(course);
    var pass = bestAttempt(state.attempts, true);
    var form = root.querySelector(".vigil-cert-form");
    var input = root.querySelector("#vigil-cert-name");
    var error = root.querySelector(".vigil-cert-error");
    var cert = root.querySelector(".vigil-cert");
    var actions = root.querySelector(".vigil-cert-actions");
    if (!progress.complete || !pass) {
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
      root.querySelector(".vigil-cert-missing").hidden = false;
      return;
    }
    function show(name, focus) {
      var fields = { name: name, date: pass.date, score: pass.score + "%",
        code: verificationCode({ course: course, title: data.title, version: data.version,
          date: pass.date, score: pass.score, name: name }) };
      each(cert.querySelectorAll("[data-vigil-cert]"), function (node) {
        node.textContent = fields[node.getAttribute("data-vigil-cert")];
      });
      cert.hidden = false;
      actions.hidden = false;
      if (focus) cert.focus();
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
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
      writeRaw(courseKey(course, CERTIFICATE), JSON.stringify({ v: VERSION, name: name }));
      show(name, true);
    });
    root.querySelector(".vigil-cert-print").addEventListener("click", function () {
      window.print();
    });
    var saved = normaliseName(loadName(course));
    if (saved) {
      input.value = saved;
      show(saved, false);
    }
  }

  // --- start-up: once per page, with or without Material's instant navigation ---

  function init() {
    each(document.querySelectorAll(".vigil[data-vigil-course]"), function (root) {
      if (root.hasAttribute("data-vigil-ready")) return;
      root.setAttribute("data-vigil-ready", "");
      var data = pageData(root);
      if (!data || !data.ui) return;
      var kind = root.getAttribute("data-vigil-page");
      if (kind === "scenario") {
        if (data.questions) initScenario(root, data);
      } else if (kind === "assessment") {
        if (Array.isArray(data.bank) && data.assessment) initAssessment(root, data);
      } else if (kind === "certificate") {
        if (Array.isArray(data.modules) && data.assessment) initCertificate(root, data);
      } else if (Array.isArray(data.modules)) {
        showProgress(root, data);
        initReset(root, data);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
