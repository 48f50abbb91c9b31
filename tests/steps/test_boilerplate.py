"""Boilerplate rules: each group removes its chrome (named ``boilerplate:<group>``) and leaves
article text that merely mentions cookies, comments, photos or sharing alone."""

import pytest

from thresher.document import Document
from thresher.steps.base import ShardContext
from thresher.steps.boilerplate.rules import GROUPS
from thresher.steps.boilerplate.step import Boilerplate

TITLE = "Russia begins Syria withdrawal"
P1 = "Russian President Vladimir Putin has confirmed that Moscow will begin withdrawal of its forces from Syria."
P2 = "Putin expressed hope that this decision will encourage all parties involved in the conflict to pursue peace."
P3 = "Moscow will, however, maintain a military presence in Syria, and no deadline for a full withdrawal was given."
BODY = [TITLE, P1, P2, P3]


def clean(lines: list[str], ctx: ShardContext | None = None, **options) -> Document:
    doc = Document("t", "\n".join(lines) + "\n")
    list(Boilerplate(**options).run([doc], ctx or ShardContext()))
    return doc


def kept(doc: Document) -> list[str]:
    return doc.text.split("\n")[:-1]


def rules(doc: Document) -> set[str]:
    return {e.rule for e in doc.edits}


# -- photo credits -----------------------------------------------------------------------------

def test_seed_credit_split_over_two_lines_goes_to_metadata():
    doc = clean(["©", "Sputnik/ Alexei Druzhinin", P1, P2])
    assert kept(doc) == [P1, P2]
    assert doc.metadata["image_credit"] == "Sputnik/ Alexei Druzhinin"
    assert rules(doc) == {"boilerplate:image_credit"}


@pytest.mark.parametrize(
    "lines, credit",
    [
        (["© Reuters / Jane Doe"], "Reuters / Jane Doe"),
        (["Photo: AFP/Getty Images"], "AFP/Getty Images"),
        (["Photo credit: Jane Doe/EPA"], "Jane Doe/EPA"),
        (["(Photo by Tom Smith/AP)"], "Tom Smith/AP"),
        (["Picture: Alamy"], "Alamy"),
        (["Image: PA"], "PA"),
        (["Credit: Kwame Walker"], "Kwame Walker"),
        (["Image copyright Reuters", "Image caption Protesters gathered outside the building"], "Reuters"),
        (["Image source, Getty Images", "Image caption, Fans celebrate after the final whistle"], "Getty Images"),
        (["A general view of the city centre. Photograph: Jane Doe/Getty Images"], "Jane Doe/Getty Images"),
        (["Workers at a factory near Lagos (Photo: Xinhua)"], "Xinhua"),
        (["Shoppers in Paris earlier this month", "Photo: EPA/Jane Doe"], "EPA/Jane Doe"),
    ],
)
def test_credit_forms_after_the_title(lines, credit):
    doc = clean([TITLE, *lines, P1, P2])
    assert kept(doc) == [TITLE, P1, P2]
    assert doc.metadata["image_credit"] == credit


def test_title_right_above_a_credit_is_not_its_caption():
    doc = clean(["Protesters gathered outside the building", "Photo: Reuters", TITLE, P1])
    assert kept(doc) == [TITLE, P1]  # the line above the credit was its caption
    doc = clean([TITLE, "Photo: Reuters", P1, P2])
    assert kept(doc) == [TITLE, P1, P2]  # the title stays


def test_last_list_item_above_a_credit_is_not_a_caption():
    items = ["Lower fares on rail routes", "Tighter rules on tracking cookies", "Faster broadband in rural areas"]
    doc = clean([TITLE, P1, "The council said it would focus on:", *items, "Picture: Shutterstock", P2])
    assert kept(doc) == [TITLE, P1, "The council said it would focus on:", *items, P2]


