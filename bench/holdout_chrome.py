"""Held-out chrome phrasings for the cleaning benchmark: the same kinds of boilerplate as
thresher.synth.chrome (credits, menus, cookie notices, share bars, subscribe prompts, read-more
tails, comment widgets), worded differently. bench/clean_bench.py renders pages with these to
see whether thresher's boilerplate rules generalise beyond the phrasings they were tuned on.

Rule authors: do not tune rules on this file. A phrasing learnt from here measures nothing any
more. Add new phrasings to thresher.synth.chrome instead, and keep this file for measurement.
"""

from __future__ import annotations

import random

from thresher.synth import vocab as V
from thresher.synth.chrome import Site, person, slug

_AGENCIES = ("Reuters", "AFP", "Getty Images", "AP", "PA Media", "EPA", "Bloomberg", "Alamy Stock Photo")


def photo_credit(rng: random.Random) -> tuple[list[str], str, str]:
    agency, who = rng.choice(_AGENCIES), person(rng)
    form = rng.randrange(7)
    if form == 0:
        return [f"PHOTO: {agency.upper()}"], agency.upper(), "upper_photo"
    if form == 1:
        return [f"Photo courtesy of {agency}"], agency, "courtesy"
    if form == 2:
        return [f"Images: {agency}"], agency, "images_colon"
    if form == 3:
        return [f"(Image: {agency})"], agency, "image_paren"
    if form == 4:
        credit = f"{who}/{agency}"
        return [f"Photo by {credit}"], credit, "photo_by_bare"
    if form == 5:
        return [f"Photo © {who}"], who, "photo_copyright"
    credit = f"{who} / {agency}"
    return [f"Pictured: {rng.choice(V.CITIES)} on {rng.choice(V.DAYS)}. Credit: {credit}"], credit, "pictured_credit"


def nav_menu(rng: random.Random, site: Site) -> list[str]:
    items = rng.sample(("Markets", "Climate", "Video & Audio", "Podcasts", "Obituaries", "Crosswords",
                        "Property", "Motoring", "Jobs", "Puzzles", "Newsletters", "Royals"), rng.randint(4, 7))
    form = rng.randrange(4)
    if form == 0:
        return ["Main navigation"] + items
    if form == 1:
        return [" :: ".join(["Home"] + items[:3])]
    if form == 2:
        return ["Back to top"]
    return [" → ".join(["Home", items[0], items[1]])]


def cookie_notice(rng: random.Random, site: Site) -> list[str]:
    return rng.choice((
        ["This site uses cookies to offer you a better browsing experience.", "Accept and close"],
        ["We use cookies on this site to enhance your user experience", "Yes, I agree", "No, give me more info"],
        ["Your privacy matters to us. We and our partners store and/or access information on a device, such as cookies.",
         "Manage choices", "Agree"],
        ["Cookies on this website. We'd like to set additional cookies to understand how you use the site.",
         "Accept additional cookies", "Reject additional cookies"],
    ))


def share_bar(rng: random.Random, site: Site) -> list[str]:
    return rng.choice((
        ["Tweet this", "Share via Email", "Print this page"],
        ["Share this page", "Copy link"],
        ["Send to a friend"],
        [f"Post to {n}" for n in rng.sample(V.SOCIAL[:4], 3)],
        [f"Follow {site.handle}"],
    ))


def subscribe_prompt(rng: random.Random, site: Site) -> list[str]:
    return rng.choice((
        ["Get our free email alerts"],
        ["Click here to subscribe"],
        ["Stay informed: get our newsletter", "Your email"],
        ["Want the news in your inbox? Sign up here"],
        ["Subscribe now for unlimited access"],
    ))


def read_more(rng: random.Random, site: Site) -> list[str]:
    url = f"https://www.{site.domain}/story/{slug(rng)}"
    return [rng.choice((f"Full story: {url}", f"Read the original article at {site.name}",
                        f"More at {site.name}", f"For the full report, visit {url}"))]


def comment_widget(rng: random.Random, site: Site) -> tuple[list[str], str]:
    return rng.choice((
        [f"Comments ({rng.randint(1, 90)})", "Have your say"],
        ["Write a comment", "Your comment"],
        [f"{rng.randint(2, 40)} Responses", "Show comments"],
        ["Log in or register to post comments"],
        ["What do you think? Leave your thoughts below."],
    )), "holdout"
