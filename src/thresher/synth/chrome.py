"""Page chrome a crawler picks up around an article: the boilerplate thresher must remove.

Each generator takes a seeded ``random.Random`` and returns the raw lines it adds (and, for
photo credits, the credit text that belongs in ``metadata["image_credit"]``). The vocabulary
is varied on purpose: rules tuned to one phrasing should not pass this benchmark.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from thresher.synth import vocab as V


@dataclass(frozen=True)
class Site:
    name: str
    domain: str
    handle: str


def make_site(rng: random.Random) -> Site:
    a, b = rng.choice(V.SITE_WORDS_A), rng.choice(V.SITE_WORDS_B)
    if rng.random() < 0.25:  # a blog that reposts agency copy, like the seed's
        owner = rng.choice(V.FIRST_NAMES)
        name = rng.choice((f"{owner}'s Blog", f"The {a} Thinker", f"{a} Voices", f"{owner} Writes"))
        domain = f"{owner.lower()}{rng.randint(1, 99)}.blogspot.com"
    else:
        name = f"The {a} {b}"
        domain = f"{a.lower()}{b.lower()}.{rng.choice(V.TLDS)}"
    return Site(name, domain, "@" + (a + b)[: rng.randint(8, 12)])


def person(rng: random.Random) -> str:
    return f"{rng.choice(V.FIRST_NAMES)} {rng.choice(V.LAST_NAMES)}"


def slug(rng: random.Random, words: int = 5) -> str:
    pool = ("minister", "talks", "record", "plan", "shares", "court", "vote", "deal", "crisis",
            "league", "report", "warns", "rise", "fall", "new", "city", "firm", "strike", "tax")
    return "-".join(rng.choice(pool) for _ in range(words)) + f"-{rng.randint(1000, 99999)}"


# -- photo credits and captions ---------------------------------------------------------------

_CAPTIONS = (
    "{p} speaking at a press conference in {c}",
    "Protesters gathered outside the building on {d}",
    "File photo of the headquarters in {c}",
    "{p} arrives for talks in {c} on {d}",
    "The site was cordoned off by police",
    "Fans celebrate after the final whistle",
    "Workers at a factory near {c}",
    "A general view of the city centre",
    "{p} has been in the post since {y}",
    "Shoppers in {c} earlier this month",
)


def _caption(rng: random.Random) -> str:
    return rng.choice(_CAPTIONS).format(
        p=person(rng), c=rng.choice(V.CITIES), d=rng.choice(V.DAYS), y=rng.randint(1998, 2016)
    )


def photo_credit(rng: random.Random) -> tuple[list[str], str, str]:
    """Lines of a credit (maybe with its caption), the credit text, and the form's name."""
    agency, who = rng.choice(V.AGENCIES), person(rng)
    form = rng.randrange(13)
    if form == 0:  # the seed's form: a lone © over the credit
        credit = f"{agency}/ {who}"
        return ["©", credit], credit, "copyright_sign_split"
    if form == 1:
        credit = rng.choice((f"{agency}/ {who}", f"{agency} / {who}", agency))
        return [f"© {credit}"], credit, "copyright_sign"
    if form == 2:
        credit = rng.choice((agency, f"{who}/{agency}", f"{agency} / {who}"))
        return [f"Photo: {credit}"], credit, "photo_colon"
    if form == 3:  # BBC style, caption on its own line
        lines = [f"Image copyright {agency}"]
        if rng.random() < 0.7:
            lines.append(f"Image caption {_caption(rng)}")
        return lines, agency, "image_copyright"
    if form == 4:
        credit = rng.choice((who, f"{who}/{agency}"))
        return [f"Photo credit: {credit}"], credit, "photo_credit"
    if form == 5:
        credit = f"{who}/{agency}"
        return [f"(Photo by {credit})"], credit, "photo_by"
    if form == 6:
        return [f"Picture: {agency}"], agency, "picture_colon"
    if form == 7:  # Guardian style: caption and credit on one line
        credit = f"{who}/{agency}"
        return [f"{_caption(rng)}. Photograph: {credit}"], credit, "caption_photograph"
    if form == 8:
        return [f"{_caption(rng)} (Photo: {agency})"], agency, "caption_photo_paren"
    if form == 9:
        return [f"Image: {agency}"], agency, "image_colon"
    if form == 10:
        credit = rng.choice((agency, who))
        return [f"Credit: {credit}"], credit, "credit_colon"
    if form == 11:
        credit = f"{agency}/{who}"
        return [_caption(rng), f"Photo: {credit}"], credit, "caption_then_photo"
    credit = agency
    return [f"Image source, {agency}", f"Image caption, {_caption(rng)}"], credit, "image_source"