def test_caption_among_bulleted_items_or_below_a_subheading_goes():
    items = ["• A cap on energy bills", "• A new stadium in Delhi"]
    doc = clean([TITLE, P1, "Key points:", items[0], "Protesters gathered outside the building", "Photo: AFP", items[1], P2])
    assert kept(doc) == [TITLE, P1, "Key points:", *items, P2]
    doc = clean([TITLE, P1, "Read all about it", "The site was cordoned off by police", "Photo: AFP", P2])
    assert kept(doc) == [TITLE, P1, "Read all about it", P2]


def test_labelled_caption_below_keeps_the_title_above():
    doc = clean(["All Black magic: New Zealand rugby", "Image copyright Reuters",
                 "Image caption Fans celebrate after the final whistle", "Playing colours:", P1])
    assert kept(doc) == ["All Black magic: New Zealand rugby", "Playing colours:", P1]


def test_unbulleted_list_above_a_credit_keeps_its_last_item():
    fixtures = ["Newcastle v Tottenham or Nottingham Forest", "Southampton or Brentford v Manchester United",
                "Bolton v Arsenal or Sheffield United"]
    doc = clean([TITLE, P1, *fixtures, "©", "Bloomberg/ Amina Núñez", P2])
    assert kept(doc) == [TITLE, P1, *fixtures, P2]
    assert doc.metadata["image_credit"] == "Bloomberg/ Amina Núñez"


def test_site_copyright_footer_is_not_a_credit():
    doc = clean([*BODY, "© 2019 The Daily Ledger. All rights reserved."])
    assert kept(doc) == BODY
    assert "image_credit" not in doc.metadata
    assert rules(doc) == {"boilerplate:copyright_notice"}


@pytest.mark.parametrize(
    "line",
    [
        "The photo, taken by a passer-by, was shared thousands of times online.",
        "Photo finish",
        "Image rights have become a major issue for top players.",
        "Photographers were kept away from the ceremony.",
    ],
)
def test_sentences_about_photos_stay(line):
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


# -- comment widgets -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "widget",
    [
        ["No comments:", "Post a Comment"],  # Blogger (the seed)
        ["3 comments:", "Post a Comment", "Newer Post Older Post Home", "Subscribe to: Post Comments (Atom)"],
        ["Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *",
         "Comment", "Name *", "Email *", "Website",
         "Save my name, email, and website in this browser for the next time I comment.", "Post Comment"],
        ["You must be logged in to post a comment."],
        ["12 Comments", "Please enable JavaScript to view the comments powered by Disqus."],
        ["blog comments powered by Disqus"],
        ["4 Comments", "Sort by Oldest", "Facebook Comments Plugin"],
        ["Comments are closed."],
        ["Comments", "Log in to comment"],
        ["5 thoughts on “Russia begins Syria withdrawal”"],
    ],
)
def test_comment_widgets(widget):
    doc = clean([*BODY, *widget])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:comment_widget"}


@pytest.mark.parametrize(
    "line",
    ['"No comment," the spokesman told reporters.', "Jane Doe declined to comment on the report.",
     "Comment and reaction", "Readers left hundreds of comments under the original post."],
)
def test_sentences_about_comments_stay(line):
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


def test_vague_comment_heading_only_at_the_page_edge():
    # "Comments" alone is chrome below the article, a subheading inside it.
    assert kept(clean([*BODY, "Comments"])) == BODY
    assert kept(clean([TITLE, P1, "Comments", P2, P3])) == [TITLE, P1, "Comments", P2, P3]


# -- share bars ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "bar",
    [
        ["Share this:", "Facebook", "Twitter", "Email"],
        ["Share on Facebook Share on Twitter Share on WhatsApp"],
        ["Click to share on Twitter (Opens in new window)", "Click to share on Reddit (Opens in new window)"],
        ["Share 231 Tweet Pin Email"],
        ["Like this:", "Like", "Loading..."],
        ["Share this article", "Facebook | Twitter | LinkedIn"],
        ["Follow us on Twitter @DailyLedger", "Like us on Facebook"],
        ["Email ThisBlogThis!Share to TwitterShare to Facebook"],
    ],
)
def test_share_bars(bar):
    doc = clean([TITLE, *bar, P1, P2, P3])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:share_bar"}


