"""Boilerplate rules written from how real sites word their chrome (CMS comment forms, consent
banners, wire-photo credits, share bars, newsletter boxes, breadcrumbs), not from one phrasing
each: the widgets below are worded unlike thresher.synth.chrome. Each group also has its prose
near-misses, which must stay: a sentence that mentions the same words."""

import re

import pytest

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.boilerplate.firstchars import first_chars, key
from thresher.steps.boilerplate.match import RuleMatcher
from thresher.steps.boilerplate.rules import GROUPS
from thresher.steps.boilerplate.step import Boilerplate

TITLE = "Ministers back plan for new rail link"
P1 = "The government has approved a plan to build a rail link between the two cities, officials confirmed on Monday."
P2 = "Work on the line is expected to begin next year and could take a decade to finish, the transport department said."
P3 = "Opponents say the route will cut through protected woodland and have vowed to challenge the decision in court."
BODY = [TITLE, P1, P2, P3]


def clean(lines: list[str], **options) -> Document:
    doc = Document("t", "\n".join(lines) + "\n")
    list(Boilerplate(**options).run([doc], ShardContext()))
    return doc


def kept(doc: Document) -> list[str]:
    return doc.text.split("\n")[:-1]


def rules(doc: Document) -> set[str]:
    return {e.rule for e in doc.edits}


# -- comment widgets ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "widget",
    [
        ["Reader comments (14)", "Report abuse"],
        ["Add new comment", "Your name", "Subject", "Comment *", "Save", "Preview"],  # Drupal
        ["Log in or register to post comments"],
        ["One thought on “Ministers back plan”", "Reply ↓"],
        ["Comments on this article are now closed"],
        ["37 responses", "Write a response…"],
        ["Share your thoughts", "Show comments"],
        ["Discuss this article", "Jump to comments"],
        ["Commenting has been disabled for this story."],
        ["No comments yet", "Start the conversation"],
        ["This site uses Akismet to reduce spam. Learn how your comment data is processed."],
    ],
)
def test_comment_widgets_however_worded(widget):
    doc = clean([*BODY, *widget])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:comment_widget"}


@pytest.mark.parametrize(
    "line",
    ["Community", "Conversation", "What do you think?", "Start the conversation"],
)
def test_comment_invitations_only_at_the_edge(line):
    # Below the article they head its thread; inside it they are a subheading.
    lines = [TITLE, P1, line, P2, P3]
    assert kept(clean(lines)) == lines
    assert kept(clean([*BODY, line])) == BODY


def test_thread_buttons_only_below_the_thread():
    lines = [TITLE, P1, "Reply", "Top", P2, P3]
    assert kept(clean(lines)) == lines
    assert kept(clean([*BODY, "12 comments", "Reply", "Top"])) == BODY


# -- share bars --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "bar",
    [
        ["Share via Email", "Copy link"],
        ["858 shares", "Facebook • Twitter • WhatsApp"],
        ["Gift article", "Share full article"],
        ["Print Friendly, PDF & Email"],
        ["Sharing is caring!", "Facebook Twitter Reddit"],
        ["Follow Jane Doe on Twitter"],
        ["Follow @DailyLedger"],
        ["Save for later", "Share"],
        ["Share: Facebook | LinkedIn | Email"],
    ],
)
def test_share_bars_however_worded(bar):
    doc = clean([TITLE, *bar, P1, P2, P3])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:share_bar"}


@pytest.mark.parametrize(
    "line",
    ["Shares", "Share schemes for staff", "Shares fell 5% in early trading on Tuesday.",
     "Fans were urged to follow the match on Twitter and Facebook, the club said."],
)
def test_sharing_prose_stays(line):
    lines = [TITLE, P1, line, P2]
    assert kept(clean(lines)) == lines


# -- cookie and consent banners --------------------------------------------------------------------

@pytest.mark.parametrize(
    "banner",
    [
        ["We'd like to set additional cookies to understand how you use the site.", "Accept additional cookies",
         "Reject additional cookies", "View cookies"],
        ["By clicking “Accept All Cookies”, you agree to the storing of cookies on your device.", "Cookies Settings",
         "Accept All Cookies"],
        ["Cookies on the Daily Ledger website", "Yes, I agree", "No thanks"],
        ["We and our partners store and/or access information on a device.", "Manage options", "I accept"],
        ["We use cookies.", "Click here for more information.", "Necessary only", "Allow all"],
        ["Privacy Preference Center", "Strictly Necessary Cookies", "Always Active", "Confirm My Choices"],
    ],
)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_consent_banners_however_worded(banner, where):
    lines = [*banner, *BODY] if where == "top" else [*BODY, *banner]
    doc = clean(lines)
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:cookie_notice"}


