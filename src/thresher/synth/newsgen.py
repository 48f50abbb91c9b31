"""Plausible news articles assembled from a small phrase grammar, for the self-contained demo.

Nothing here is real reporting: people, companies and events are drawn from :mod:`vocab` and
combined clause by clause, so that two demo articles share no more than a stock phrase or two
(a template that only swapped names would make every story a near duplicate of the next).
"""

from __future__ import annotations

import random

from thresher.synth import vocab as V
from thresher.synth.chrome import person

_TOPICS = {
    "politics": ("housing", "pension", "immigration", "tax", "school", "water", "childcare", "policing",
                 "rail", "defence", "social care", "energy"),
    "business": ("retail", "steel", "airline", "banking", "mining", "insurance", "telecoms", "food",
                 "car", "chip", "media", "property"),
    "sport": ("league", "cup", "transfer", "stadium", "coaching", "youth", "ticketing", "doping"),
    "tech": ("broadband", "smartphone", "data", "cloud", "games", "music streaming", "satellite", "chip"),
    "health": ("flu", "cancer", "sleep", "diabetes", "vaccine", "mental health", "maternity", "dental"),
}
_WHEN = ("On {d}", "Earlier this week", "Last month", "In a statement on {d}", "Late on {d}",
         "At a briefing in {C}", "Speaking in {C} on {d}", "After weeks of talks", "By the end of {m}",
         "In the first quarter", "Over the weekend", "In an interview on {d}")
_SAY = ("said", "confirmed", "warned", "announced", "told reporters", "insisted", "suggested", "argued",
        "admitted", "claimed")
_ACTIONS = {
    "politics": ("publish a review of {t} policy", "cut funding for {t} schemes by £{n}m",
                 "bring forward a vote on the {t} bill", "set up an inquiry into {t} spending",
                 "scrap plans for a new {t} levy", "appoint an independent {t} commissioner",
                 "double the budget for {t} in {C}", "consult on changes to {t} rules"),
    "business": ("close {n} sites in {country}", "cut {k} jobs across its {t} arm", "sell its {t} unit for £{n}m",
                 "raise prices by {n}% from {m}", "move its head office to {C}", "buy a rival {t} group",
                 "open {n} new stores in {C}", "list its shares in {C} next year"),
    "sport": ("sign a new striker before the {t} deadline", "rebuild the stadium's north stand",
              "appeal against the {n}-match ban", "extend the manager's contract until {y}",
              "cut ticket prices for the {t} tie", "field a weakened side in the cup",
              "move home games to {C} for a season", "investigate the crowd trouble"),
    "tech": ("launch a {t} service in {country}", "delay the new handset until {m}", "fix the flaw within days",
             "charge £{n} a month for the premium tier", "open a research centre in {C}",
             "stop storing users' location data", "share its {t} patents with rivals", "drop support for older phones"),
    "health": ("offer a {t} check to everyone over {n}", "recruit {k} more nurses", "close the ward at night",
               "publish waiting times for {t} care every month", "fund a {t} trial in {C}",
               "ban junk-food adverts near schools", "extend GP opening hours", "review {t} screening"),
}
_QUOTES = {
    "politics": ("This is about fairness for every family in the country", "We will not be rushed into a bad deal",
                 "The public deserve straight answers on {t}", "Frankly, the numbers simply do not add up"),
    "business": ("Trading has been tougher than we expected", "We remain confident about the year ahead",
                 "Our customers want value and we intend to give it to them", "It was a difficult decision but the right one"),
    "sport": ("The lads showed real character out there", "We have to take our chances in front of goal",
              "It was never a penalty, everyone in the ground saw that", "I'm just happy to be playing again"),
    "tech": ("People want their devices to simply work", "Security is built into everything we make",
             "This changes how people will listen to music", "We have nothing to hide about how we use data"),
    "health": ("Staff are working flat out to keep up", "Prevention is always better than cure",
               "These results are encouraging but early", "Patients should not have to wait this long"),
}
_FIGURES = (
    "{Metric} rose {n}% to {amount} in the year to {m}.", "{Metric} fell by {n}% compared with a year earlier.",
    "About {k} people are affected, according to official estimates.", "The plan is expected to cost about {amount}.",
    "Nearly {n}% of those asked in a recent survey backed the idea.", "The figure was the highest since {y}.",
)
_METRICS = ("Sales", "Profits", "Spending", "Revenue", "Attendance", "Demand", "Waiting lists", "Turnover")
_BACKGROUND = (
    "{S} has faced criticism over its handling of the {t} issue since {y}.",
    "The row follows a report by {inst} published in {m}.",
    "{S} first raised concerns about {t} more than {n} years ago.",
    "Critics point out that similar plans were dropped in {y}.",
    "The decision comes as {inst} prepares to publish its own findings.",
    "Similar moves have already been made in {country} and {country2}.",
)
_TITLES = ("{S2} to {action}", "{S2} plans to {action}", "{P} urges {inst} to act on {t}", "{t_cap} row deepens in {C}",
           "{S2} warns over {t} costs", "New {t} rules unveiled")


