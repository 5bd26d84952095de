"""The certificate's verification code: a checksum over what the certificate states.

The browser computes it when the learner prints a certificate; `vigil verify`
recomputes it from the printed fields. A match shows the fields were not edited after
printing and belong to this version of the course. It cannot prove who took the course
or stop a determined learner from forging one: the site is static and the answer key
travels with it. The LMS record is the source of truth.
"""

from __future__ import annotations

import hashlib

SCHEME = "vigil-certificate-v1"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 10  # 50 bits: enough to catch edits and typos, short enough to read out


def normalise_name(name: str) -> str:
    """Names are compared as printed: trimmed, with runs of spaces collapsed."""
    return " ".join(name.split())


# Crockford base32 reads O as 0 and I or L as 1, so a code read out or typed by hand still
# matches; hyphens and spaces only group the characters, and case does not matter.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None})


def normalise_code(code: str) -> str | None:
    """A code as typed, in canonical XXXXX-XXXXX form; None when it cannot be a code."""
    chars = "".join(code.split()).upper().translate(_READ_AS)
    if len(chars) != CODE_CHARS or any(c not in _CROCKFORD for c in chars):
        return None
    half = CODE_CHARS // 2
    return chars[:half] + "-" + chars[half:]


def verification_code(
    *, course_id: str, title: str, version: str, date: str, score: int, name: str
) -> str:
    """XXXXX-XXXXX from SHA-256 over the fields, one per line, in this order."""
    message = "\n".join([SCHEME, course_id, title, version, date, str(score), normalise_name(name)])
    digest = int.from_bytes(hashlib.sha256(message.encode("utf-8")).digest()[:8], "big")
    bits = digest >> (64 - 5 * CODE_CHARS)
    chars = [_CROCKFORD[(bits >> (5 * i)) & 31] for i in reversed(range(CODE_CHARS))]
    half = CODE_CHARS // 2
    return "".join(chars[:half]) + "-" + "".join(chars[half:])
