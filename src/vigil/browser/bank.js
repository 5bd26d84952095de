// --- question banks: each scenario's bank is a script that calls VigilBank.add(id, bank) ---

var banks = (window.VigilBank && window.VigilBank.banks) || Object.create(null);
window.VigilBank = { banks: banks, add: function (id, bank) {
  if (bank && typeof bank.html === "string" && bank.questions) banks[id] = bank;
} };
var BANK_TIMEOUT = 30000;

/* Load the banks of `ids` with <script> elements (fetch is blocked on file://), then call
 * done(failed ids). `url` is the page's bank_url, relative to the page, with {scenario} for
 * the id. A bank loaded once stays for the document (instant navigation too). Other files
 * loaded on demand (the notebook's) come the same way: `store` is where their scripts put
 * them (the banks by default). */
function loadBanks(url, ids, done, store) {
  var loaded = store || banks;
  var pending = ids.length;
  var failed = [];
  if (!pending) return done(failed);
  ids.forEach(function (id) {
    if (loaded[id]) {
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
      if (!loaded[id]) failed.push(id);
      if (!--pending) done(failed);
    };
    script.onload = script.onerror = settle;
    timer = setTimeout(settle, BANK_TIMEOUT);
    script.src = fill(url, { scenario: encodeURIComponent(id), name: encodeURIComponent(id) });
    document.head.appendChild(script);
  });
}

function scenarioOf(key) {
  return key.slice(0, key.indexOf("_"));
}