_SHORT_NAME = {"politics": ("the department", "officials", "ministers"), "business": ("the firm", "the company", "the group"),
               "sport": ("the club", "the side"), "tech": ("the firm", "the company"),
               "health": ("officials", "the body", "health chiefs")}
_AGREE = ("agreed to", "voted to", "decided to", "refused to", "promised to", "is expected to", "has been told to")


class _Story:
    """One article's cast, so its sentences agree on who and what it is about. Phrases are dealt
    from shuffled decks, so an article never says the same thing twice (a repetition filter would
    rightly call such a page spam)."""

    def __init__(self, rng: random.Random, cat: str):
        self.rng, self.cat = rng, cat
        self.topic = rng.choice(_TOPICS[cat])
        if cat == "sport":
            self.org = f"{rng.choice(V.CITIES)} {rng.choice(V.TEAMS)}"
        else:
            self.org = rng.choice(V.COMPANIES) if cat in ("business", "tech") else rng.choice(V.INSTITUTIONS)
        self.people = [(person(rng), rng.choice(V.ROLES)) for _ in range(3)]
        self.decks = {name: rng.sample(items, len(items)) for name, items in (
            ("when", _WHEN), ("say", _SAY), ("action", _ACTIONS[cat]), ("quote", _QUOTES[cat]),
            ("figure", _FIGURES), ("background", _BACKGROUND), ("agree", _AGREE))}
        self.mentions = 0

    def deal(self, name: str) -> str | None:
        deck = self.decks[name]
        return deck.pop() if deck else None

    def name(self) -> str:
        """The organisation: in full at first, then mostly by a short name."""
        self.mentions += 1
        if self.mentions > 1 and self.rng.random() < 0.6:
            return self.rng.choice(_SHORT_NAME[self.cat])
        return self.org

    def fill(self, t: str) -> str:
        r = self.rng
        p, role = r.choice(self.people)
        org = self.org[0].upper() + self.org[1:]
        action = ""
        if "{action}" in t:
            a = self.deal("action")
            if a is None:
                return ""
            action = self.fill(a)
        return t.format(
            d=r.choice(V.DAYS), m=r.choice(V.MONTHS), C=r.choice(V.CITIES), y=r.randint(1995, 2016),
            n=r.randint(2, 60), k=f"{r.randint(2, 90) * 100:,}", t=self.topic, t_cap=self.topic.capitalize(),
            country=r.choice(V.COUNTRIES), country2=r.choice(V.COUNTRIES), inst=r.choice(V.INSTITUTIONS),
            amount=r.choice((f"£{r.randint(2, 900)}m", f"€{r.randint(2, 90)}bn", f"${r.randint(2, 900)}m")),
            Metric=r.choice(_METRICS), P=p, S=org, S2=org, action=action,
        )

    def sentence(self) -> str:
        """One sentence, or "" when the decks it needs are spent."""
        r = self.rng
        p, role = r.choice(self.people)
        kind = r.randrange(5)
        if kind == 0:
            when, say = self.deal("when"), self.deal("say")
            if when is None or say is None:
                return ""
            who = r.choice((f"{p}, the {role},", f"the {role}, {p},", p))
            return self.fill(f"{when}, {who} {say} that {self.name()} would {{action}}.")
        if kind == 1:
            q = self.deal("quote")
            if q is None:
                return ""
            q = self.fill(q)
            if r.random() < 0.5:
                return f"\u201c{q},\u201d {p} said." if r.random() < 0.3 else f'"{q}," said {p}, the {role}.'
            return f'{p} said: "{q}."'
        if kind in (2, 3):
            t = self.deal("figure" if kind == 2 else "background")
            return self.fill(t) if t else ""
        when, agree = self.deal("when"), self.deal("agree")
        if when is None or agree is None:
            return ""
        return self.fill(f"{when}, {self.name()} {agree} {{action}}.")


def make_article(rng: random.Random) -> tuple[str, str, list[str]]:
    """(category, title, paragraphs): a lead of two or three sentences, then 2-7 paragraphs."""
    cat = rng.choice(tuple(_TOPICS))
    story = _Story(rng, cat)
    title = story.fill(rng.choice(_TITLES)) or f"{story.org} faces questions over {story.topic}"
    title = title[0].upper() + title[1:]
    paras: list[str] = []
    for p in range(rng.randint(3, 8)):
        sents = []
        for _ in range(rng.randint(2, 3) if p == 0 else rng.choice((1, 2, 2, 3))):
            s = story.sentence()
            if s:
                sents.append(s[0].upper() + s[1:])
        if sents:
            paras.append(" ".join(sents))
    return cat, title, paras
