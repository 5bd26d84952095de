"""The detectors' regular expressions, written once: Python compiles them for `find`, and
the same sources reach the browser (see `browser_patterns`), where draft-reply compiles
them with `new RegExp(source, "g" + flags)`.

Every source keeps to what both dialects read alike: Python compiles with `re.ASCII`, so
`\\b`, `\\d` and `\\w` are ASCII in both; no look-behind, named groups, inline flags or
`\\s` (whose Unicode sets differ); sources with the `i` flag hold ASCII letters only, so
case folding agrees. tests/test_detect.py enforces this and runs shared fixtures in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from vigil.detect import zh

# The space a number may have before its unit: ordinary, no-break, thin, narrow no-break.
_GAP = "[ \\u00a0\\u2009\\u202f]?"
_NUMBER = "\\d+(?:[.,]\\d+)*"
# Units written after a number. Letters that are too often plain words after a number
# ("2 A", "3 t", "5 B", "4 K") are left out; their prefixed forms (mA, kB) are in.
_UNIT_GROUPS = (
    # length, area, volume, mass
    "nm µm μm mm cm m km ft mi nmi m² m³ km² mL ml mg g kg lb lbs tonnes tons",
    "metres meters kilometres kilometers millimetres millimeters miles feet grams kilograms",
    # time, frequency, speed, acceleration
    "ns µs μs ms s sec min h hr hrs hours minutes seconds Hz kHz MHz GHz THz rpm",
    "m/s km/h kph mph kn knots",
    # electrical, energy, power, pressure, force
    "mV V kV mA kA W mW kW MW GW Wh kWh MWh mAh Ah Ω kΩ ohms J kJ MJ kN Nm",
    "watts volts amps Pa kPa MPa GPa bar mbar psi atm",
    # angle, temperature, ratio, signal, data
    "° °/h °/s °C °F mK deg degrees rad mrad µrad arcsec arcmin % ppm ppb dB dBm dBi",
    "kB KB MB GB TB kbps Mbps Gbps bits",
)
UNITS = (*(unit for group in _UNIT_GROUPS for unit in group.split()), *zh.UNITS)


@dataclass(frozen=True)
class Pattern:
    """One detector: its category, its regular expression source and flags ("" or "i")."""

    category: str
    source: str
    flags: str = ""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, re.ASCII | (re.IGNORECASE if "i" in self.flags else 0))


def _alternation(words: list[str]) -> str:
    # Longest first, so "°/h" wins over "°" and "km/h" over "km" when both fit.
    return "(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + ")"


_MONTHS = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?"
    "|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DAY = "\\d{1,2}(?:st|nd|rd|th)?"

# In rank order: where two detections start together and are as long, the earlier wins
# (so "10am" is a time, "5kg" a measure, and neither a code).
PATTERNS = (
    # Dates and schedules: dates, times, weekdays, relative days, weeks and quarters.
    Pattern(
        "date",
        "\\b\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}\\b|\\b\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?\\b"
        "|\\b\\d{1,2}\\.\\d{1,2}\\.\\d{2,4}\\b"
        "|\\b\\d{1,2}:\\d{2}(?: ?(?:am|pm|h))?(?![A-Za-z0-9])"
        "|\\b\\d{1,2} ?(?:am|pm|a\\.m\\.|p\\.m\\.)(?![A-Za-z0-9])"
        "|\\b[0-2]\\d[0-5]\\d ?(?:h|hrs|hours)\\b"
        "|\\b(?:(?:next|this|every|last|on) )?(?:mon|tues|wednes|thurs|fri|satur|sun)days?\\b"
        "|\\b(?:tomorrow|tonight|overnight|(?:next|this|last) (?:weekend|week|month|year"
        "|quarter|spring|summer|autumn|fall|winter|morning|night)|(?:mid|end of (?:the )?)"
        "(?:week|month|year))\\b"
        "|\\b(?:in|within|for|every|after) (?:\\d+|a|an|one|two|three|four|five|six|a few"
        "|a couple of) (?:hours?|days?|nights?|weeks?|months?)\\b"
        "|\\b\\d+[ -](?:days?|weeks?|months?)\\b|\\b(?:week|wk|cw|kw) ?\\d{1,2}\\b"
        "|\\b(?:spring|summer|autumn|fall|winter) \\d{4}\\b",
        "i",
    ),
    Pattern(
        "date",
        f"\\b(?:{_DAY} (?:of )?)?(?:{_MONTHS})\\b(?: {_DAY}\\b)?(?:,? \\d{{4}}\\b)?"
        f"|\\b{_DAY} May\\b(?:,? \\d{{4}}\\b)?|\\bMay {_DAY}\\b(?:,? \\d{{4}}\\b)?"
        "|\\b(?:Mon|Tue|Wed|Thu|Fri)\\b|\\bQ[1-4](?: \\d{4})?\\b|\\bH[12] \\d{4}\\b",
    ),
    Pattern("date", zh.DATE),
    # Numbers with units: measures, specifications, tolerances, ranges.
    Pattern(
        "number",
        # A sign or a word boundary, not a decade ("1990s"), a number or range, a Chinese
        # multiple or "or more" (3万, 30多), the unit; or a Chinese numeral and its unit.
        f"(?:(?:[-+~\\u2212\\u00b1]|零下 ?|负|\\b)(?!\\d{{4}}s\\b){_NUMBER}"
        f"(?: ?(?:-|\\u2013|~|\\u301c|to|到|至) ?{_NUMBER})?[万亿]?[多余]?{_GAP}"
        f"|{zh.NUMERAL_BEFORE}{zh.NUMERAL}{zh.NUMERAL_AFTER})"
        f"{_alternation(list(UNITS))}(?![A-Za-z0-9])|{zh.PER_CENT}",
    ),
    # Facilities: a building, hall, lab, line or site with its number or letter.
    Pattern(
        "place",
        "\\b(?:building|bldg|hall|lab|laboratory|hangar|bay|wing|site|range|plant|line"
        "|room|floor|pad|dock|block|zone|workshop|test (?:cell|stand|site|range|bay))\\.? ?"
        "(?:no\\.? ?)?\\d+[A-Za-z]?\\b",
        "i",
    ),
    Pattern(
        "place",
        "\\b(?:Building|Hall|Lab|Hangar|Bay|Wing|Site|Range|Plant|Line|Block|Zone|Pad|Dock)"
        " [A-Z]\\b(?![-'])",
    ),
    Pattern("place", zh.PLACE),
    # Serial-like and model-like codes: letters and digits mixed, or long digit runs.
    Pattern(
        "code",
        "\\b(?!\\d+(?:st|nd|rd|th|s)\\b)(?=[A-Za-z0-9]{3}|[A-Za-z0-9]+[-/.][A-Za-z0-9])(?=[-/.A-Za-z0-9]*\\d)"
        "(?=[-/.A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*\\b"
        "|#\\d{2,}\\b|\\b\\d{5,}\\b|\\b\\d{3,}(?:-\\d+)+\\b",
    ),
)
