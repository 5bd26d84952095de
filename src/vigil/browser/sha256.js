// --- SHA-256, for the certificate's verification code (certificate.js, vigil/certificate.py).
// Hand-rolled because crypto.subtle is missing outside secure contexts (LMS iframes on http).

var K = [];
var H0 = [];
(function () {
  function frac(x) {
    return (x - Math.floor(x)) * 4294967296 | 0;
  }
  for (var n = 2, found = 0; found < 64; n++) {
    for (var d = 2; d * d <= n && n % d; d++) { /* trial division */ }
    if (d * d > n) {
      if (found < 8) H0.push(frac(Math.pow(n, 1 / 2)));
      K.push(frac(Math.pow(n, 1 / 3)));
      found++;
    }
  }
})();

function utf8(text) {
  if (window.TextEncoder) return Array.prototype.slice.call(new TextEncoder().encode(text));
  var bin = unescape(encodeURIComponent(text));
  var out = [];
  for (var i = 0; i < bin.length; i++) out.push(bin.charCodeAt(i));
  return out;
}

function rotr(x, n) {
  return (x >>> n) | (x << (32 - n));
}

/* SHA-256 of a byte array, as a byte array. */
function sha256(bytes) {
  var m = bytes.slice();
  var bits = bytes.length * 8;
  m.push(0x80);
  while (m.length % 64 !== 56) m.push(0);
  var hi = Math.floor(bits / 4294967296);
  [hi, bits >>> 0].forEach(function (word) {
    m.push(word >>> 24 & 255, word >>> 16 & 255, word >>> 8 & 255, word & 255);
  });
  var h = H0.slice();
  var w = [];
  for (var i = 0; i < m.length; i += 64) {
    for (var j = 0; j < 64; j++) {
      if (j < 16) {
        w[j] = m[i + 4 * j] << 24 | m[i + 4 * j + 1] << 16 | m[i + 4 * j + 2] << 8 | m[i + 4 * j + 3];
      } else {
        var x = w[j - 15];
        var y = w[j - 2];
        w[j] = (w[j - 16] + (rotr(x, 7) ^ rotr(x, 18) ^ x >>> 3) + w[j - 7] +
          (rotr(y, 17) ^ rotr(y, 19) ^ y >>> 10)) | 0;
      }
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (j = 0; j < 64; j++) {
      var t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (e & f ^ ~e & g) + K[j] + w[j]) | 0;
      var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + (a & b ^ a & c ^ b & c)) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, k].forEach(function (v, n) {
      h[n] = (h[n] + v) | 0;
    });
  }
  var out = [];
  h.forEach(function (word) {
    out.push(word >>> 24 & 255, word >>> 16 & 255, word >>> 8 & 255, word & 255);
  });
  return out;
}

function sha256Hex(text) {
  return sha256(utf8(text)).map(function (byte) {
    return (byte < 16 ? "0" : "") + byte.toString(16);
  }).join("");
}