# -- navigation -------------------------------------------------------------------------------

def nav_menu(rng: random.Random, site: Site) -> list[str]:
    items = rng.sample(V.SECTIONS[1:], rng.randint(4, 9))
    if rng.random() < 0.7:
        items.insert(0, "Home")
    form = rng.randrange(6)
    if form == 0:  # one item per line, as a menu list renders
        lines = items
    elif form == 1:
        lines = [rng.choice((" | ", " · ", " / ", " • ")).join(items)]
    elif form == 2:  # breadcrumb
        trail = ["Home", rng.choice(V.SECTIONS[1:]), rng.choice(V.COUNTRIES + ("Europe", "Asia", "Africa"))]
        sep = rng.choice((" » ", " > ", " / ", " › "))
        lines = [rng.choice(("", "You are here: ")) + sep.join(trail)]
    elif form == 3:
        lines = [rng.choice(("Skip to main content", "Skip to content", "Jump to navigation")), "Menu"] + items
    elif form == 4:  # footer links
        links = rng.sample(("About Us", "Contact", "Contact Us", "Privacy Policy", "Terms of Use",
                            "Terms of Service", "Advertise", "Careers", "Sitemap", "Accessibility",
                            "Cookie Policy", "Corrections"), rng.randint(3, 6))
        lines = [rng.choice((" | ", " · ", " - ")).join(links)]
        if rng.random() < 0.5:
            lines.append(f"© {rng.randint(2009, 2024)} {site.name}. All rights reserved.")
    else:
        lines = [site.name, "Search", "Sign in"] + items[: rng.randint(3, 6)]
    return lines


# -- cookie and consent notices ----------------------------------------------------------------

_COOKIE_FIRST = (
    "We use cookies to ensure that we give you the best experience on our website.",
    "This website uses cookies to improve your experience.",
    "This site uses cookies. By continuing to browse the site, you are agreeing to our use of cookies.",
    "We and our partners use cookies and similar technologies to personalise content and ads.",
    "Our website uses cookies to give you the most relevant experience.",
    "Cookies help us deliver our services.",
    "We use cookies and other tracking technologies to analyse our traffic.",
    "By using this website, you agree to our use of cookies.",
)
_COOKIE_SECOND = (
    "If you continue to use this site we will assume that you are happy with it.",
    "We'll assume you're ok with this, but you can opt-out if you wish.",
    "You can change your cookie settings at any time.",
    "Find out more in our Cookie Policy.",
    "By using our services, you agree to our use of cookies.",
    "Read our privacy policy for more information.",
)
_COOKIE_BUTTONS = ("Ok", "OK", "Accept", "Accept all", "Accept all cookies", "Got it!", "I agree",
                   "Manage preferences", "Cookie settings", "Reject all", "Learn more", "Read More",
                   "Allow cookies", "Close")


def cookie_notice(rng: random.Random, site: Site) -> list[str]:
    text = rng.choice(_COOKIE_FIRST)
    if rng.random() < 0.7:
        text += " " + rng.choice(_COOKIE_SECOND)
    buttons = rng.sample(_COOKIE_BUTTONS, rng.randint(0, 3))
    if rng.random() < 0.4 and buttons:  # buttons on the notice's own line
        return [text + " " + " ".join(buttons)]
    return [text] + buttons


# -- share and social bars -------------------------------------------------------------------

def share_bar(rng: random.Random, site: Site) -> list[str]:
    nets = rng.sample(V.SOCIAL, rng.randint(2, 6))
    form = rng.randrange(8)
    if form == 0:
        return [rng.choice(("Share this:", "Share this", "Share:", "SHARE"))] + nets
    if form == 1:
        return [" ".join(f"Share on {n}" for n in nets)]
    if form == 2:
        return [f"Share on {n}" for n in nets]
    if form == 3:
        return ["Like this:", "Like", "Loading..."]
    if form == 4:
        return [f"Click to share on {n} (Opens in new window)" for n in nets]
    if form == 5:
        return [f"Share {rng.randint(0, 900)} Tweet Pin Email"]
    if form == 6:
        return [rng.choice(("Follow us on Twitter ", "Follow us on X ")) + site.handle,
                "Like us on Facebook"][: rng.randint(1, 2)]
    return [rng.choice(("Share this article", "Share this story", "Share this post")),
            " ".join(nets)]


