"""Plausible news articles assembled from sentence templates, for the self-contained demo.

Nothing here is real reporting: people, companies and events are drawn from :mod:`vocab` and
slotted into templates, so ``thresher demo`` needs no data from anywhere.
"""

from __future__ import annotations

import random

from thresher.synth import vocab as V
from thresher.synth.chrome import person

_TITLES = {
    "politics": (
        "{P} calls for early election", "Ministers split over {topic} plan", "{C} votes on new {topic} law",
        "Opposition attacks {topic} reforms", "{Inst} to review {topic} rules", "Talks on {topic} end without deal",
    ),
    "business": (
        "{O} profits jump {n}%", "{O} to cut {k} jobs", "Shares slide as {O} warns on sales",
        "{O} agrees £{n}m takeover", "Interest rates held at {r}%", "{O} boss steps down",
    ),
    "sport": (
        "{C} {T} sign striker for £{n}m", "{P} wins in straight sets", "{C} {T} sack manager after defeat",
        "Late goal sends {C} {T} top", "{P} ruled out for six weeks", "Record crowd for cup final",
    ),
    "tech": (
        "{O} unveils new phone", "Broadband speeds to double by {y}", "{O} fined over data breach",
        "Hackers target {topic} sites", "{O} launches music service", "Games console sales surge",
    ),
    "health": (
        "Waiting times rise in {C}", "New test for {topic} approved", "{Inst} warns on {topic}",
        "Hospital funding boost announced", "Study links {topic} to sleep loss", "Flu cases fall in {C}",
    ),
}
_TOPICS = ("energy", "housing", "pension", "transport", "immigration", "tax", "school", "water",
           "data", "climate", "banking", "childcare", "broadband", "alcohol", "screen time")

_SENTENCES = {
    "politics": (
        "{P}, the {role}, said the government would publish its plans on {d}.",
        "The proposals, which cover {topic} and {topic2}, have divided the cabinet.",
        "Critics say the changes will cost taxpayers more than £{n}bn over five years.",
        "A vote in {inst} is expected before the end of {m}.",
        "Opposition leaders accused ministers of rushing the bill through without proper scrutiny.",
        "Officials in {C} said talks had been \"constructive\" but that differences remained.",
        "The {role} told reporters the decision was \"the right one for the country\".",
        "Polls suggest public support for the plan has fallen since {m}.",
        "Campaigners held a rally outside {inst} on {d} to oppose the measures.",
    ),
    "business": (
        "{O} said pre-tax profits rose to £{n}m in the year to {m}, up from £{n2}m a year earlier.",
        "Shares in the company closed {n}% higher in {C} on {d}.",
        "Analysts had expected weaker figures because of rising costs and a slowdown in consumer spending.",
        "The firm’s chief executive, {P}, said trading had been \"resilient\" despite the tougher market.",
        "{O} employs about {k} people, most of them in {C}.",
        "The company will pay a dividend of {n}p a share, the board said.",
        "Sales outside Europe grew by {n}%, helped by strong demand in {country}.",
        "The deal, worth €{n}m, still needs approval from {inst}.",
        "Unions said they would seek urgent talks over the planned job cuts.",
    ),
    "sport": (
        "{P} scored twice in the second half as {C} {T} came from behind to win.",
        "The {role} said his side had \"deserved the three points\" after a difficult first half.",
        "{C} {T} have now won {n} of their last {n2} league games.",
        "The transfer fee is believed to be a club record.",
        "{P} was substituted in the {n}th minute with a suspected hamstring injury.",
        "More than {k} fans watched the match at the newly rebuilt stadium.",
        "The club confirmed the appointment in a statement on {d}.",
        "It was the first time since {y} that the two sides had met in a final.",
        "{P} said: \"We showed real character today and I’m proud of the players.\"",
    ),
    "tech": (
        "{O} said the new device would go on sale in {m} at a price of £{n}9.",
        "The company claims the battery will last up to {n} hours on a single charge.",
        "Security experts warned that millions of users could be affected by the flaw.",
        "The service already has more than {k} subscribers in {country}.",
        "{P}, an analyst at {O2}, said the launch was \"a bold bet on the living room\".",
        "Regulators in {C} have asked the firm to explain how it stores customers’ data.",
        "The update will be rolled out to all users over the next few weeks.",
        "Rivals are expected to respond with cheaper models before the end of the year.",
        "The firm said no payment details had been accessed.",
    ),
    "health": (
        "Figures published on {d} show {n}% of patients waited longer than four hours.",
        "Researchers at the University of {C} followed {k} adults for {n} years.",
        "The study found that people who slept less than six hours were more likely to fall ill.",
        "{P}, a {role} at {inst}, said the findings should be treated with caution.",
        "Doctors' leaders said the extra money was welcome but would not be enough.",
        "The new test can give results in under {n} minutes, its developers say.",
        "Health officials urged people over 65 to get vaccinated before winter.",
        "The number of cases in {C} has fallen for the third week in a row.",
        "Patients' groups called for clearer information about the risks.",
    ),
}


def _fill(rng: random.Random, t: str) -> str:
    topics = rng.sample(_TOPICS, 2)
    return t.format(
        P=person(rng), role=rng.choice(V.ROLES), d=rng.choice(V.DAYS), m=rng.choice(V.MONTHS),
        topic=topics[0], topic2=topics[1], n=rng.randint(2, 95), n2=rng.randint(2, 95),
        k=f"{rng.randint(2, 90) * 1000:,}", C=rng.choice(V.CITIES), inst=rng.choice(V.INSTITUTIONS),
        Inst=rng.choice(V.INSTITUTIONS)[4:].capitalize() if rng.random() < 0.5 else "Watchdog",
        O=rng.choice(V.COMPANIES), O2=rng.choice(V.COMPANIES), T=rng.choice(V.TEAMS),
        country=rng.choice(V.COUNTRIES), y=rng.randint(1990, 2015), r=f"{rng.randint(1, 6)}.{rng.choice((0, 25, 5, 75))}",
    )


def make_article(rng: random.Random) -> tuple[str, str, list[str]]:
    """(category, title, paragraphs): a lead of two or three sentences, then 3-9 paragraphs."""
    cat = rng.choice(tuple(_TITLES))
    title = _fill(rng, rng.choice(_TITLES[cat]))
    pool = list(_SENTENCES[cat])
    rng.shuffle(pool)
    paras: list[str] = []
    used: set[str] = set()
    n_paras = rng.randint(4, 10)
    k = 0
    for p in range(n_paras):
        n_sent = rng.randint(2, 3) if p == 0 else rng.choice((1, 1, 2, 2, 3))
        sents = []
        for _ in range(n_sent):
            s = _fill(rng, pool[k % len(pool)])
            k += 1
            if s not in used:
                used.add(s)
                sents.append(s)
        if sents:
            paras.append(" ".join(sents))
    return cat, title, paras