@pytest.mark.parametrize(
    "line",
    ["Share price slump", "Shares in Meridian Bank rose 5% in early trading.",
     "Readers were invited to share their experiences with the paper.", "Facebook said on Tuesday it would appeal."],
)
def test_sentences_about_sharing_stay(line):
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


# -- cookie notices --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "notice",
    [
        ["We use cookies to ensure that we give you the best experience on our website.", "Accept", "Learn more"],
        ["This site uses cookies. By continuing to browse the site, you are agreeing to our use of cookies. Accept all Got it!"],
        ["We and our partners use cookies and similar technologies to personalise content and ads.", "Manage preferences", "Reject all"],
        ["Cookies help us deliver our services.", "OK"],
        ["By using this website, you agree to our use of cookies.", "Cookie settings", "Close"],
    ],
)
@pytest.mark.parametrize("where", ["top", "bottom"])
def test_cookie_notices(notice, where):
    lines = [*notice, *BODY] if where == "top" else [*BODY, *notice]
    doc = clean(lines)
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:cookie_notice"}


@pytest.mark.parametrize(
    "line",
    ["The website said it would stop using tracking cookies by March.", "The cookie question",
     "Many websites use cookies to track their visitors, the regulator said.", "Accept"],
)
def test_sentences_about_cookies_stay(line):
    # "Accept" alone is only a cookie button right below a cookie notice.
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


# -- navigation menus ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "menu",
    [
        ["Home", "News", "World", "Business", "Entertainment & Arts"],
        ["Skip to main content", "Menu", "Home", "Sport", "Weather"],
        ["Home | News | Sport | Weather"],
        ["You are here: Home » Business » Europe"],
        ["The Daily Ledger", "Search", "Sign in", "Politics", "Culture", "Travel"],
    ],
)
def test_navigation_menus_at_the_top(menu):
    doc = clean([*menu, *BODY])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:nav_menu"}


def test_post_pager_and_site_footer():
    doc = clean([*BODY, "Previous post", "Next post", "Copyright © 2019 - Designed by Gray Digital Media - Powered by Clickability",
                 "© Future US, Inc. 11 West 42nd Street, 15th Floor, New York, NY 10036."])
    assert kept(doc) == BODY
    assert "image_credit" not in doc.metadata


@pytest.mark.parametrize(
    "line",
    ["The app was designed by a team of students at the university.", "Next stories to read were chosen by editors."],
)
def test_sentences_about_design_and_posts_stay(line):
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


def test_footer_link_row_and_menu_at_the_bottom():
    doc = clean([*BODY, "About Us · Contact · Privacy Policy · Terms of Use", "Home", "Money", "Travel"])
    assert kept(doc) == BODY


def test_short_lines_inside_the_article_are_not_a_menu():
    subheads = ["Analysis", "Background", "Reaction"]
    lines = [TITLE, P1, *subheads, P2, "Key facts", P3]
    assert kept(clean(lines)) == lines


def test_title_below_a_menu_survives_even_when_short():
    doc = clean(["Home", "News", "Sport", "German economy rebounds", P1, P2])
    assert kept(doc) == ["German economy rebounds", P1, P2]


# -- subscribe prompts, read-more tails, adverts -----------------------------------------------

@pytest.mark.parametrize(
    "prompt",
    [
        ["Sign up for our newsletter", "Enter your email address", "Subscribe"],
        ["Never miss a story", "Join thousands of readers who get our best stories every week.", "Sign me up"],
        ["Get the latest news delivered to your inbox", "No spam, unsubscribe at any time."],
        ["Enjoyed this article? Subscribe for more."],
        ["Subscribe to our YouTube channel"],
    ],
)
def test_subscribe_prompts_inside_the_body(prompt):
    doc = clean([TITLE, P1, *prompt, P2, P3])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:subscribe"}


@pytest.mark.parametrize(
    "tail",
    ["Read more at RT.com", "Read more: https://www.example.com/news/syria-123", "Read the full story at Reuters",
     "Continue reading on Al Jazeera", "This article originally appeared on Bloomberg. Read more here.",
     "Click here to read the full article.", "Read the rest of this story at The Independent"],
)
def test_read_more_tails(tail):
    doc = clean([*BODY, tail])
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:read_more"}


