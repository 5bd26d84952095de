/* write-report: write the report you would send; sending checks it for each item the
 * question lists (found by its words). What is typed stays on the device, under a "~draft"
 * key; the answer is ["complete"] or the items missing ("m1", "m2", ...). */

var reportUi = {}; // the page's strings, for show(), which is not handed them

function reportEl(form, name) {
  return form.querySelector(".vigil-report-" + name);
}

function reportWords(form) {
  try {
    return JSON.parse(reportEl(form, "data").getAttribute("data-vigil-report"));
  } catch (e) {
    return [];
  }
}

/* Scripts without spaces between words (Chinese, kana): a word of theirs is found inside
 * a run of text, and next to one any word may start or end. */
var REPORT_UNSPACED = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
var REPORT_EDGE = "(?:[^\\p{L}\\p{N}_]|[" + REPORT_UNSPACED + "])";

/* Whether text holds one of the words: whole words, any case; "word*" also begins one. */
function reportMentions(text, words) {
  var folded = text.toLowerCase();
  var unspaced = new RegExp("[" + REPORT_UNSPACED + "]");
  return words.some(function (word) {
    var stem = word.toLowerCase().replace(/\*+$/, "");
    if (!stem) return false;
    var head = unspaced.test(stem.charAt(0)) ? "" : "(?<=^|" + REPORT_EDGE + ")";
    var open = /\*$/.test(word) || unspaced.test(stem.charAt(stem.length - 1));
    var tail = open ? "" : "(?=$|" + REPORT_EDGE + ")";
    var escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(head + escaped + tail, "u").test(folded);
  });
}

function reportLock(form, locked, text) {
  var box = reportEl(form, "text");
  box.value = text;
  box.readOnly = locked;
  var example = reportEl(form, "example");
  if (example) example.hidden = !locked;
}

defineKind("write-report", {
  setup: function (form, question, ui) {
    var box = reportEl(form, "text");
    reportUi = ui;
    form.querySelector(".vigil-check").textContent = ui.reportSend;
    box.addEventListener("input", function () {
      writeRaw(deviceKey(form), box.value);
    });
    if (!form.hasAttribute("data-vigil-key")) box.value = readRaw(deviceKey(form)) || "";
  },
  read: function (form) {
    var text = reportEl(form, "text").value;
    if (!/\S/.test(text)) return [];
    var missing = [];
    reportWords(form).forEach(function (words, i) {
      if (!reportMentions(text, words)) missing.push("m" + (i + 1));
    });
    return missing.length ? missing : ["complete"];
  },
  put: function (form, answer) {
    reportLock(form, false, answer.length ? readRaw(deviceKey(form)) || "" : "");
  },
  valid: function (answer, choices) {
    return baseKind.valid(answer, choices) && (answer.length === 1 || answer.indexOf("complete") < 0);
  },
  show: function (form) {
    var text = readRaw(deviceKey(form)) || "";
    reportLock(form, true, text);
    if (!text) reportEl(form, "text").placeholder = reportUi.draftElsewhere;
  },
  verdict: function (key, value, picked, correct, ui) {
    if (picked) return key.indexOf(value) >= 0 ? ui.reportDone : ui.reportMissing;
    return key.indexOf(value) >= 0 ? ui.reportGoal : "";
  }
});
