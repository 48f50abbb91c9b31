"""Byline and dateline rules as named data: group -> rules, each a pattern a whole line must match
and where on the page it may.

A rule's edits are named ``attribution:<group>`` (what ``thresher explain`` and the stats show):
``byline`` for a line that names who wrote the page (with or without a date), ``date`` for a line
that only dates it. ``<group>.<name>`` identifies the rule itself (``disabled`` takes either).

Patterns are matched against the stripped line, whole, and are case-sensitive: a name is written
with capitals (``By Jane Doe``), a sentence that starts with "By" goes on in lowercase (``By the
end of the year, ...``). Labels are written ``(?i:...)`` where any case will do. Named groups say
what a line holds: ``author`` (one or more names), ``date`` (the publication date), ``updated``
(a later revision's date); dates are read by :func:`thresher.steps.attribution.dates.parse_date`.

``where``:

* ``"edge"``: in the page's top zone (above its first line of prose) or bottom zone (below its
  last one), where bylines and datelines sit;
* ``"bottom"``: the bottom zone only (a sign-off, ``Reporting by ...``);
* ``"after_byline"``: right below a line of the ``byline`` group (``BBC News, Washington`` below
  ``By Jane Doe``);
* ``"below_title"``: right below the page's first line (its title) or another attribution line:
  forms that are also a photo credit elsewhere (``Jane Doe | Reuters`` below a caption).

No rule ever applies to the page's first line when it could be a title (``Annual Report - 12 May
2016``): only the explicitly labelled forms (``By ...``, ``Published: ...``) do.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from thresher.steps.attribution.dates import DATETIME, FULL_DATETIME, TIME_ONLY
from thresher.steps.boilerplate.rules import AGENCY


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    where: str = "edge"  # "edge" | "bottom" | "after_byline" | "below_title"
    #: May match the page's first line (labelled forms only: an unlabelled one there is a title).
    first_line: bool = False
    #: Strings one of which the lowercased line must hold for the rule to be tried (a substring
    #: test costs far less than a failing match): "by", a digit for a date, a separator.
    needs: tuple[str, ...] = ()


# Words that start a "By ..." phrase of prose or a heading, never a name: "By Christmas",
# "By Air", "BY THE NUMBERS", "By Popular Demand".
NOT_NAMES: tuple[str, ...] = (
    "the", "a", "an", "this", "that", "these", "those", "its", "it", "his", "her", "their", "our", "my",
    "your", "all", "any", "each", "every", "some", "most", "many", "now", "then", "far", "way", "law",
    "hand", "night", "day", "land", "sea", "air", "road", "rail", "car", "bus", "train", "boat", "ferry",
    "plane", "bike", "bicycle", "foot", "taxi", "coach", "tube", "metro", "public", "private",
    "popular", "invitation", "appointment", "design", "default", "request", "order", "contrast",
    "comparison", "numbers", "category", "date", "name", "price", "topic", "region", "country",
    "state", "year", "month", "week", "email", "e-mail", "phone", "mail", "post", "tomorrow", "tonight",
    "today", "yesterday", "midnight", "noon", "dawn", "dusk", "spring", "summer", "autumn", "fall",
    "winter", "christmas", "easter", "ramadan", "halloween", "thanksgiving",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
# Words of a site's sections, never of a person's name: "World News | Reuters" is a menu.
NOT_NAME_WORDS: tuple[str, ...] = (
    "news", "world", "business", "markets", "politics", "sport", "sports", "home", "latest", "breaking",
    "top", "live", "video", "videos", "tech", "technology", "opinion", "health", "science",
    "entertainment", "culture", "lifestyle", "travel", "weather", "more", "menu", "search", "contact",
    "about", "share", "comments", "subscribe", "newsletter", "photos", "gallery", "last", "updated",
    "published", "posted", "newspaper", "online", "magazine", "daily", "journal", "herald", "tribune",
    "gazette", "blog", "radio", "tv", "today",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
)
# Words of a byline's role or place after a comma: "Political Correspondent", "health reporter".
ROLE_WORDS: tuple[str, ...] = (
    "correspondent", "editor", "reporter", "writer", "staff", "contributor", "columnist", "journalist",
    "producer", "analyst", "critic", "chief", "senior", "deputy", "associate", "managing", "executive",
    "news", "desk", "team", "bureau", "intern", "photographer", "political", "business", "health",
    "science", "technology", "tech", "sports", "sport", "education", "legal", "diplomatic", "economics",
    "economic", "environment", "security", "defence", "defense", "culture", "arts", "music", "film",
    "features", "foreign", "international", "national", "local", "digital", "online", "special",
    "contributing", "staff writer", "of", "for", "the", "and", "at", "in", "on", "&",
)

_DIGITS = tuple("0123456789")
_SEPARATORS = ("|", ",", " -", "–", "—", "•", "·")

_NOT_NAME = r"(?!(?i:" + "|".join(w.replace("-", r"\-") for w in NOT_NAMES) + r")\b)"
# (and the small words that end a name: "JANE DOE FOR MAILONLINE", "Jane Doe IN Moscow")
_FUNCTION_WORDS = ("for", "in", "and", "at", "on", "with", "by", "from", "to", "of", "the")
_NOT_NAME_WORD = r"(?!(?i:" + "|".join(NOT_NAME_WORDS + _FUNCTION_WORDS) + r")\b)"
# A word of a name: "Jane", "O'Brien", "McDonald", "Smith-Jones", "JANE", an initial "J."
_NAME_WORD = rf"{_NOT_NAME_WORD}(?:\p{{Lu}}\.|\p{{Lu}}[\p{{L}}\p{{M}}'’]*+(?:-\p{{Lu}}[\p{{L}}\p{{M}}'’]*+)*+)"
_PARTICLE = r"(?:de|da|del|della|di|du|dos|das|van|von|der|den|ter|la|le|al|el|bin|ibn|bint|ben|zu|af|y)"
# A person: two to five name words ("Jane Doe", "J. R. Smith", "Ludwig van Beethoven", "Jane Doe Jr.").
PERSON = (rf"{_NOT_NAME}{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,4}}(?:,?\s+(?:Jr|Sr)\.?|\s+(?:II|III|IV))?")
# Several: "Jane Doe and John Roe", "Jane Doe, John Roe and Ann Poe", "Jane Doe & John Roe".
PERSONS = rf"{PERSON}(?:(?:\s*,\s*{PERSON})*,?\s+(?:and|&)\s+{PERSON})?"
# A wire service or newsroom: "Reuters", "The Associated Press", "BBC News", "CNN Staff".
OUTLET = (rf"(?:(?i:the)\s+)?(?:(?i:{AGENCY})|(?-i:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){{0,2}}\s+(?:News|Staff|Reporters|Desk|Wire)))"
          rf"(?:\s+(?i:staff|reporters?|news))?")
AUTHORS = rf"(?:{PERSONS}|{OUTLET})"
# A blog's user name after an unmistakable label ("Posted by admin"): any case, one to three words.
_HANDLE_WORD = r"(?!(?i:on|at|in|and|posted|published|updated|under|filed)\b)[\p{L}\p{N}][\p{L}\p{N}_.@-]*"
HANDLE = rf"(?:{_HANDLE_WORD}(?:\s+{_HANDLE_WORD}){{0,2}})"

_ROLE_WORD = rf"(?:\p{{Lu}}[\p{{L}}'’.&-]*|(?i:{'|'.join(ROLE_WORDS)}))"
# ", Political Correspondent", ", BBC News, Washington", " in Moscow", " for MailOnline", " (@janedoe)"
_ROLE = rf"(?:\s*,\s*{_ROLE_WORD}(?:\s+{_ROLE_WORD}){{0,5}}){{1,3}}"
_PLACE = r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}"
# The words that make a line below a byline its second line: "Political correspondent", "BBC News, Washington".
_ROLE_LINE_WORDS = ("correspondent", "correspondents", "editor", "reporter", "writer", "staff", "contributor",
                    "columnist", "journalist", "news", "bureau", "desk", "producer", "analyst", "critic")
_TAIL = (rf"(?:{_ROLE}|\s*[|•·–—-]\s*{OUTLET}(?:\s+(?i:writer|reporter|correspondent|staff))?(?:\s*(?:--?|–|—))?|\s+(?i:in)\s+{_PLACE}|\s+(?i:for)\s+(?:(?i:the)\s+)?{_PLACE}|\s+\(?@[\w.]+\)?)*")
_SEP = r"(?:\s*[|•·–—-]\s*|\s*,\s*|\s+)"
_ON = r"(?:(?i:on|published|posted|first published)\s*:?\s+)?"
_PUBLISHED = r"(?i:(?:first\s+)?(?:published|posted|date|dated|released|created|issued|publication date|pub(?:lished)? date))"
_UPDATED = r"(?i:(?:last\s+)?(?:updated|modified|edited|revised)|last\s+modified)"
_LABEL_END = r"(?:\s+(?i:on|at))?\s*:?\s*"
# A date after the names, maybe with its revision: " | 12 May 2016", " on May 12, 2016 - Updated 13 May 2016"
_DATED = (rf"(?:{_SEP}{_ON}(?P<date>{DATETIME}))?"
          rf"(?:{_SEP}{_UPDATED}{_LABEL_END}(?P<updated>{DATETIME}|{TIME_ONLY}))?")
# The same where a date must be there, complete: "Jane Doe - 12 May 2016", "Reuters - Last updated: 3:02 p.m., January 3, 2008"
_DATED_FULL = (rf"{_SEP}(?:{_ON}(?P<date>{FULL_DATETIME})(?:{_SEP}{_UPDATED}{_LABEL_END}(?P<updated>{DATETIME}|{TIME_ONLY}))?"
               rf"|{_UPDATED}{_LABEL_END}(?P<updated>{FULL_DATETIME}))")

# -- bylines in Common Crawl's twenty most common languages, and Thai and Hindi ---------------------
# How a byline opens in each language (ISO 639-1): the words for "by" before the names ("Von Jane
# Doe", "Par Jean Dupont", "بقلم ..."), and the labels before a colon ("Autor: ...", "Автор: ...",
# "作者：..."). They become the byline group's rules ``by_author_<lang>`` and ``author_label_<lang>``.
# In scripts with capitals a "by" takes capitalised names only (a sentence goes on in lowercase);
# in the others, and after a label and its colon, one to three words of any script. None is tried
# on the page's first line (a title may open with the same word).
BYLINE_WORDS: MappingProxyType = MappingProxyType({
    # lang: (words for "by", labels)
    "de": (("Von",), ("Autor", "Autorin", "Text", "Von")),
    "fr": (("Par",), ("Auteur", "Autrice", "Par", "Texte")),
    "es": (("Por",), ("Autor", "Autora", "Por", "Texto")),
    "pt": (("Por",), ("Autor", "Autora", "Por", "Texto")),
    "it": (("Di",), ("Autore", "Autrice", "Di", "Testo")),
    "nl": (("Door",), ("Auteur", "Door", "Tekst")),
    "sv": (("Av",), ("Författare", "Av", "Text")),
    "pl": ((), ("Autor", "Autorka", "Tekst")),
    "cs": ((), ("Autor", "Autorka", "Text")),
    "hu": (("Írta",), ("Szerző", "Írta", "Szöveg")),
    "tr": ((), ("Yazar", "Haber")),
    "ru": ((), ("Автор", "Текст")),
    "uk": ((), ("Автор", "Текст")),
    "id": (("Oleh",), ("Penulis", "Oleh", "Reporter")),
    "vi": ((), ("Tác giả", "Bài", "Người viết")),
    "ar": (("بقلم",), ("بقلم", "الكاتب", "كتب")),
    "fa": (("به قلم",), ("نویسنده", "به قلم", "نوشته")),
    "hi": ((), ("लेखक", "द्वारा")),
    "th": (("โดย",), ("ผู้เขียน", "โดย")),
    "zh": ((), ("作者", "记者", "記者", "文")),
    "ja": ((), ("筆者", "著者", "記者", "文")),
    "ko": ((), ("글", "기자")),
})
# A name in any script, after a label: one to three words (marks too: Devanagari and Thai vowels).
_ANY_NAME = r"(?:[\p{L}\p{N}][\p{L}\p{M}\p{N}_.@'’-]*(?:\s+[\p{L}\p{N}][\p{L}\p{M}\p{N}_.@'’-]*){0,2})"
_CASED = ("de", "fr", "es", "pt", "it", "nl", "sv", "pl", "cs", "hu", "tr", "ru", "uk", "id", "vi")


def _cases(word: str) -> str:
    return "(?:" + "|".join(dict.fromkeys((word, word.upper(), word.lower()))) + ")"


def _byline_rules() -> tuple[Rule, ...]:
    out = []
    for lang, (by_words, labels) in BYLINE_WORDS.items():
        names = rf"(?:{AUTHORS}|{_ANY_NAME})"
        if by_words:
            by = "(?:" + "|".join(_cases(w) for w in by_words) + ")"
            who = rf"(?:{AUTHORS}){_TAIL}" if lang in _CASED else _ANY_NAME
            out.append(Rule(f"by_author_{lang}", rf"{by}\s+(?P<author>{who}){_DATED}", needs=tuple(w.lower() for w in by_words)))
        label = "(?:" + "|".join(_cases(w) for w in labels) + ")"
        out.append(Rule(f"author_label_{lang}", rf"{label}\s*[:：]\s*(?P<author>{names}){_TAIL}{_DATED}", needs=(":", "：")))
    # Korean papers sign after the name: "홍길동 기자", "홍길동 기자 hong@example.com"
    out.append(Rule("reporter_suffix_ko", r"(?P<author>[가-힣]{2,4})\s*기자(?:\s*=\s*\S+|\s+[\w.+-]+@[\w.-]+)?", needs=("기자",)))
    return tuple(out)


GROUPS: MappingProxyType = MappingProxyType({
    "byline": (
        # "By Jane Doe", "By Jane Doe and John Roe", "By Jane Doe, Political Correspondent",
        # "By Jane Doe in Moscow | 12 May 2016", "BY JANE DOE FOR MAILONLINE", "By Reuters Staff"
        Rule("by_author", rf"(?:By|BY|by)\s*:?\s+(?P<author>{AUTHORS}){_TAIL}{_DATED}", first_line=True, needs=("by",)),
        # "Posted by Jane Doe on May 12, 2016", "Posted by admin at 10:23 AM", "Written by Jane Doe"
        Rule("posted_by", rf"(?i:posted|written|published|submitted|contributed|authored|words|story|text|compiled)\s+(?i:by)\s*:?\s+"
                          rf"(?P<author>{AUTHORS}|{HANDLE}){_TAIL}"
                          rf"(?:\s+(?i:on)\s+(?P<date>{DATETIME})|\s+(?i:at)\s+{TIME_ONLY}|{_DATED})"
                          rf"(?:\s+(?i:in)\s+[\p{{L}}\p{{N}}][^.!?]{{0,40}})?", first_line=True, needs=("by",)),
        # "Posted on May 12, 2016 by Jane Doe", "May 12, 2016 by admin", "Published 12 May 2016 by Jane Doe"
        Rule("dated_by", rf"(?:{_PUBLISHED}{_LABEL_END})?(?P<date>{DATETIME})\s*[|•·,–—-]?\s*(?i:by)\s+(?P<author>{AUTHORS}|{HANDLE}){_TAIL}"
                         rf"(?:\s+(?i:in)\s+[\p{{L}}\p{{N}}][^.!?]{{0,40}})?", first_line=True, needs=("by",)),
        # "Author: Jane Doe", "Words: Jane Doe", "Reporter: Jane Doe | 12 May 2016"
        Rule("author_label", rf"(?i:authors?|writer|words|text|reporter|byline)\s*:\s*(?P<author>{AUTHORS}|{HANDLE}){_TAIL}{_DATED}",
             first_line=True, needs=(":",)),
        # the same in other languages (BYLINE_WORDS), before the unlabelled forms: "Por María García"
        # is not a person of three names
        *_byline_rules(),
        # "Jane Doe - 12 May 2016 - 10:23", "Jane Doe | May 12, 2016", "Jane Doe, BBC News | 12 May 2016"
        Rule("name_date", rf"(?P<author>{AUTHORS}){_TAIL}{_DATED_FULL}", needs=_DIGITS),
        # "12 May 2016 | Jane Doe", "May 12, 2016 - Jane Doe, Reuters"
        Rule("date_name", rf"(?P<date>{FULL_DATETIME}){_SEP}(?P<author>{PERSONS}){_TAIL}", needs=_DIGITS),
        # "Jane Doe | Reuters", "Jane Doe, Associated Press", "Jane Doe - BBC News"
        Rule("name_outlet", rf"(?P<author>{PERSONS})\s*(?:[|•·,]|\s[–—-])\s*{OUTLET}", where="below_title", needs=_SEPARATORS),
        # the byline's second line: "BBC News, Washington", "Political correspondent"
        Rule("role_line", rf"(?=.*\b(?i:{'|'.join(_ROLE_LINE_WORDS)})\b){_ROLE_WORD}(?:\s+{_ROLE_WORD}){{0,5}}{_ROLE}?",
             where="after_byline"),
        # "Reporting by Jane Doe in London; Editing by John Roe" (wire copy's last line)
        Rule("reporting_by", rf"\(?(?i:(?:additional\s+)?(?:reporting|writing|research)(?:\s+and\s+(?:writing|editing|reporting))?\s+by)\s+"
                             rf"(?P<author>{PERSONS})(?:\s+(?i:in)\s+{_PLACE})?"
                             rf"(?:\s*[;,]\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|research|graphics|compiled)"
                             rf"(?:\s+and\s+\w+)?\s+by)\s+{PERSONS}(?:\s+(?i:in)\s+{_PLACE})?)*\)?\.?", where="bottom", needs=("by",)),
        # a sign-off: "— Jane Doe", "-- Jane Doe, Reuters"
        Rule("sign_off", rf"(?:--?|–|—)\s*(?P<author>{PERSONS}){_TAIL}", where="bottom", needs=("-", "–", "—")),
    ),
    "date": (
        # "Published: 12 May 2016", "First published on Thu 12 May 2016 10.23 BST",
        # "Published 12 May 2016, updated 13 May 2016"
        Rule("published_label", rf"{_PUBLISHED}{_LABEL_END}(?P<date>{DATETIME}|{TIME_ONLY})"
                                rf"(?:{_SEP}{_UPDATED}{_LABEL_END}(?P<updated>{DATETIME}))?", first_line=True, needs=_DIGITS),
        # "Updated 12 May 2016", "Last updated: May 12, 2016 10:23 am"
        Rule("updated_label", rf"{_UPDATED}{_LABEL_END}(?P<updated>{DATETIME}|{TIME_ONLY})"
                              rf"(?:{_SEP}{_PUBLISHED}{_LABEL_END}(?P<date>{DATETIME}))?", first_line=True, needs=_DIGITS),
        # a line that is only a date: "Thursday 12 May 2016", "May 12, 2016 10:23 am EDT"
        # (a complete one: a lone "May 12" may be a heading, "July 2007" an archive link)
        Rule("date_only", rf"(?P<date>{FULL_DATETIME})", needs=_DIGITS),
        # a label whose name or date the extraction lost (it was a link): "Posted by", "By"
        Rule("bare_label", r"(?i:posted(?:\s+(?:by|on))?|written\s+by|published(?:\s+on)?|by|author)\s*:?"),
    ),
})  # read-only: rules are data, not state
