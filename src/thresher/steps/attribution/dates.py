"""Publication dates as pages write them, turned into ISO 8601.

The formats are named data (:data:`DATE_FORMATS`); :data:`DATETIME` is the one pattern that the
byline rules embed where a date may stand, and :func:`parse_date` reads what it matched.

* A complete date gives ``2016-05-12``, with its time ``2016-05-12T10:23`` (seconds when given),
  with an offset when the page names one that has a single meaning (``GMT`` -> ``Z``, ``BST`` ->
  ``+01:00``, ``+0200``; ``ET`` or ``IST`` mean two offsets each: none is written).
* An incomplete one gives what ISO 8601 can say with less precision (``May 2016`` -> ``2016-05``;
  no year at all: nothing), and :class:`Date` says it is incomplete so callers keep the raw text.
* ``12/05/2016`` is ambiguous. With ``numeric_order="auto"`` (the default) a day over 12 decides
  (``25/05/2016`` is day first, ``05/25/2016`` month first) and an undecided one keeps only its
  year (``2016``, incomplete, raw text kept); ``"dmy"`` or ``"mdy"`` say how a crawl writes them.
  Dots (``12.05.2016``) are always day first: no English-language site writes month first with dots.

English month and weekday names only: a byline in another language (BYLINE_WORDS) gives its date
when it is written in numbers (ISO, dots, slashes).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from types import MappingProxyType

import regex

from thresher.disk_cache import compiled_pattern

MONTHS: MappingProxyType = MappingProxyType({
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
})
#: Zone names with one offset; the rest (ET, PT, IST, CST in Asia...) are read and not written.
ZONES: MappingProxyType = MappingProxyType({
    "z": "Z", "utc": "Z", "gmt": "Z", "bst": "+01:00", "cet": "+01:00", "cest": "+02:00",
    "eet": "+02:00", "eest": "+03:00", "est": "-05:00", "edt": "-04:00", "cdt": "-05:00",
    "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00", "aest": "+10:00",
    "aedt": "+11:00", "jst": "+09:00", "kst": "+09:00",
})

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
            r"sat(?:urday)?|sun(?:day)?)\.?,?\s+")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_NUM = r"(?:3[01]|[12]\d|0?[1-9])"

#: (name, pattern with groups d, m (a number) or mon (a name), y), tried in this order.
DATE_FORMATS: tuple[tuple[str, str], ...] = (
    ("iso", rf"(?P<y>{_YEAR})-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])"),
    ("year_first_slash", rf"(?P<y>{_YEAR})/(?P<m>1[0-2]|0?[1-9])/(?P<d>{_NUM})"),
    ("day_month_year", rf"(?:{_WEEKDAY})?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?[\s-]+(?P<mon>{_MONTH}),?[\s-]+(?P<y>{_YEAR})"),
    ("month_day_year", rf"(?:{_WEEKDAY})?(?P<mon>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})"),
    ("numeric_dots", rf"(?P<d>{_NUM})\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>{_YEAR})"),
    ("numeric", rf"(?P<a>{_NUM})(?P<sep>[/-])(?P<b>{_NUM})(?P=sep)(?P<y>{_YEAR})"),
    # incomplete: a month and a year, or a day and a month
    ("month_year", rf"(?P<mon>{_MONTH}),?\s+(?P<y>{_YEAR})"),
    ("day_month", rf"(?:{_WEEKDAY})?(?P<d>{_DAY})\s+(?P<mon>{_MONTH})"),
    ("month_day", rf"(?:{_WEEKDAY})?(?P<mon>{_MONTH})\s+(?P<d>{_DAY})"),
)

_ZONE = (r"(?:(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?|[+-](?:0\d|1[0-4]):?\d\d|z|utc|gmt|bst|cet|cest|eet|eest|"
         r"est|edt|cst|cdt|mst|mdt|pst|pdt|et|ct|pt|ist|aest|aedt|jst|kst)")
_AMPM = r"[ap]\.?\s?m\.?"
TIME = (rf"(?:(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?(?:\s*(?P<ampm>{_AMPM}))?"
        rf"|(?P<H12>1[0-2]|0?[1-9])\s*(?P<ampm12>{_AMPM}))(?:\s*\(?(?P<tz>{_ZONE})\)?)?")



def _ungrouped(pattern: str) -> str:
    """``pattern`` with its named groups made plain (to embed in a larger pattern)."""
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern).replace("(?P=sep)", "[/-]")


_DATE_ANY = "|".join(f"(?:{_ungrouped(p)})" for _, p in DATE_FORMATS)
_TIME_ANY = _ungrouped(TIME)
#: A time alone ("10:23 AM"), to embed like DATETIME.
TIME_ONLY = f"(?i:{_TIME_ANY})"
_DT_SEP = r"(?:\s*(?:,|\bat\b|@|\||•|·|-|–|—)\s*|\s+|T)"
_COMPLETE = {"iso", "year_first_slash", "day_month_year", "month_day_year", "numeric_dots", "numeric"}
_DATE_FULL = "|".join(f"(?:{_ungrouped(p)})" for name, p in DATE_FORMATS if name in _COMPLETE)


def _with_time(date: str) -> str:
    return rf"(?i:(?:{_TIME_ANY}){_DT_SEP}(?:{date})|(?:{date})(?:{_DT_SEP}(?:{_TIME_ANY}))?)"


#: A date with an optional time before or after it: what byline rules embed (case-insensitive,
#: no groups of its own). "12 May 2016 - 10:23", "10:23 AM, May 12, 2016", "2016-05-12T10:23:00Z".
DATETIME = _with_time(_DATE_ANY)
#: The same with a day, a month and a year: for lines that hold nothing but names and a date,
#: where "July 2007" is more likely an archive link than a dateline.
FULL_DATETIME = _with_time(_DATE_FULL)

# Long patterns (every month name in a dozen languages): compiled once per machine (thresher.disk_cache).
_FORMATS = tuple((name, compiled_pattern(p, regex.I)) for name, p in DATE_FORMATS)
_TIME_RX = compiled_pattern(TIME, regex.I)
_ISO_FULL = regex.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?", regex.I)


@dataclass(frozen=True)
class Date:
    """An ISO 8601 string (as precise as the page was; None when not even the year is known),
    whether it is a complete calendar date, and the text as the page wrote it."""

    iso: str | None
    complete: bool
    raw: str


def parse_date(raw: str, numeric_order: str = "auto") -> Date:
    """The date (and time) in ``raw``, as ISO 8601. See the module docstring."""
    s = " ".join(raw.split())
    if _ISO_FULL.fullmatch(s):
        iso = iso_of_machine_date(s)
        if iso:
            return Date(iso, True, raw)
    for name, rx in _FORMATS:
        m = rx.search(s)
        if m is None:
            continue
        g = m.groupdict()
        y = int(g["y"]) if g.get("y") else None
        if g.get("a"):
            mo, d = _numeric_month_day(int(g["a"]), int(g["b"]), numeric_order)
        else:
            mo = MONTHS.get(g["mon"].lower().rstrip(".")) if g.get("mon") else int(g["m"])
            d = int(regex.match(r"\d+", g["d"]).group()) if g.get("d") else None
        if y is None:
            return Date(None, False, raw)
        if mo is None:
            return Date(f"{y:04d}", False, raw)
        if d is None:
            return Date(f"{y:04d}-{mo:02d}", False, raw)
        try:
            day = _dt.date(y, mo, d)
        except ValueError:  # 31 February: not a date
            return Date(f"{y:04d}", False, raw)
        rest = s[: m.start()] + " " + s[m.end():]
        return Date(day.isoformat() + _time_of(rest), True, raw)
    return Date(None, False, raw)


def _numeric_month_day(a: int, b: int, order: str) -> tuple[int | None, int | None]:
    """(month, day) of ``a/b/yyyy``: decided by a number over 12, a == b, or the configured
    order; (None, None) when undecided."""
    if a > 12 or (order == "dmy" and b <= 12):
        return b, a
    if b > 12 or a == b or order == "mdy":
        return a, b
    return None, None


def _time_of(s: str) -> str:
    """``T10:23`` (``:45`` seconds, an offset) for the time in ``s``, or ``""``."""
    m = _TIME_RX.search(s)
    if m is None:
        return ""
    g = m.groupdict()
    if g["H12"]:
        h, mi, sec, ampm = int(g["H12"]), 0, None, g["ampm12"]
    else:
        h, mi, sec, ampm = int(g["H"]), int(g["M"]), g["S"], g["ampm"]
    if ampm:
        if h > 12:
            return ""
        pm = ampm.lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    out = f"T{h:02d}:{mi:02d}" + (f":{int(sec):02d}" if sec else "")
    return out + _offset(g["tz"])


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    t = tz.lower().replace(" ", "")
    if t in ZONES:
        return ZONES[t]
    m = regex.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d\d)?", t)
    if m is None:
        return ""
    h, mi = int(m.group(2)), int(m.group(3) or 0)
    if h > 14 or mi > 59:
        return ""
    return "Z" if h == mi == 0 else f"{m.group(1)}{h:02d}:{mi:02d}"


def iso_of_machine_date(value: str) -> str | None:
    """A date as a page's metadata writes it (``2016-05-12T10:23:00+01:00``, ``2016-05-12``,
    ``20160512``), as ISO 8601; None when it is not one. Kept as precise as given."""
    v = value.strip()
    if regex.fullmatch(r"\d{8}", v):
        v = f"{v[:4]}-{v[4:6]}-{v[6:]}"
    if not _ISO_FULL.fullmatch(v):
        return None
    v = v.replace(" ", "T", 1)
    try:
        when = _dt.datetime.fromisoformat(v.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if not 1800 <= when.year <= 2199:  # "0001-01-01T00:00:00Z": a template's empty date
        return None
    if "T" not in v:
        return when.date().isoformat()
    seconds = regex.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", v) is not None
    out = when.replace(tzinfo=None).isoformat(timespec="seconds" if seconds else "minutes")
    off = when.utcoffset()
    if off is None:
        return out
    mins = int(off.total_seconds() // 60)
    if mins == 0:
        return out + "Z"
    sign = "+" if mins > 0 else "-"
    return f"{out}{sign}{abs(mins) // 60:02d}:{abs(mins) % 60:02d}"
