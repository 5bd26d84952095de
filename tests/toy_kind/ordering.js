/* ordering: a test's toy kind. The answer is the items sorted by the positions chosen. */
defineKind("ordering", {
  read: function (form) {
    var picks = [];
    each(form.querySelectorAll("select[data-vigil-item]"), function (select) {
      picks.push({ value: select.getAttribute("data-vigil-item"), at: Number(select.value) });
    });
    var taken = picks.map(function (p) { return p.at; });
    var complete = picks.every(function (p, i) {
      return p.at > 0 && taken.indexOf(p.at) === i;
    });
    if (!complete) return [];
    picks.sort(function (a, b) { return a.at - b.at; });
    return picks.map(function (p) { return p.value; });
  },
  show: function (form, answer) {
    each(form.querySelectorAll("select[data-vigil-item]"), function (select) {
      select.value = String(answer.indexOf(select.getAttribute("data-vigil-item")) + 1);
      select.disabled = true;
    });
  },
  /* Each item says whether it sits where the key puts it. */
  verdict: function (key, value, picked, correct, ui, answer) {
    return answer.indexOf(value) === key.indexOf(value) ? ui.right : ui.wrong;
  },
  grade: function (key, answer) {
    return answer.length === key.length && key.every(function (value, i) {
      return answer[i] === value;
    });
  }
});