@pytest.mark.parametrize(
    "line",
    ["Many websites use cookies to track their visitors, the regulator said.",
     "The firm said it would stop using third-party cookies on its site next year.",
     "Privacy campaigners said the policy was a step in the right direction."],
)
@pytest.mark.parametrize("where", ["middle", "last"])
def test_prose_about_cookies_stays_even_at_the_edge(line, where):
    lines = [TITLE, P1, line, P2] if where == "middle" else [TITLE, P1, P2, line]
    assert kept(clean(lines)) == lines


def test_a_title_below_a_banner_is_not_its_text():
    title = "Rail firm partners with rival on new route"
    doc = clean(["We use cookies to improve your experience.", "Accept", title, P1, P2])
    assert kept(doc) == [title, P1, P2]


# -- navigation ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "menu",
    [
        ["Home :: World :: Europe"],
        ["NEWS › UK › POLITICS"],
        ["home | world | business | sport"],
        ["health / politics / video / money"],
        ["Home", "›", "Business", "›", "Markets"],
        ["Main navigation", "world", "business", "politics", "science"],
        ["EXPLORE", "AI", "AR/VR", "Big Data", "Apple TV+"],
        ["The Daily Ledger", "Subscribe", "Log in", "News", "Sport", "Culture"],
        ["Contact us", "Privacy notice", "Terms and conditions", "Work for us"],
    ],
)
def test_menus_however_worded(menu):
    doc = clean([*menu, *BODY])
    assert kept(doc) == BODY


def test_back_to_top():
    assert kept(clean([*BODY, "Top ↑"])) == BODY
    assert kept(clean([*BODY, "Back to top"])) == BODY


def test_sentence_case_title_below_a_lowercase_menu_stays():
    doc = clean(["home", "world", "business", "German economy rebounds", P1, P2])
    assert kept(doc) == ["German economy rebounds", P1, P2]


@pytest.mark.parametrize("line", ["About", "Legal", "Jobs", "More", "Help"])
def test_single_footer_words_are_not_chrome_on_their_own(line):
    # A paragraph's first word left alone by a hard wrap looks just like these.
    assert RuleMatcher().match(line) is None


# -- subscribe prompts ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "prompt",
    [
        ["Want the latest news? Sign up for breaking news alerts.", "First name", "Your email", "Sign me up!"],
        ["Get the Daily Ledger in your inbox", "Email address", "Subscribe"],
        ["Free newsletter", "The best stories of the week, every Friday.", "Your email address", "Sign up"],
        ["Subscribe from £1", "Get unlimited access"],
        ["If you value our journalism, please consider supporting us.", "Donate"],
        ["Be the first to know", "Get breaking news alerts", "Thank you for subscribing!"],
        ["Stay informed", "Already a subscriber? Log in"],
        ["Become a member today", "We respect your privacy."],
    ],
)
def test_subscribe_prompts_however_worded(prompt):
    doc = clean([TITLE, P1, *prompt, P2, P3])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:subscribe"}


@pytest.mark.parametrize(
    "line",
    ["Subscribers wanted", "A ban on comment spam", "The menu at the new restaurant changes every week.",
     "Subscribers will pay £5 a month for the service from June.",
     "Customers who sign up for e-mail alerts will be told when their bill is due."],
)
def test_prose_right_after_a_prompt_stays(line):
    # Only the prompt's own follow-up lines go with it, not the story that resumes below it.
    lines = [TITLE, P1, "Sign up for our newsletter", line, P2]
    assert kept(clean(lines)) == [TITLE, P1, line, P2]


