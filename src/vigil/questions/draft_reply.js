/* draft-reply: write a reply, check it before posting, then post it. The check is
 * vigil.detect run here: the patterns this script carries (put before it at build time) and
 * the terms the page carries, held to the Python by shared fixtures. What is typed never leaves the device:
 * it is kept only under a key whose last segment is "~draft" (a storage backend keeps such
 * keys on the device); the answer is the outcome, ["safe"] or the categories found. */

/* Full-width forms but the comma, and the ideographic space, as ASCII, one for one
 * (vigil.detect.narrow). */
function draftNarrow(s) {
  return s.replace(/[\uff01-\uff0b\uff0d-\uff5e\u3000]/g, function (c) {
    return c === "\u3000" ? " " : String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

function draftFold(s) {
  return draftNarrow(s).replace(/[A-Z]+/g, function (c) {
    return c.toLowerCase();
  });
}

function draftWordAt(s, i) {
  return i >= 0 && i < s.length && /[A-Za-z0-9]/.test(s.charAt(i));
}

/* The detections in text as [start, end, rank, category], in order, none overlapping. */
function draftFind(text, data) {
  var found = [];
  var folded = draftFold(text);
  var rank = 0;
  data.terms.forEach(function (list) {
    list[1].forEach(function (term) {
      var word = draftFold(term);
      var prefix = /\*$/.test(word);
      word = word.replace(/\*+$/, "");
      for (var at = word ? folded.indexOf(word) : -1; at >= 0; at = folded.indexOf(word, at + 1)) {
        var end = at + word.length;
        if (draftWordAt(word, 0) && draftWordAt(folded, at - 1)) continue;
        if (!prefix && draftWordAt(word, word.length - 1) && draftWordAt(folded, end)) continue;
        while (prefix && draftWordAt(folded, end)) end++;
        found.push([at, end, rank, list[0]]);
      }
    });
    rank++;
  });
  var narrowed = draftNarrow(text);
  data.patterns.forEach(function (p) {
    var re = new RegExp(p[1], "g" + p[2]);
    for (var m = re.exec(narrowed); m; m = re.exec(narrowed)) {
      found.push([m.index, m.index + m[0].length, rank, p[0]]);
    }
    rank++;
  });
  found.sort(function (a, b) {
    return a[0] - b[0] || b[1] - a[1] || a[2] - b[2];
  });
  var kept = [];
  found.forEach(function (d) {
    if (!kept.length || d[0] >= kept[kept.length - 1][1]) kept.push(d);
  });
  return kept;
}

var draftUi = {}; // the page's strings, for show(), which is not handed them

/* The question's terms from its form, with the patterns this script carries. */
function draftData(form) {
  var node = form.querySelector("[data-vigil-detect]");
  var terms = [];
  try {
    terms = JSON.parse(node.getAttribute("data-vigil-detect")).terms || [];
  } catch (e) { /* none */ }
  return { terms: terms, patterns: DRAFT_PATTERNS };
}

/* The outcome of a text: the categories found, in the detector's order, or ["safe"]. */
function draftOutcome(form, text) {
  var cats = [];
  draftFind(text, draftData(form)).forEach(function (d) {
    if (cats.indexOf(d[3]) < 0) cats.push(d[3]);
  });
  var order = choiceValues(form);
  cats.sort(function (a, b) {
    return order.indexOf(a) - order.indexOf(b);
  });
  return cats.length ? cats : ["safe"];
}

function draftEl(form, name) {
  return form.querySelector(".vigil-draft-" + name);
}

function draftNode(tag, text) {
  var node = document.createElement(tag);
  node.textContent = text;
  return node;
}

/* A category's name ("cat") or what it means ("note"), from the page's strings. */
function draftLabel(form, cat, part) {
  return draftUi["draft" + (part === "cat" ? "Cat_" : "Note_") + cat] || cat;
}

/* Draw the highlighted copy and the list of what was found; returns the categories. */
function draftReport(form, text) {
  var copy = draftEl(form, "copy");
  var list = draftEl(form, "found");
  var found = draftFind(text, draftData(form));
  var words = Object.create(null);
  var cats = [];
  var at = 0;
  copy.textContent = "";
  list.textContent = "";
  found.forEach(function (d) {
    copy.appendChild(document.createTextNode(text.slice(at, d[0])));
    var mark = copy.appendChild(draftNode("mark", text.slice(d[0], d[1])));
    mark.className = "vigil-draft-mark";
    mark.setAttribute("data-vigil-cat", d[3]);
    copy.appendChild(draftNode("span", draftLabel(form, d[3], "cat"))).className = "vigil-draft-tag";
    at = d[1];
    if (!words[d[3]]) cats.push(d[3]);
    words[d[3]] = (words[d[3]] || []).concat(mark.textContent);
  });
  copy.appendChild(document.createTextNode(text.slice(at)));
  cats.forEach(function (cat) {
    var item = document.createElement("li");
    item.appendChild(draftNode("strong", draftLabel(form, cat, "cat")));
    words[cat].forEach(function (word) {
      item.appendChild(document.createTextNode(" "));
      item.appendChild(draftNode("mark", word)).className = "vigil-draft-mark";
    });
    item.appendChild(draftNode("span", draftLabel(form, cat, "note"))).className = "vigil-draft-note";
    list.appendChild(item);
  });
  draftEl(form, "report").hidden = false;
  return cats;
}

function draftLock(form, locked, text) {
  var box = draftEl(form, "text");
  box.value = text;
  box.hidden = draftEl(form, "label").hidden = false;
  box.readOnly = locked;
  draftEl(form, "check").hidden = locked;
  draftEl(form, "status").textContent = "";
  draftEl(form, "report").hidden = true;
  var example = draftEl(form, "example");
  if (example) example.hidden = !locked;
  form.removeAttribute("data-vigil-checked");
}

defineKind("draft-reply", {
  setup: function (form, question, ui) {
    var box = draftEl(form, "text");
    var status = draftEl(form, "status");
    draftUi = ui;
    form.querySelector(".vigil-check").textContent = ui.draftPost;
    function check() {
      var cats = draftReport(form, box.value);
      form.setAttribute("data-vigil-checked", "");
      status.textContent = cats.length ? fill(ui.draftFound, { found: cats.map(function (c) {
        return draftLabel(form, c, "cat");
      }).join(ui.listSeparator) }) : ui.draftClean;
    }
    draftEl(form, "check").addEventListener("click", function () {
      if (/\S/.test(box.value)) check();
      else status.textContent = ui.draftEmpty;
    });
    box.addEventListener("input", function () {
      writeRaw(deviceKey(form), box.value);
      form.removeAttribute("data-vigil-checked");
      draftEl(form, "report").hidden = true;
      status.textContent = "";
    });
    /* Posting what was not checked as it stands checks it first: post again to post it. */
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-vigil-answered") ||
          form.hasAttribute("data-vigil-checked") && /\S/.test(box.value)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (/\S/.test(box.value)) check();
      else status.textContent = ui.draftEmpty;
    });
    if (!form.hasAttribute("data-vigil-key")) box.value = readRaw(deviceKey(form)) || "";
  },
  read: function (form) {
    var text = draftEl(form, "text").value;
    return /\S/.test(text) ? draftOutcome(form, text) : [];
  },
  put: function (form, answer) {
    draftLock(form, false, answer.length ? readRaw(deviceKey(form)) || "" : "");
  },
  valid: function (answer, choices) {
    return baseKind.valid(answer, choices) && (answer.length === 1 || answer.indexOf("safe") < 0);
  },
  show: function (form, answer) {
    var text = readRaw(deviceKey(form)) || "";
    draftLock(form, true, text);
    draftEl(form, "text").hidden = draftEl(form, "label").hidden = !text;
    if (text) draftReport(form, text);
    else draftEl(form, "status").textContent = draftUi.draftElsewhere;
  },
  verdict: function (key, value, picked, correct, ui) {
    if (picked) return key.indexOf(value) >= 0 ? ui.draftPassed : ui.draftFlagged;
    return key.indexOf(value) >= 0 ? ui.draftGoal : "";
  }
});
