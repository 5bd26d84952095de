/* mark-words: each word of a text is a toggle button (aria-pressed); the answer is the
 * numbers of the marked words (a word's number is its place among the buttons). The key lists the spans that give something away, each as
 * "first:last" word: a span is found when any of its words is marked, and the answer is right
 * when every span is found and no other word is marked. */
(function () {
  function wordsOf(form) {
    return form.querySelectorAll(".vigil-mw-word");
  }

  function bounds(span) {
    var parts = span.split(":");
    return [Number(parts[0]), Number(parts[1])];
  }

  function within(span, word) {
    var b = bounds(span);
    var n = Number(word);
    return n >= b[0] && n <= b[1];
  }

  function found(span, answer) {
    return answer.some(function (word) {
      return within(span, word);
    });
  }

  function inKey(key, word) {
    return key.some(function (span) {
      return within(span, word);
    });
  }

  /* The key as the page holds it: every category's spans (the summary lists them all). */
  function spansOf(form) {
    var out = [];
    each(form.querySelectorAll(".vigil-mw-category[data-vigil-spans]"), function (item) {
      out = out.concat(item.getAttribute("data-vigil-spans").split(" "));
    });
    return out;
  }

  /* One Tab stop for the whole text: the word last moved to. */
  function rove(form, target) {
    each(wordsOf(form), function (word) {
      word.tabIndex = word === target ? 0 : -1;
    });
  }

  function press(form, answer, locked) {
    each(wordsOf(form), function (word, n) {
      var marked = answer.indexOf(String(n)) >= 0;
      word.setAttribute("aria-pressed", String(marked));
      word.disabled = locked;
      word.classList.remove("is-hit", "is-leak", "is-extra");
    });
  }

  function move(form, from, event) {
    var list = Array.prototype.slice.call(wordsOf(form));
    var at = list.indexOf(from);
    var to = { ArrowLeft: at - 1, ArrowUp: at - 1, ArrowRight: at + 1, ArrowDown: at + 1,
      Home: 0, End: list.length - 1 }[event.key];
    if (to === undefined || !list[to]) return;
    event.preventDefault();
    rove(form, list[to]);
    list[to].focus();
  }

  /* The strings of each form's page, for show(), which is handed none. */
  var texts = new WeakMap();

  function summarise(form, answer, ui) {
    var summary = form.querySelector(".vigil-mw-summary");
    if (!summary || !ui) return;
    var key = spansOf(form);
    var hits = key.filter(function (span) {
      return found(span, answer);
    });
    summary.querySelector(".vigil-mw-total").textContent =
      fill(ui.mwTotal, { found: hits.length, total: key.length });
    each(summary.querySelectorAll(".vigil-mw-category"), function (item) {
      var spans = item.getAttribute("data-vigil-spans").split(" ");
      var got = spans.filter(function (span) {
        return found(span, answer);
      });
      item.querySelector(".vigil-mw-count").textContent =
        fill(ui.mwCount, { found: got.length, total: spans.length });
    });
    var extra = [];
    each(wordsOf(form), function (word, i) {
      var n = String(i);
      var marked = answer.indexOf(n) >= 0;
      var leak = inKey(key, n);
      if (marked && !leak) extra.push(fill(ui.mwWord, { word: word.textContent }));
      word.classList.toggle("is-hit", marked && leak);
      word.classList.toggle("is-leak", !marked && leak);
      word.classList.toggle("is-extra", marked && !leak);
    });
    var line = summary.querySelector(".vigil-mw-extra");
    line.textContent = extra.length ? fill(ui.mwExtra, { words: extra.join(ui.listSeparator) }) : "";
    line.hidden = !extra.length;
    summary.hidden = false;
  }

  defineKind("mark-words", {
    setup: function (form, question, ui) {
      var text = form.querySelector(".vigil-mw-text");
      var summary = form.querySelector(".vigil-mw-summary");
      var result = form.querySelector(".vigil-result");
      if (!text) return;
      texts.set(form, ui);
      rove(form, wordsOf(form)[0]);
      // Read with the result: into the live feedback, after the result line.
      if (summary && result) result.parentNode.insertBefore(summary, result.nextSibling);
      text.addEventListener("click", function (event) {
        var word = event.target.closest(".vigil-mw-word");
        if (!word || word.disabled) return;
        word.setAttribute("aria-pressed", String(word.getAttribute("aria-pressed") !== "true"));
        rove(form, word);
        form.dispatchEvent(new Event("change", { bubbles: true }));
      });
      text.addEventListener("keydown", function (event) {
        var word = event.target.closest(".vigil-mw-word");
        if (word) move(form, word, event);
      });
    },
    read: function (form) {
      var out = [];
      each(wordsOf(form), function (word, n) {
        if (word.getAttribute("aria-pressed") === "true") out.push(String(n));
      });
      return out;
    },
    put: function (form, answer) {
      press(form, answer, false);
      var first = form.querySelector(".vigil-mw-word");
      if (first) rove(form, first);
      var summary = form.querySelector(".vigil-mw-summary");
      if (summary) summary.hidden = true;
    },
    valid: function (answer) {
      return answer.every(function (word, i) {
        return /^(0|[1-9][0-9]*)$/.test(word) && answer.indexOf(word) === i;
      });
    },
    show: function (form, answer) {
      press(form, answer, true);
      summarise(form, answer, texts.get(form));
    },
    grade: function (key, answer) {
      return key.every(function (span) {
        return found(span, answer);
      }) && answer.every(function (word) {
        return inKey(key, word);
      });
    },
    verdict: function (key, value, picked, correct, ui, answer) {
      return found(value, answer || []) ? ui.mwFound : ui.mwMissed;
    }
  });
})();
