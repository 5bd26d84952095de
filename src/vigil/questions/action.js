/* action: several responses are acceptable, but the learner picks exactly one. */
defineKind("action", {
  grade: function (key, answer) {
    return answer.length === 1 && key.indexOf(answer[0]) >= 0;
  },
  /* After a right pick, the other acceptable responses say so rather than "missed". */
  verdict: function (key, value, picked, correct, ui) {
    if (!picked && correct && key.indexOf(value) >= 0) return ui.alsoOk;
    return baseKind.verdict(key, value, picked, correct, ui);
  }
});
