/* conversation: private messages, one step at a time. Each node of the graph is a <template>
 * in the form (its messages, its reply buttons or an end line); the first is the start. The
 * answer is the path: the reply ids chosen, then the ending's id once one is reached; it is
 * right when that ending is in the key (the good endings). The drawn messages are the state:
 * each of the learner's carries its reply id. On a scenario page a path not yet checked is
 * kept on this device only (a "~" key), so a reload resumes it; the assessment keeps its
 * own attempt in progress. */
defineKind("conversation", (function () {
  function part(form, name) {
    return form.querySelector(".vigil-conv-" + name);
  }

  function nodeOf(form, id) {
    var found = null;
    each(form.querySelectorAll("template[data-vigil-node]"), function (node) {
      if (!found && node.getAttribute("data-vigil-node") === id) found = node;
    });
    return found;
  }

  /* The node the path has reached. */
  function here(form) {
    return nodeOf(form, form.querySelector(".vigil-conv").getAttribute("data-vigil-at"));
  }

  function ended(form) {
    var node = here(form);
    return !!node && node.hasAttribute("data-vigil-ending");
  }

  /* Show a node: its messages join the list and its replies (unless locked) are offered.
   * Returns the messages added. */
  function enter(form, node, locked) {
    var list = part(form, "messages");
    var replies = part(form, "replies");
    var added = [];
    replies.textContent = "";
    form.querySelector(".vigil-conv").setAttribute("data-vigil-at", node.getAttribute("data-vigil-node"));
    var theirs = form.querySelector("template.vigil-conv-theirs").content;
    each(node.content.children, function (child) {
      var copy = child.cloneNode(true);
      // Who wrote is said once per page, not in every message (pages stay small).
      if (copy.classList.contains("is-theirs")) copy.insertBefore(theirs.cloneNode(true), copy.firstChild);
      if (child.tagName === "LI") added.push(list.appendChild(copy));
      else if (!locked) replies.appendChild(copy);
    });
    var over = node.hasAttribute("data-vigil-ending");
    replies.hidden = locked || over;
    form.classList.toggle("vigil-conv-open", !over && !locked);
    return added;
  }

  /* The learner's step joins the list: a message sent, or an action taken. */
  function say(form, button) {
    var mine = button.hasAttribute("data-vigil-action") ? "act" : "mine";
    var copy = form.querySelector("template.vigil-conv-" + mine).content.firstElementChild.cloneNode(true);
    copy.setAttribute("data-vigil-reply", button.getAttribute("data-vigil-reply"));
    copy.querySelector(".vigil-conv-text").textContent = button.textContent;
    part(form, "messages").appendChild(copy);
  }

  /* The text of a reply, from whichever step offers it, or "". */
  function replyText(form, id) {
    var text = "";
    each(form.querySelectorAll("template[data-vigil-node]"), function (node) {
      var button = replyOf(node, id);
      if (button && !text) text = button.textContent;
    });
    return text;
  }

  /* The reply button a node offers for a reply id, or null. */
  function replyOf(node, id) {
    var found = null;
    each(node.content.querySelectorAll("button[data-vigil-reply]"), function (button) {
      if (!found && button.getAttribute("data-vigil-reply") === id) found = button;
    });
    return found;
  }

  /* Draw a path from the start. A path that leaves the graph (the course changed, storage
   * was edited) is drawn as far as it fits. */
  function replay(form, answer, locked) {
    part(form, "messages").textContent = "";
    part(form, "news").textContent = "";
    enter(form, form.querySelector("template[data-vigil-node]"), locked);
    for (var i = 0; i < answer.length && !ended(form); i++) {
      var button = replyOf(here(form), answer[i]);
      var next = button && nodeOf(form, button.getAttribute("data-vigil-next"));
      if (!next) break;
      say(form, button);
      enter(form, next, locked);
    }
  }

  function read(form) {
    var path = [];
    each(part(form, "messages").querySelectorAll("[data-vigil-reply]"), function (mine) {
      path.push(mine.getAttribute("data-vigil-reply"));
    });
    if (ended(form)) path.push(form.querySelector(".vigil-conv").getAttribute("data-vigil-at"));
    return path;
  }

  /* A scenario page's path in progress, kept on this device only; null on the assessment. */
  function draftKey(form) {
    var root = form.closest("[data-vigil-course][data-vigil-scenario]");
    if (!root || form.hasAttribute("data-vigil-key")) return null;
    return recordKey(root.getAttribute("data-vigil-course"),
      root.getAttribute("data-vigil-scenario"), form.getAttribute("data-vigil-question")) + ":~path";
  }

  function loadDraft(key) {
    try {
      var path = key && JSON.parse(readRaw(key));
      return isAnswer(path) ? path : [];
    } catch (e) {
      return [];
    }
  }

  /* The learner sends a reply: the next step arrives and is read out, the path so far is
   * saved, and focus goes to the next replies, or at an ending to checking the answer (to
   * the end line where the assessment has no check button). */
  function send(form, button) {
    var next = nodeOf(form, button.getAttribute("data-vigil-next"));
    if (!next || form.hasAttribute("data-vigil-answered")) return;
    say(form, button);
    var added = enter(form, next, false);
    part(form, "news").textContent = added.map(function (li) {
      return li.textContent.replace(/\s+/g, " ").trim();
    }).join(" ");
    var key = draftKey(form);
    if (key) writeRaw(key, JSON.stringify(read(form)));
    form.dispatchEvent(new Event("change", { bubbles: true }));
    var check = form.querySelector(".vigil-check");
    var target = !ended(form) ? part(form, "replies").querySelector("button") :
      check && !check.hidden ? check : part(form, "messages").querySelector(".vigil-conv-over");
    if (target) target.focus();
  }

  return {
    setup: function (form) {
      part(form, "replies").addEventListener("click", function (event) {
        var button = event.target.closest && event.target.closest("button[data-vigil-reply]");
        if (button) send(form, button);
      });
      replay(form, loadDraft(draftKey(form)), false);
    },
    read: read,
    put: function (form, answer) {
      replay(form, answer, false);
    },
    show: function (form, answer) {
      replay(form, answer, true);
      // A reply's feedback is labelled by its text, which its button already holds.
      each(form.querySelectorAll(".vigil-fb:not([data-vigil-label])"), function (fb) {
        fb.setAttribute("data-vigil-label", replyText(form, fb.getAttribute("data-vigil-for")));
      });
      var key = draftKey(form);
      if (key) removeRaw(key);
    },
    grade: function (key, answer) {
      return answer.length > 1 && key.indexOf(answer[answer.length - 1]) >= 0;
    },
    /* The review: each reply sent, how the conversation ended, and the good endings. */
    verdict: function (key, value, picked, correct, ui, answer) {
      var good = key.indexOf(value) >= 0;
      if (picked && value === answer[answer.length - 1]) return good ? ui.convGoodEnd : ui.convBadEnd;
      if (picked) return ui.convReply;
      if (good) return correct ? ui.alsoOk : ui.convBetter;
      return "";
    }
  };
})());
