/* rate-profile: tick the signals that apply (checkboxes), then rate the risk (radio buttons).
 * The defaults put, show and grade it (the exact set: every signal and the level); an answer
 * exists only once a level is chosen. */
defineKind("rate-profile", {
  read: function (form) {
    return form.querySelector("input[type=radio]:checked") ? baseKind.read(form) : [];
  }
});