# -- subscribe prompts ---------------------------------------------------------------------

_SUB_HEAD = (
    "Sign up for our newsletter", "Subscribe to our newsletter", "Sign up to our daily briefing",
    "Get the latest news delivered to your inbox", "Never miss a story",
    "Subscribe to get the latest headlines", "Want more stories like this?",
    "Enjoyed this article? Subscribe for more.",
)
_SUB_BODY = (
    "Get the day's top stories straight to your inbox every morning.",
    "Sign up to receive our free weekly newsletter.",
    "Enter your email address to subscribe to this blog and receive notifications of new posts by email.",
    "Join thousands of readers who get our best stories every week.",
    "Support independent journalism: subscribe today from £1 a week.",
)
_SUB_TAIL = ("Enter your email address", "Email address", "Subscribe", "Sign up", "Sign me up",
             "By signing up you agree to our Privacy Policy.", "No spam, unsubscribe at any time.")


def subscribe_prompt(rng: random.Random, site: Site) -> list[str]:
    lines = [rng.choice(_SUB_HEAD)]
    if rng.random() < 0.6:
        lines.append(rng.choice(_SUB_BODY))
    lines += rng.sample(_SUB_TAIL, rng.randint(0, 3))
    if rng.random() < 0.15:
        lines = [rng.choice(("Subscribe to our YouTube channel", f"Subscribe to {site.name}",
                             "Subscribe to: Posts (Atom)"))]
    return lines


# -- read-more tails ---------------------------------------------------------------------------

def read_more(rng: random.Random, site: Site) -> list[str]:
    src = rng.choice(("Reuters", "RT", "The Independent", "Sputnik News", "the BBC", "AP News",
                      site.name, "Al Jazeera", "Bloomberg"))
    url = f"https://www.{site.domain}/news/{slug(rng)}"
    form = rng.randrange(8)
    return [(
        f"Read more at {src}",
        f"Read more: {url}",
        f"Read more at {url}",
        f"Read the full story at {src}",
        f"Continue reading on {src}",
        f"This article originally appeared on {src}. Read more here.",
        "Click here to read the full article.",
        f"Read the rest of this story at {src}",
    )[form]]


# -- comment widgets of blog and CMS platforms ---------------------------------------------------

def comment_widget(rng: random.Random, site: Site) -> tuple[list[str], str]:
    """Lines of a comment widget and the platform it imitates."""
    platform = rng.choice(("blogger", "wordpress", "disqus", "facebook", "generic"))
    if platform == "blogger":
        lines = [rng.choice(("No comments:", "0 comments:")), "Post a Comment"]
        if rng.random() < 0.5:
            lines.append("Newer Post Older Post Home")
        if rng.random() < 0.4:
            lines.append("Subscribe to: Post Comments (Atom)")
    elif platform == "wordpress":
        lines = [rng.choice(("Leave a Reply Cancel reply", "Leave a Reply", "Leave a Comment",
                             "Leave a comment"))]
        pool = ["Your email address will not be published. Required fields are marked *",
                "Comment", "Name *", "Email *", "Website",
                "Save my name, email, and website in this browser for the next time I comment.",
                "Notify me of follow-up comments by email.", "Notify me of new posts by email.",
                "Post Comment"]
        k = rng.randint(2, len(pool))
        lines += pool[:k]  # the form's fields keep their order
        if rng.random() < 0.2:
            lines = ["You must be logged in to post a comment."]
    elif platform == "disqus":
        lines = rng.choice((
            ["Please enable JavaScript to view the comments powered by Disqus."],
            ["comments powered by Disqus"],
            ["blog comments powered by Disqus"],
            [f"{rng.randint(0, 40)} Comments", "Please enable JavaScript to view the comments powered by Disqus."],
        ))
    elif platform == "facebook":
        lines = [f"{rng.randint(0, 12)} Comments", rng.choice(("Sort by Oldest", "Sort by Top")),
                 "Facebook Comments Plugin"][: rng.randint(2, 3)]
    else:
        lines = [rng.choice(("Comments are closed.", "Be the first to comment", "Add your comment",
                             "Comments", "Join the conversation", "Post a comment"))]
        if rng.random() < 0.4:
            lines.append(rng.choice(("Log in to comment", "You must be signed in to comment.",
                                     "Comments are moderated.")))
    return lines, platform