# -- photo credits ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "lines, credit",
    [
        (["(AP Photo/Jane Doe)"], "AP Photo/Jane Doe"),
        (["REUTERS/Jane Doe"], "REUTERS/Jane Doe"),
        (["Getty Images"], "Getty Images"),
        (["Jane Doe / AFP via Getty Images"], "Jane Doe / AFP via Getty Images"),
        (["Photographer: Jane Doe/Bloomberg"], "Jane Doe/Bloomberg"),
        (["Photo courtesy of Jane Doe"], "Jane Doe"),
        (["Image via Shutterstock"], "Shutterstock"),
        (["Illustration: Jane Doe"], "Jane Doe"),
        (["Image source: Reuters"], "Reuters"),
        (["Jane Doe | Shutterstock"], "Jane Doe | Shutterstock"),
        (["Crowds gather in the square | Photo: EPA"], "EPA"),
        (["Crowds gather in the square [Credit: Bloomberg]"], "Bloomberg"),
        (["Crowds gather in the square (Jane Doe/Getty Images)"], "Jane Doe/Getty Images"),
        (["Crowds gather in the square. (AP Photo/Jane Doe)"], "AP Photo/Jane Doe"),
    ],
)
def test_credit_forms_of_wire_photos(lines, credit):
    doc = clean([TITLE, *lines, P1, P2])
    assert kept(doc) == [TITLE, P1, P2]
    assert doc.metadata["image_credit"] == credit


@pytest.mark.parametrize(
    "line",
    ["Nasa", "Reuters reported that talks had stalled.", "Pictures from the scene show damage to the building.",
     "photo-real capability, the current technology is limiting."],
)
def test_prose_about_agencies_and_photos_stays(line):
    lines = [TITLE, P1, line, P2]
    assert kept(clean(lines)) == lines


# -- reposts' tails ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "tail",
    ["Source: Reuters", "Via The Guardian", "(via AP News)", "Full article: https://example.com/news/rail-123",
     "Find out more: https://example.com/news/rail-123", "Republished with permission from The Guardian.",
     "This story first appeared in The Guardian.", "The post Rail plan approved appeared first on Daily Ledger.",
     "Source link"],
)
def test_repost_tails_however_worded(tail):
    doc = clean([*BODY, tail])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:read_more"}


@pytest.mark.parametrize(
    "line",
    ["via brokers.", "via the Al-Jazeera Arabic television channel.", "developed by UK firm Phytopharm and Unilever.",
     "www.example.org address to confuse some people keen to donate."],
)
def test_wrapped_sentence_ends_at_the_bottom_stay(line):
    # The last piece of a hard-wrapped last paragraph: a sentence going on, not a source line.
    assert RuleMatcher().match(line) is None
    lines = [*BODY, line]
    assert kept(clean(lines)) == lines


# -- the matcher's shortcuts ------------------------------------------------------------------------

def test_first_character_sets_are_supersets():
    # Every rule, on lines it matches, was offered the line by its first character.
    samples = ["Comments (12)", "858 shares", "(AP Photo/Jane Doe)", "© Reuters", "Home :: World", " 3 comments",
               "We use cookies.", "Top ↑", "1 Comment", "¿Comentarios?", "Ünsere Seite"]
    for group, rs in GROUPS.items():
        for r in rs:
            if r.match == "suffix" or r.where == "after":
                continue
            cased = "(?-i:" in r.pattern
            pat = r.pattern.replace("(?P<credit>", "(?:")
            chars = first_chars(pat, re.I if cased else 0)
            rx = re.compile(pat, re.I) if cased else re.compile(pat)
            for s in samples:
                line = s.strip()
                if rx.match(line if cased else line.lower()) and chars is not None:
                    assert key(line.lower()) in chars, (group, r.name, s)


def test_first_chars_of_simple_patterns():
    assert first_chars(r"(?:ab|c)?d") == frozenset("acd")
    assert first_chars(r"\d+ comments") == frozenset("0")
    assert first_chars(r"(?=x)y") == frozenset("y")
    assert first_chars(r"a?") is None  # can match nothing: any line may
    assert first_chars(r"\w+") is None


def test_needs_gate_does_not_change_what_matches():
    # A gated rule still finds its lines (here, ones only it knows).
    m = RuleMatcher()
    found = m.match("Rogers Media uses cookies for personalisation; by continuing you agree.")
    assert found and found[0][1].name == "about_cookies" and found[0][1].where == "edge"
    found = m.match("Home :: World :: Europe")
    assert found and found[0][1].name == "arrow_trail"
    found = m.match("Jane Doe/AFP via Getty Images")
    assert found and found[0][0] == "image_credit"
