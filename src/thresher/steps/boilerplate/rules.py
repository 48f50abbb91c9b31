"""Boilerplate rules as named data: group -> rules, each a pattern and where it may match.

A rule's edits are named ``boilerplate:<group>`` (what ``thresher explain`` and the stats show);
``<group>.<name>`` identifies the rule itself (``disabled`` in the step's config takes either).

Patterns are matched case-insensitively against a line with its surrounding whitespace stripped:

* ``match="line"``: the pattern must cover the whole line;
* ``match="prefix"``: the line must start with it, and hold at most ``max_words`` words;
* ``match="suffix"``: the line must end with it (a caption ending in its credit).

``where`` says where on the page a rule may remove a line:

* ``"anywhere"``: the phrasing is unmistakable (``comments powered by Disqus``);
* ``"edge"``: only in the page's top or bottom zone, the stretch above the first line of prose and
  below the last one (``Comments``, ``Home``: fine as page chrome, not in the middle of a story);
* ``"after"``: only right below a line the same group removed (a cookie banner's ``Accept``
  button, a comment form's ``Name *`` field): these words mean nothing on their own.

Credit rules capture the credit in a group named ``credit``; an empty capture (a lone ``©``)
takes the next short line as the credit, as on the seed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: str
    match: str = "line"  # "line" | "prefix" | "suffix"
    where: str = "anywhere"  # "anywhere" | "edge" | "after"
    max_words: int = 40


# Pieces shared by several patterns.
_NET = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|tumblr|telegram|pocket|messenger|"
    r"flipboard|mastodon|threads|bluesky|instagram|youtube|email|e-mail|print|sms|copy link)"
)
_SHARE_TOKEN = (
    rf"(?:share(?: (?:this|on|to|via))?(?: (?:article|story|post|page))?:?(?: \d+)?|"
    rf"(?:share|post) (?:on|to|via) {_NET}|tweet|pin(?: it)?|{_NET}|email this|blogthis!|"
    rf"click to (?:share|email|print)(?: on| to| this)?(?: {_NET})?(?: \(opens in new window\))?)"
)
_SEP = r"(?:\s*[|•·,/]\s*|\s+)"
# A menu item: one to four words in title case ("Entertainment & Arts", "Terms of Use").
_ITEM = r"(?-i:[A-Z][\w'’.]*(?: (?:&|and|of|the|to|for|in|on|[A-Z][\w'’.]*)){0,3})"
_AGENCY_WORDS = r"(?:photo|image|picture|pic|photograph|foto|credit|copyright)"

GROUPS: MappingProxyType = MappingProxyType({
    # -- photo credits (text moved to metadata["image_credit"]) and captions ---------------------
    "copyright_notice": (
        Rule("site_copyright", r"(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\b.*|.*all rights reserved.*)"),
        Rule("all_rights_reserved", r"all rights reserved\.?"),
        # "© Future US, Inc. 11 West 42nd Street...": a company, not a photographer or agency.
        Rule("company_copyright", r"(?:©|\(c\)|copyright)\s*[^,]{1,60},? (?:inc|ltd|llc|plc|gmbh|corp|corporation|limited)\b.*"),
        Rule("powered_by", r"(?:.{0,80} [-|·] )?(?:site |website |theme )?(?:designed|powered|hosted|developed) by .{1,60}",
             where="edge"),
    ),
    "image_credit": (
        Rule("copyright_sign", r"(?:©|\(c\))\s*(?P<credit>.{0,80}?)\s*"),
        Rule("image_copyright", r"image copyright\s*,?\s*(?P<credit>.{1,80}?)"),
        Rule("image_source", r"image source\s*,?\s*(?P<credit>.{1,80}?)"),
        Rule("photo_label", rf"(?:{_AGENCY_WORDS})(?:s)?(?: credit)?s?\s*[:|]\s*(?P<credit>.{{1,80}}?)"),
        Rule("photo_by", r"\(?(?:photo|image|picture)s? by:?\s*(?P<credit>[^)]{1,80}?)\)?"),
        # A caption with the credit at its end: "... in Paris. Photograph: Jane Doe/AFP"
        Rule("caption_photograph", r"[.,;]\s+(?:photograph|photo|picture|image)s?:\s*(?P<credit>[^.]{1,80}?)", match="suffix"),
        Rule("caption_photo_paren", r"\((?:photo|image|picture|credit)s?:\s*(?P<credit>[^)]{1,80}?)\)", match="suffix"),
    ),
    "image_caption": (
        Rule("image_caption", r"image caption\s*,?\s+.{1,300}"),
        Rule("caption_label", r"caption:\s*.{1,300}"),
    ),
    # -- comment widgets of blog and CMS platforms ------------------------------------------------
    "comment_widget": (
        # Blogger
        Rule("blogger_count", r"(?:no|\d+) comments?:"),
        Rule("post_a_comment", r"post a comment"),
        Rule("blogger_pager", r"(?:newer posts?\s*)?(?:older posts?)(?:\s+home)?|newer posts?(?:\s+home)?"),
        Rule("blogger_feed", r"subscribe to:\s*(?:post comments|posts|comments)(?:\s*\((?:atom|rss)\))?"),
        # WordPress
        Rule("leave_a_reply", r"leave a (?:reply|comment)(?:\s+cancel reply)?|cancel reply"),
        Rule("email_not_published", r"your email address will not be published\..*", match="prefix"),
        Rule("save_my_name", r"save my name, email,? and website in this browser.*", match="prefix"),
        Rule("notify_me", r"notify me of (?:follow-up comments|new posts|new comments).*", match="prefix", max_words=15),
        Rule("logged_in_to_comment", r"you must be (?:logged|signed) in to (?:post a )?comment\.?"),
        Rule("form_field", r"(?:comment|name|email|e-mail|website|url|reply)\s*\*?", where="after"),
        Rule("post_comment_button", r"(?:post|submit|add) comment", where="after"),
        Rule("n_thoughts", r"\d+ (?:thoughts?|responses?|replies) (?:on|to) .{1,120}", max_words=25),
        # Disqus, Facebook
        Rule("disqus", r"(?:please enable javascript to view the |blog )?comments powered by disqus\.?"),
        Rule("facebook_plugin", r"facebook comments plugin"),
        Rule("sort_by", r"sort by (?:oldest|newest|top|best|most recent|popular)"),
        # Generic
        Rule("comment_count", r"\d+ comments?"),
        Rule("view_comments", r"(?:view|show|hide|read|load) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?"),
        Rule("comments_closed", r"comments are (?:closed|moderated|disabled)\.?"),
        Rule("first_to_comment", r"be the first to comment\.?"),
        Rule("add_comment", r"add (?:a |your |new )?comment"),
        Rule("join_conversation", r"join the (?:conversation|discussion)"),
        Rule("log_in_to_comment", r"(?:log|sign) in to comment\.?|you must be signed in to comment\.?"),
        Rule("register_to_comment", r".{0,40}\b(?:add|post|leave|write) a comment,? (?:please )?(?:register|log in|sign in|login)\b.*",
             match="prefix", max_words=25),
        Rule("comments_heading", r"comments?|discussion|responses", where="edge"),
    ),
    # -- share and social bars ---------------------------------------------------------------
    "share_bar": (
        Rule("share_tokens", rf"{_SHARE_TOKEN}(?:{_SEP}{_SHARE_TOKEN})*"),
        Rule("blogger_share", r"email this\s*blogthis!.*", match="prefix"),
        Rule("like_this", r"like this:"),
        Rule("like_button", r"like|loading\.\.\.|loading…", where="after"),
        Rule("follow_us", rf"(?:follow|like|find|join) us on {_NET}\b.*", match="prefix", max_words=12),
    ),
    # -- cookie and consent notices ----------------------------------------------------------
    "cookie_notice": (
        Rule(
            "uses_cookies",
            r"(?:we|we and our (?:partners|vendors)|this (?:web)?site|our (?:web)?site|this page|this website)"
            r" (?:uses?|stores?) cookies\b.*",
            match="prefix", max_words=80,
        ),
        Rule("cookies_help", r"cookies help us\b.*", match="prefix", max_words=60),
        Rule(
            "by_continuing",
            r"by (?:using|continuing to (?:use|browse)|browsing) (?:this|our) (?:web)?site,? you (?:agree|consent|accept).*",
            match="prefix", max_words=60,
        ),
        Rule("we_value_privacy", r"we (?:value|care about) your privacy\b.*", match="prefix", max_words=60),
        Rule(
            "button",
            r"ok|okay|accept|accept all|accept all cookies|allow(?: all)? cookies|got it!?|i agree|i accept|"
            r"agree|decline|reject(?: all)?|close|dismiss|learn more|read more|more info(?:rmation)?|"
            r"manage (?:preferences|options|settings|cookies)|cookie (?:settings|preferences|policy)|"
            r"privacy policy|customi[sz]e",
            where="after",
        ),
        Rule("cookie_settings", r"(?:cookie|privacy) (?:settings|preferences)|accept all cookies|manage cookies"),
    ),
    # -- navigation menus --------------------------------------------------------------------
    "nav_menu": (
        Rule("skip_link", r"(?:skip|jump) to (?:main )?(?:content|navigation|main|search)"),
        Rule("toggle", r"toggle (?:navigation|menu)|main menu|open menu|close menu"),
        Rule("post_pager", r"(?:previous|next|older|newer|more) (?:posts?|articles?|stories|entries|entry)"),
        Rule("menu_word", r"menu|search|sign in|log in|login|register|home|navigation", where="edge"),
        Rule("breadcrumb", rf"(?:you are here:\s*)?{_ITEM}(?:\s+[»>›/]\s+{_ITEM}){{1,6}}"),
        Rule("link_row", rf"{_ITEM}(?:\s+[|·•/-]\s+{_ITEM}){{2,20}}"),
    ),
    # -- subscribe prompts -------------------------------------------------------------------
    "subscribe": (
        Rule(
            "newsletter",
            r"(?:sign up|subscribe|register)(?: now| today| for free| free)?(?: (?:to|for) (?:our|the|my|this))?"
            r"(?: free)?(?: (?:daily|weekly|morning|evening))? (?:newsletters?|briefing|bulletin|mailing list|digest)\b.*",
            match="prefix", max_words=25,
        ),
        Rule("subscribe_to", r"subscribe (?:to|for) (?:get |receive )?(?:the latest|our|more|updates|free)\b.*",
             match="prefix", max_words=25),
        Rule("subscribe_channel", r"subscribe to (?:our )?(?:youtube )?channel|subscribe to (?-i:[A-Z])[\w' ]{2,40}"),
        Rule("inbox", r"(?:get|have|receive|sign up|subscribe)\b.{0,80}\b(?:to|in|into) your inbox\b.*", match="prefix", max_words=25),
        Rule("never_miss", r"never miss (?:a|another) (?:story|post|article|update)\b.*", match="prefix", max_words=15),
        Rule("want_more", r"(?:want more|enjoyed this|like this) (?:stories|articles|posts|article|story|post)?.{0,40}\?.*",
             match="prefix", max_words=15),
        Rule("enter_email", r"enter your e-?mail(?: address)?\b.*", match="prefix", max_words=30),
        Rule("join_readers", r"join (?:\d[\d,]* |thousands of |millions of )?(?:other )?(?:readers|subscribers)\b.*",
             match="prefix", max_words=25),
        Rule("support_journalism", r"support (?:independent |quality |our )?journalism\b.*", match="prefix", max_words=25),
        Rule(
            "form",
            r"email address|e-mail address|your email|subscribe|sign up|sign me up|submit|"
            r"by signing up,? you agree to .{0,60}|no spam[,.]? unsubscribe at any time\.?|unsubscribe at any time\.?|"
            r"get the .{0,60} (?:straight )?to your inbox.{0,40}|sign up to receive .{0,80}",
            where="after",
        ),
    ),
    # -- "read more at ..." tails of reposts -------------------------------------------------
    "read_more": (
        Rule(
            "read_more_at",
            r"(?:read|see) (?:more|the (?:full|original|rest of (?:the|this))(?: story| article| report| post)?)"
            r"\s*(?:(?:at|on|here)\b|:|»|>>|\.\.\.).*",
            match="prefix", max_words=15,
        ),
        Rule("read_the_rest", r"read the rest of (?:this|the) (?:story|article|post)\b.*", match="prefix", max_words=15),
        Rule("continue_reading", r"continue reading\b.*", match="prefix", max_words=12),
        Rule("originally_appeared", r"(?:this (?:article|story|post) )?(?:was )?(?:originally|first) (?:appeared|published|posted) (?:on|at|in|by)\b.*",
             match="prefix", max_words=20),
        Rule("click_here_to_read", r"click here (?:to|for) (?:read|the full|more).*", match="prefix", max_words=15),
    ),
    # -- advertising -------------------------------------------------------------------------
    "advert": (
        Rule("advertisement", r"advertisement|advertising|sponsored(?: content| post)?|ad|story continues below(?: advertisement)?"),
        Rule("scroll_to_continue", r"scroll (?:down )?to continue(?: with content)?"),
    ),
})  # read-only: rules are data, not state
