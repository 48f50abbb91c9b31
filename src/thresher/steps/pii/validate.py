"""Validators: is this candidate really an e-mail address, a card number, an IP, a phone number?

Each takes ``(candidate, text, start, end)`` and returns the span to redact (usually
``(start, end)``; a card number followed by more digits may yield a shorter one) or None.
The near misses they must refuse are the ones web text is full of: version and section
numbers, dates, times, prices, ISBNs, coordinates, order numbers, scores.
"""

from __future__ import annotations

import ipaddress
import re


def _before(text: str, start: int, width: int = 32) -> str:
    """The text just before a candidate, on the same line, lowercased."""
    chunk = text[max(0, start - width) : start]
    return chunk[chunk.rfind("\n") + 1 :].lower()


# -- e-mail ------------------------------------------------------------------------------------

# "logo@2x.png", "icon@3x.webp": image names in the retina convention, not addresses.
_FILE_TLDS = frozenset({"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "css", "js", "ico", "bmp", "tif", "tiff"})


_TLD = re.compile(r"[A-Za-z]{2,24}")


def email(cand: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    trimmed = cand.rstrip(".-")
    local, _, domain = trimmed.partition("@")
    if ".." in local or local.endswith(".") or ".." in domain:
        return None
    labels = domain.split(".")
    if len(labels) < 2 or not _TLD.fullmatch(labels[-1]) or labels[-1].lower() in _FILE_TLDS:
        return None
    if any(not lab or len(lab) > 63 or lab[0] == "-" or lab[-1] == "-" for lab in labels):
        return None
    return start, start + len(trimmed)


# -- payment cards -----------------------------------------------------------------------------


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


#: Issuer prefixes (IIN ranges) and the lengths their cards have. A Luhn-valid number with no
#: issuer is far more often an account, tracking or order number than a card.
CARD_ISSUERS: tuple[tuple[str, tuple[int, int], frozenset[int]], ...] = (
    ("visa", (4, 4), frozenset({13, 16, 19})),
    ("mastercard", (51, 55), frozenset({16})),
    ("mastercard", (2221, 2720), frozenset({16})),
    ("amex", (34, 34), frozenset({15})),
    ("amex", (37, 37), frozenset({15})),
    ("discover", (6011, 6011), frozenset({16, 17, 18, 19})),
    ("discover", (644, 649), frozenset({16, 17, 18, 19})),
    ("discover", (65, 65), frozenset({16, 17, 18, 19})),
    ("jcb", (3528, 3589), frozenset({16, 17, 18, 19})),
    ("diners", (300, 305), frozenset({14, 16, 17, 18, 19})),
    ("diners", (36, 36), frozenset({14, 16, 17, 18, 19})),
    ("diners", (38, 39), frozenset({16, 17, 18, 19})),
    ("unionpay", (62, 62), frozenset({16, 17, 18, 19})),
    ("maestro", (50, 50), frozenset({12, 13, 14, 15, 16, 17, 18, 19})),
    ("maestro", (56, 58), frozenset({12, 13, 14, 15, 16, 17, 18, 19})),
)


def card_issuer(digits: str) -> str | None:
    for name, (lo, hi), lengths in CARD_ISSUERS:
        width = len(str(lo))
        if len(digits) in lengths and lo <= int(digits[:width]) <= hi:
            return name
    return None


def _card_grouping_ok(groups: list[str], seps: set[str]) -> bool:
    if len(groups) == 1:
        return True
    if len(seps) != 1:  # "4111 1111-1111 1111": not how anyone writes a card number
        return False
    sizes = [len(g) for g in groups]
    return (all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4) or sizes in ([4, 6, 5], [4, 6, 4])


_SEP = re.compile(r"[ -]")


def card(cand: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    groups = _SEP.split(cand)
    seps = set(_SEP.findall(cand))
    # A card number may run on into other digits ("4111 1111 1111 1111 12/27"): try the longest
    # leading run of groups that is a card.
    for n in range(len(groups), 0, -1):
        digits = "".join(groups[:n])
        if len(digits) < 12:
            break
        if len(digits) > 19:
            continue
        if luhn(digits) and card_issuer(digits) and _card_grouping_ok(groups[:n], seps if n > 1 else set()):
            length = len(" ".join(groups[:n]))  # separators are one character each
            return start, start + length
    return None


# -- IP addresses ------------------------------------------------------------------------------

# An IPv4-looking number right after one of these is a version, section or figure number.
_NOT_IP_BEFORE = re.compile(
    r"(?:\b(?:versions?|ver|v|release|build|firmware|revision|rev|patch|update|kernel|"
    r"section|sec|chapter|ch|clause|article|art|paragraph|para|figure|fig|table|tab|step|"
    r"rule|item|appendix|annex|isbn|oid)|§)\.?:?\s*(?:no\.?\s*|#\s*)?$"
)


def ipv4(cand: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    if _NOT_IP_BEFORE.search(_before(text, start)):
        return None
    return start, end


def ipv6(cand: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    try:
        ipaddress.IPv6Address(cand)
    except ValueError:
        return None
    groups = [g for g in re.split(r"[:.]", cand) if g]
    # "::", "::1" and hex words like "dead::beef" are no one's address.
    if len(groups) < 2 or not any(c.isdigit() for c in cand):
        return None
    return start, end


# -- phone numbers -----------------------------------------------------------------------------

# Words right before a number that make it something else.
_NOT_PHONE_BEFORE = re.compile(
    r"\b(?:isbn(?:-1[03])?|issn|doi|order|invoice|ref|reference|tracking|account|acct|serial|"
    r"sku|item|part|model|ticket|case|id|version|ver|v|build|patent|page|pp?|"
    r"vol|flight|route|zip|postcode|iban|score|scores)\.?:?\s*(?:no\.?|number|#|nr\.?)?\s*:?\s*$"
)
# Words shortly before a number that make a phone number of it.
_PHONE_BEFORE = re.compile(
    r"\b(?:phone|tel|telephone|call|calling|fax|mobile|cell|cellphone|whatsapp|sms|text|ring|"
    r"hotline|helpline|contact|reach|dial|telefon|telefono|teléfono|téléphone|tél|handy|"
    r"móvil|celular|ph|mob)\b"
)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹₽]|\b(?:usd|eur|gbp|chf|jpy|rs|inr)\.?)\s*$")

_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d\d[-./ ](?:0?[1-9]|1[0-2])[-./ ](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-./ ](?:0?[1-9]|1[0-2])[-./ ](?:19|20)\d\d"
    r"|(?:0?[1-9]|1[0-2])[-./ ](?:0?[1-9]|[12]\d|3[01])[-./ ](?:19|20)\d\d)(?!\d)"
)
# Two dates or years: "2019-2024", "01.02.2024 - 03.02.2024"
_YEAR_RANGE = re.compile(r"(?<!\d)(?:19|20)\d\d ?[-/] ?(?:19|20)\d\d(?!\d)")
_GROUPS = re.compile(r"\d+")
_BRACKETS = frozenset("()+")
_PAREN_AREA = re.compile(r"\(\+?\d{1,5}\)")
_PARENS = re.compile(r"[^()]*\(\+?\d+\)[^()]*")


def _phone_shape(cand: str, digits: str, groups: list[str], seps: str) -> bool:
    """Does the number, with no help from context, look like one written as a phone number?"""
    sizes = [len(g) for g in groups]
    if cand.startswith("+"):
        # International: "+44 20 7946 0958", "+1-202-555-0143", "+4930123456". A country code of
        # 1-3 digits, then groups; at least 8 digits in all.
        return 8 <= len(digits) <= 15 and (len(groups) == 1 or sizes[0] <= 3)
    if cand.startswith("00") and len(groups) > 1 and sizes[0] <= 5 and 10 <= len(digits) <= 15:
        return True  # "0044 20 7946 0958"
    nanp = sizes[-3:] == [3, 3, 4] and len(groups) <= 4 and (len(groups) == 3 or groups[0] == "1")
    if nanp:
        area, exchange = groups[-3], groups[-2]
        # North American numbering: area code and exchange never start with 0 or 1.
        if area[0] in "01" or exchange[0] in "01":
            return False
        return True
    if "." in seps:
        # Dotted: only the French style "01.23.45.67.89" (and NANP above); dots otherwise mean
        # dates, versions, coordinates.
        return sizes == [2, 2, 2, 2, 2] and digits[0] == "0"
    if _PAREN_AREA.match(cand) and 7 <= len(digits) <= 12:
        return True  # "(020) 7946 0958", "(0)20 ...": an area code in brackets comes first
    # National format with a trunk 0: "020 7946 0958", "030-1234567", "01 23 45 67 89", "0171/1234567".
    if digits[0] == "0" and len(groups) >= 2 and 9 <= len(digits) <= 12:
        # (one inner group may be a single digit: "0845 8 505 505")
        return all(2 <= s <= 8 for s in (sizes[0], sizes[-1])) and all(1 <= s <= 8 for s in sizes) and sizes[0] <= 5
    return False


_NON_DIGITS = re.compile(r"\D")


def phone(cand: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    # Cheapest refusals first: most candidates are years, dates, amounts.
    seps = "".join(_NON_DIGITS.findall(cand))
    n_digits = len(cand) - len(seps)
    if not 7 <= n_digits <= 15:
        return None
    if "(" in seps or ")" in seps:
        # One pair, around digits only: "(020)", "(+44)", "(0)"; not a score like "(7-5)".
        if not _PARENS.fullmatch(cand):
            return None
    groups = _GROUPS.findall(cand)
    # Tennis sets "6-3 4-6 6-0", lists "1 2 3": phone numbers have at most one one-digit group
    # (a country or area code: "+33 1 ...", "+32 2 ..."), not counting the trunk "(0)".
    if sum(len(g) == 1 for g in groups) - ("(0)" in cand) >= 2:
        return None
    if len(set(seps) - _BRACKETS) > 2:
        return None  # "12-34.56/78": a mess of separators, not a number someone dials
    if _DATE.search(cand) or _YEAR_RANGE.search(cand):
        return None
    before = _before(text, start)
    said_phone = _PHONE_BEFORE.search(before[-24:]) is not None
    if not _phone_shape(cand, "".join(groups), groups, seps):
        # A less phone-like number counts only right after a word that says "phone".
        if not (said_phone and len(groups) <= 6 and not (set(seps) <= {"."} and len(groups) > 1)):
            return None
    if _CURRENCY_BEFORE.search(before):
        return None
    if not said_phone and _NOT_PHONE_BEFORE.search(before):
        return None
    return start, end