@pytest.mark.parametrize(
    "line",
    ["Fans can read more about the club's history in a new book published on Monday.", "Read all about it",
     "Subscribers will pay £5 a month for the service from June.", "Subscribers wanted"],
)
def test_sentences_about_reading_and_subscribing_stay(line):
    assert kept(clean([TITLE, P1, line, P2])) == [TITLE, P1, line, P2]


def test_advertisement_label():
    assert kept(clean([TITLE, P1, "Advertisement", P2])) == [TITLE, P1, P2]


# -- the cap, configuration, bookkeeping ---------------------------------------------------------

CHROME_HEAVY = ["Home", "News", "Sport", "Weather", "Share this:", "Facebook", "Twitter", "Email", P1,
                "We use cookies to ensure that we give you the best experience on our website.", "Accept",
                "Leave a Reply", "Your email address will not be published. Required fields are marked *"]


def test_over_the_cap_the_verdict_says_so():
    ctx = ShardContext()
    doc = clean(CHROME_HEAVY, ctx)  # default cap 0.5, default action: drop
    assert not doc.kept
    assert (doc.verdict.step, doc.verdict.reason) == ("boilerplate", "boilerplate:over_cap")
    assert doc.metadata["boilerplate_over_cap"] > 0.5
    assert kept(doc) == [P1]  # the edits stay on the record, for explain
    assert ctx.stats.dropped_by_reason["boilerplate:over_cap"] == 1
    assert "boilerplate:over_cap" not in ctx.stats.edits_by_rule  # a verdict, not an edit


def test_over_the_cap_can_flag_or_skip():
    ctx = ShardContext()
    doc = clean(CHROME_HEAVY, ctx, on_over_cap="flag")
    assert doc.kept and kept(doc) == [P1] and doc.metadata["boilerplate_over_cap"] > 0.5
    assert ctx.stats.flagged == {"boilerplate:over_cap": 1}
    doc = clean(CHROME_HEAVY, on_over_cap="skip")
    assert doc.kept and doc.text == "\n".join(CHROME_HEAVY) + "\n" and doc.edits == []
    with pytest.raises(ValueError, match="on_over_cap"):
        Boilerplate(on_over_cap="ignore")


def test_cap_is_an_option():
    doc = clean([*BODY, "No comments:", "Post a Comment"], max_removed_share=0.05)
    assert not doc.kept and doc.verdict.reason == "boilerplate:over_cap"


def test_under_the_cap_says_nothing():
    doc = clean([*BODY, "No comments:", "Post a Comment"])
    assert "boilerplate_over_cap" not in doc.metadata


def test_groups_and_rules_can_be_disabled():
    lines = [*BODY, "No comments:", "Post a Comment", "Read more at RT.com"]
    assert kept(clean(lines, disabled=["comment_widget"])) == [*BODY, "No comments:", "Post a Comment"]
    assert kept(clean(lines, disabled=["comment_widget.blogger_count"])) == [*BODY, "No comments:"]
    with pytest.raises(ValueError, match="unknown rule groups"):
        Boilerplate(disabled=["no_such_group"])


def test_a_rule_with_a_capturing_group_is_refused(monkeypatch):
    # the matcher names a match's rule by its group number: a group inside a rule would shift them
    from thresher.steps.boilerplate import match
    from thresher.steps.boilerplate.rules import Rule

    monkeypatch.setattr(match, "GROUPS", {"share_bar": (Rule("bad", r"(share|tweet) this"),)})
    with pytest.raises(ValueError, match=r"share_bar\.bad: use \(\?:\.\.\.\) groups"):
        match.RuleMatcher()
    monkeypatch.setattr(match, "GROUPS", {"share_bar": (Rule("good", r"(?:share|tweet) this"),)})
    assert match.RuleMatcher().match("tweet this")[0][1].name == "good"


def test_stats_count_characters_by_rule():
    ctx = ShardContext()
    clean([*BODY, "No comments:", "Post a Comment"], ctx)
    assert ctx.stats.chars_by_rule["boilerplate:comment_widget"] == len("No comments:\nPost a Comment\n")


