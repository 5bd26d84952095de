// --- final assessment: pure drawing and grading (exposed as window.VigilAssessment) ---

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

/* One attempt's questions, no repeats. Pure: the same data, seed and `seen`, the same set;
 * the page's index is enough, no bank is needed. The modules take turns, in an order
 * shuffled per attempt, each giving one question a turn, until data.drawn are taken
 * (with data.per_tactic: until each has given that many), so a set spreads across the
 * tactics. Within a module the questions not in `seen` (the last attempt's keys) come
 * first, so a new attempt draws a different set wherever the banks allow. */
function draw(data, seed, seen) {
  var random = mulberry32(seed);
  var old = Object.create(null);
  (seen || []).forEach(function (key) {
    old[key] = true;
  });
  var queues = data.bank.map(function (module) {
    var order = shuffle(module.questions, random);
    return order.filter(function (q) {
      return !old[q.key];
    }).concat(order.filter(function (q) {
      return old[q.key];
    }));
  });
  var perModule = data.per_tactic == null ? Infinity : data.per_tactic;
  var left = data.per_tactic == null ? data.drawn : Infinity;
  var taken = queues.map(function () {
    return 0;
  });
  var turns = shuffle(queues.map(function (_, i) {
    return i;
  }), random);
  for (var more = true; more && left > 0;) {
    more = false;
    turns.forEach(function (m) {
      if (left > 0 && taken[m] < perModule && taken[m] < queues[m].length) {
        taken[m] += 1;
        left -= 1;
        more = true;
      }
    });
  }
  var items = [];
  data.bank.forEach(function (module, m) {
    queues[m].slice(0, taken[m]).forEach(function (q) {
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

/* Score an attempt, each question by its kind: unanswered counts as wrong; the percent is
 * rounded down, so it never overstates, and passing means reaching the pass mark exactly or
 * above. */
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
  // An assessment with no questions tests nothing: it scores 0 and never passes.
  var percent = total ? Math.floor(correct * 100 / total) : 0;
  return { correct: correct, total: total, percent: percent, results: results,
    passed: total > 0 && percent >= data.assessment.pass_mark };
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

window.VigilAssessment = { draw: draw, arrange: arrange, grade: gradeAttempt,
  mulberry32: mulberry32, localDate: localDate };
