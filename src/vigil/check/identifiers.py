"""What looks like a real identifier in scenario text, one detector per class.

Each detector finds candidates in a string and keeps those outside the names and numbers
set aside for documentation and fiction: the example and test domains (RFC 2606 and
6761), the documentation address ranges (RFC 5737 and 3849), the telephone numbers
regulators reserve for drama, and serial- or part-number-shaped strings, which have no
reserved range, so a scenario lists its invented ones itself. Detection is deliberately
narrow: a name only counts as a domain when its last label is a real top-level domain,
and a digit run only as a telephone number when it is written as one.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass

# Top-level domains a name must end in to count as a domain: the generic ones in wide use
# and the country codes. A file name such as report.pdf or Node.js is then not a domain.
_GENERIC = (
    "com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel "
    "jobs cat post app dev page blog shop store online site website tech cloud xyz top club "
    "live news media space art design email link click agency company group network systems "
    "solutions digital world today global zone team social academy science institute "
    "consulting services support foundation center centre engineering energy lab one"
)
_COUNTRY = (
    "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn "
    "bo br bs bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk "
    "dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr "
    "gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki "
    "km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo "
    "mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph "
    "pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr "
    "ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz "
    "va vc ve vg vi vn vu wf ws ye yt za zm zw"
)
REAL_TLDS = frozenset(f"{_GENERIC} {_COUNTRY}".split())
# RFC 2606 and RFC 6761: reserved top-level names, and the example second-level domains.
RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost"})
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")

DOCUMENTATION_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)

# Numbers reserved for fiction, in national form (trunk 0 included) by country code.
# United Kingdom (Ofcom's drama numbers) and Australia (ACMA's); North America's 555-01xx
# is checked apart, as it has no trunk prefix.
_UK = (
    "01134960 01144960 01154960 01164960 01174960 01184960 01214960 01314960 01414960 "
    "01514960 01614960 02079460 02896496 02920180 01632960 07700900 08081570 09098790 "
    "03069990"
)
_AU = (
    "025550 035550 075550 085550 027010 037010 077010 087010 0491570006 0491570110 "
    "0491570156 0491570157 0491570158 0491570159 0491570313 0491570737 1800160401 "
    "180097570 130097570"
)
FICTION_PREFIXES = {"44": (11, tuple(_UK.split())), "61": (10, tuple(_AU.split()))}

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)+[A-Za-z]{{2,63}}"
EMAIL = re.compile(rf"(?<![\w.+%-])[A-Za-z0-9._%+-]+@({_HOST})(?![\w-]|\.[A-Za-z0-9])")
DOMAIN = re.compile(rf"(?<![\w.@-]){_HOST}(?![\w-]|\.[A-Za-z0-9])")
IPV4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)")
IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
PHONE = re.compile(
    r"(?<![\w+/.,-])(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?)?(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,5}(?:[ .-]\d{1,5}){1,5}(?![\w/-]|[.,]\d)"
)
SERIAL = re.compile(r"(?<![\w/.-])[A-Z0-9]+(?:[-/][A-Z0-9]+)*(?![\w-]|/[A-Za-z0-9])")
NSN = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{3}-\d{4}(?![\w-])")
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_NANP = re.compile(r"[2-9]\d{2}[-. ]\d{4}|\(?[2-9]\d{2}\)?[-. ]?[2-9]\d{2}[-. ]\d{4}")


@dataclass(frozen=True)
class Found:
    """A candidate at `start:end` of the scanned string; `real` when it is not set aside."""

    start: int
    end: int
    text: str
    code: str
    real: bool


def _domain_verdict(host: str) -> bool | None:
    """True for a real-looking domain, False for a reserved one, None for no domain at all
    (its last label is no top-level domain, or mixes case like a word run into a name)."""
    tld = host.rsplit(".", 1)[1]
    if not (tld.islower() or tld.isupper()):
        return None
    name = host.lower()
    if name.rsplit(".", 1)[1] in RESERVED_TLDS:
        return False
    if any(name == d or name.endswith("." + d) for d in RESERVED_DOMAINS):
        return False
    return True if name.rsplit(".", 1)[1] in REAL_TLDS else None


def emails(text: str) -> Iterator[Found]:
    for match in EMAIL.finditer(text):
        verdict = _domain_verdict(match.group(1))
        if verdict is not None:
            yield Found(match.start(), match.end(), match.group(), "real-email", verdict)


def domains(text: str) -> Iterator[Found]:
    for match in DOMAIN.finditer(text):
        verdict = _domain_verdict(match.group())
        if verdict is not None:
            yield Found(match.start(), match.end(), match.group(), "real-domain", verdict)


def addresses(text: str) -> Iterator[Found]:
    for pattern in (IPV4, IPV6):
        for match in pattern.finditer(text):
            if not any(c.isdigit() for c in match.group()):
                continue
            try:
                address = ipaddress.ip_address(match.group())
            except ValueError:  # a time (12:30:45) or a version (1.2.3.400)
                continue
            real = not any(address in network for network in DOCUMENTATION_NETWORKS)
            yield Found(match.start(), match.end(), match.group(), "real-ip", real)


def _fictional_number(written: str) -> bool:
    """Whether a telephone number, as written, lies in a range reserved for fiction."""
    digits = re.sub(r"\D", "", written.replace("(0)", ""))
    if written.startswith("+"):
        for code, (length, prefixes) in FICTION_PREFIXES.items():
            if digits.startswith(code):
                national = "0" + digits[len(code) :]
                return len(national) == length and national.startswith(prefixes)
        if not digits.startswith("1"):
            return False
        digits = digits[1:]
    if digits.startswith("0") or digits.startswith(("1800", "1300")):
        return any(
            len(digits) == length and digits.startswith(prefixes)
            for length, prefixes in FICTION_PREFIXES.values()
        )
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    line = digits[-7:]  # North America: 555-0100 to 555-0199 in any area code
    return len(digits) in (7, 10) and line.startswith("55501")


def _is_phone(written: str) -> bool:
    """Written the way telephone numbers are: international (+), with an area code in
    brackets, national with a trunk 0, or in North America's 3-3-4 or 3-4 shape. Dates,
    years and grouped thousands are written otherwise."""
    digits = re.sub(r"\D", "", written)
    if not 7 <= len(digits) <= 15 or _DATE.fullmatch(written):
        return False
    if written.startswith(("+", "(")):
        return True
    if digits.startswith("0") or digits.startswith(("1800", "1300")):
        return len(digits) >= 9
    return _NANP.fullmatch(written) is not None


def phones(text: str) -> Iterator[Found]:
    for match in PHONE.finditer(text):
        written = match.group()
        if _is_phone(written):
            real = not _fictional_number(written)
            yield Found(match.start(), match.end(), written, "real-phone", real)


def serials(text: str) -> Iterator[Found]:
    """Capitals and digits shaped like a serial or part number (KX-4471-B, RTX4090), and
    NATO stock numbers (1234-12-345-6789). None is reserved: each is real until marked."""
    for match in SERIAL.finditer(text):
        token = match.group()
        digits = sum(c.isdigit() for c in token)
        if len(token) >= 5 and digits >= 3 and any(c.isalpha() for c in token):
            yield Found(match.start(), match.end(), token, "unmarked-serial", True)
    for match in NSN.finditer(text):
        yield Found(match.start(), match.end(), match.group(), "unmarked-serial", True)


# In this order: a span found by an earlier detector is not looked at again by a later
# one (an e-mail's domain, an address's digits, a telephone number's groups).
DETECTORS = (emails, addresses, domains, phones, serials)


# What any detector needs somewhere in the text, found in one search: most text values
# (names, times, ordinary sentences) hold none of it and are not scanned further. No part
# matches a NUL, so values joined by NULs can be searched at once (`hygiene.lint`). Two
# patterns, not one alternation: each alone is searched faster than the two joined.
ANY = (re.compile(r"[.:@][\w:]"), re.compile(r"[\dA-Z][\dA-Z ./()-]{4}"))


def scan(text: str) -> list[Found]:
    """Every identifier-shaped candidate of `text`, real or set aside, without overlaps."""
    if not any(pattern.search(text) for pattern in ANY):
        return []
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for detector in DETECTORS:
        for item in detector(text):
            if any(item.start < end and start < item.end for start, end in taken):
                continue
            taken.append((item.start, item.end))
            found.append(item)
    return sorted(found, key=lambda f: f.start)
