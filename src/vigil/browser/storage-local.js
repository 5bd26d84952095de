/* The raw key/value backend for a plain web site: localStorage, and memory for this page
 * when storage is blocked or full. Never throws. Another target (an LMS) ships its own file
 * with the same four functions: readRaw, writeRaw (false when the value is kept for this
 * page only, so the learner can be told), removeRaw, allKeys. */

var memory = Object.create(null);

function local() {
  try {
    return window.localStorage || null;
  } catch (e) {
    return null;
  }
}

function readRaw(key) {
  if (key in memory) return memory[key];
  try {
    var store = local();
    return store ? store.getItem(key) : null;
  } catch (e) {
    return null;
  }
}

function writeRaw(key, value) {
  try {
    var store = local();
    if (store) {
      store.setItem(key, value);
      delete memory[key];
      return true;
    }
  } catch (e) { /* quota or blocked: keep it for this page */ }
  memory[key] = value;
  return false;
}

function removeRaw(key) {
  delete memory[key];
  try {
    var store = local();
    if (store) store.removeItem(key);
  } catch (e) { /* nothing stored there */ }
}

function allKeys() {
  var keys = Object.keys(memory);
  try {
    var store = local();
    for (var i = 0; store && i < store.length; i++) keys.push(store.key(i));
  } catch (e) { /* memory keys only */ }
  return keys;
}