def test_rules_are_named_data():
    names = {f"{g}.{r.name}" for g, rs in GROUPS.items() for r in rs}
    assert len(names) == sum(len(rs) for rs in GROUPS.values())  # unique within a group
    for rs in GROUPS.values():
        for r in rs:
            assert r.match in ("line", "prefix", "suffix") and r.where in ("anywhere", "edge", "after")


def test_pathological_pages_do_not_crash():
    # (They also finish in well under a second each: a quadratic corner would show in the
    # suite's running time, which is why these pages are big.)
    pages = [
        "Photo: AFP\nA caption line of some words here\n" * 10_000,  # 20,000 credits and captions
        "Home\nNews\n" * 10_000,
        "word " * 200_000,  # one 1 MB line
        "".join(chr(c) for c in range(1, 5000)) + "\n",  # junk
    ]
    for text in pages:
        doc = Document("t", text)
        list(Boilerplate().run([doc], ShardContext()))
        assert doc.verdict.reason is None or not doc.verdict.reason.startswith("error")


@pytest.mark.parametrize("blank", ["", " ", "\t "])
def test_long_blank_runs_next_to_a_removal_are_linear(blank):
    # 20,000 blank lines above the article and below it, and chrome on both sides of each run.
    # Each stranded blank line once rescanned its whole run (quadratic: ~20 s per page); the
    # suite's running time is what guards that, the asserts pin down what the step does.
    run = [blank] * 20_000
    doc = clean(["Share on Facebook", *run, *BODY, "Share on Facebook", *run], max_removed_share=1.0)
    # The removed share bars take their stranded blank lines with them.
    assert doc.kept and kept(doc) == BODY
    assert rules(doc) == {"boilerplate:share_bar"}
    doc = clean([*run, *BODY, "Share on Facebook"])
    # Blank lines that touch no removal are not this step's business: they stay.
    assert kept(doc) == [*run, *BODY]


def test_edits_are_counted_like_any_editor_s_even_over_the_cap():
    # Boilerplate overrides process (metadata, the cap) but applies and counts its edits through
    # Editor.apply_edits, like every other editor: one place decides what a rule's count means.
    lines = ["Share on Facebook", "Share on Twitter", "Read more"]
    for on_over_cap in ("flag", "drop"):
        ctx = ShardContext()
        doc = clean(lines + ["Short text."], ctx, on_over_cap=on_over_cap)
        assert doc.metadata["boilerplate_over_cap"] > 0.5
        assert ctx.stats.chars_by_rule["boilerplate:share_bar"] == len("Share on Facebook\nShare on Twitter\n")
        assert doc.kept == (on_over_cap == "flag")
    ctx = ShardContext()
    doc = clean(lines + ["Short text."], ctx, on_over_cap="skip")
    assert doc.text == "\n".join(lines + ["Short text."]) + "\n" and not ctx.stats.chars_by_rule


@pytest.mark.parametrize("widget", [
    ["Bitte aktiviere JavaScript, um die Kommentare von Disqus zu sehen."],
    ["Veuillez activer JavaScript pour voir les commentaires fournis par Disqus."],
    ["Kommentare bereitgestellt von Disqus"],
    ["Disqus 提供的评论"],
    ["Disqusのコメントを表示するにはJavaScriptを有効にしてください。"],
    ["Для просмотра комментариев включите JavaScript (Disqus)."],
])
def test_disqus_notices_in_other_languages_go_at_the_page_edge(widget):
    doc = clean(BODY + widget)
    assert kept(doc) == BODY
    assert rules(doc) == {"boilerplate:comment_widget"}


def test_a_story_about_disqus_stays():
    line = "Disqus, the company behind the comment system, said on Monday that it would change its policy."
    assert kept(clean([TITLE, P1, line, P2, P3])) == [TITLE, P1, line, P2, P3]
    assert kept(clean([TITLE, P1, P2, P3, "Disqus said it would appeal."])) == [TITLE, P1, P2, P3, "Disqus said it would appeal."]
