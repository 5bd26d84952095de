// --- code loaded on demand: a question kind's script or a page's own code, in a file of
// its own (see bundle.py), loaded by the pages that use it; each file calls
// window.VigilCode(name, body) ---

var code = Object.create(null);
window.VigilCode = function (name, body) {
  if (code[name]) return; // loaded once per document, instant navigation too
  code[name] = true;
  body(ENGINE);
};

/* Load the code a page names (`code`, from `code_url` with {name} for each name), then call
 * done; a file that fails to load leaves its kind to the defaults, and the page still runs. */
function withCode(data, done) {
  var names = Array.isArray(data.code) ? data.code : [];
  if (!names.length || typeof data.code_url !== "string") return done();
  loadBanks(data.code_url, names, function () {
    done();
  }, code);
}
