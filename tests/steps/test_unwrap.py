"""Hard-wrap repair: wrapped paragraphs are rejoined (stranded first word included); titles, lists,
menus, verse, code, addresses and page chrome never are."""

import textwrap

import pytest

from thresher.document import Document
from thresher.steps.repair.unwrap import Unwrap

PARA = (
    "Russian President Vladimir Putin has confirmed that Moscow will begin withdrawal of Russian "
    "forces from Syria, saying that the military has largely achieved its objectives in the country "
    "after months of air strikes in support of the government."
)


def unwrap(text: str, **options) -> Document:
    doc = Document("t", text)
    doc.apply(Unwrap(**options).edit(doc))
    return doc


def test_seed_lead_with_dangling_first_word():
    text = (
        "Russian President Vladimir Putin has confirmed that Moscow will begin withdrawal of Russian forces from Syria.\n"
        "On\n"
        "Monday, President Putin indicated that the Kremlin will start\n"
        "withdrawing its main forces in Syria, saying that the military has\n"
        "largely achieved its objectives.\n"
        '"I think that the task that was assigned to the Ministry of Defense has achieved its goal," Putin said.\n'
    )
    doc = unwrap(text)
    assert doc.text.split("\n")[1] == (
        "On Monday, President Putin indicated that the Kremlin will start withdrawing its main forces "
        "in Syria, saying that the military has largely achieved its objectives."
    )
    assert len(doc.text.split("\n")) == 4
    assert {e.rule for e in doc.edits} == {"unwrap:dangling_word", "unwrap:hard_wrap"}
    # Each join is the line break alone, replaced by a space.
    assert all(doc.original[e.start : e.end] == "\n" and e.replacement == " " for e in doc.edits)


@pytest.mark.parametrize("width", [60, 66, 72, 80])
def test_wrapped_paragraph_at_any_common_width(width):
    lines = textwrap.wrap(PARA, width)
    doc = unwrap("Title of the story\n" + "\n".join(lines) + "\nNext paragraph stays on its own line.\n")
    assert doc.text == "Title of the story\n" + PARA + "\nNext paragraph stays on its own line.\n"


def test_wrapped_list_item_is_rejoined_but_items_stay_apart():
    item = "- " + PARA
    text = "\n".join(textwrap.wrap(item, 70)) + "\n- A second item\n- A third item\n"
    assert unwrap(text).text == item + "\n- A second item\n- A third item\n"


def test_stranded_word_above_a_wrapped_paragraph():
    rest = textwrap.wrap(PARA.split(" ", 1)[1], 64)
    doc = unwrap("Russian\n" + "\n".join(rest) + "\n")
    assert doc.text == PARA + "\n"


@pytest.mark.parametrize("first", ["U2", "Anglo-Dutch", "Pensioners'", "Albania,"])
def test_any_stranded_first_word_above_a_wrapped_paragraph(first):
    rest = textwrap.wrap(PARA.split(" ", 1)[1], 66)
    doc = unwrap(f"{first}\n" + "\n".join(rest) + "\n")
    assert doc.text == f"{first} " + PARA.split(" ", 1)[1] + "\n"


def test_two_line_wrap_of_prose_full_of_names():
    text = ("Hollywood stars including Spike Lee, Burt Reynolds and Oscar nominee\n"
            "Alan Alda have paid tribute to actor Ossie Davis at a funeral.\n")
    title = "Stars pay tribute to actor Davis\n"
    assert unwrap(title + text).text == title + text.replace("nominee\n", "nominee ")


def test_blank_lines_between_paragraphs_are_dropped():
    doc = unwrap("First paragraph.\n\nSecond paragraph.\n\n\nThird.\n")
    assert doc.text == "First paragraph.\nSecond paragraph.\nThird.\n"
    assert {e.rule for e in doc.edits} == {"unwrap:blank_line"}
    assert unwrap("a\n\nb\n", drop_blank_lines=False).edits == []


NEVER_JOINED = {
    "one paragraph per line": (
        "The withdrawal will begin on Tuesday, the Kremlin said in a short statement today.\n"
        "Putin expressed hope that this decision will encourage all parties to talk peace.\n"
        "Moscow will, however, maintain a military presence in Syria for the time being.\n"
    ),
    "title above a paragraph": (
        "Russian forces begin their withdrawal from Syria after five months of strikes\n"
        "Moscow says the air campaign achieved its main goals in Syria.\n"
    ),
    "list items": (
        "The report's main recommendations were:\n"
        "- a cap on energy bills for every household in the country this winter\n"
        "- more funding for local schools and colleges in the poorest regions\n"
        "- a review of the rail network and its fares for commuters nationwide\n"
    ),
    "unbulleted list": (
        "Free school meals for all pupils in primary schools across the region\n"
        "New rules for online sharing of photographs taken in public places\n"
        "Lower fares on rail routes connecting smaller towns to the big cities\n"
    ),
    "menu": "Home\nNews\nWorld\nBusiness\nEntertainment & Arts\nSport\n",
    "verse": (
        "Shall I compare thee to a summer's day?\n"
        "Thou art more lovely and more temperate:\n"
        "Rough winds do shake the darling buds of May,\n"
        "And summer's lease hath all too short a date;\n"
    ),
    "long verse lines": (
        "I celebrate myself, and sing myself, and what I assume you shall assume,\n"
        "For every atom belonging to me as good belongs to you, my friend and brother.\n"
        "I loafe and invite my soul, I lean and loafe at my ease observing a spear of grass.\n"
    ),
    "code": (
        "def withdraw(forces, deadline):\n"
        "    for unit in forces:\n"
        "        unit.move(home, deadline=deadline, reason='the mission is accomplished')\n"
        "    return len(forces)\n"
    ),
    "address": "Ministry of Defence\nMain Building\nWhitehall\nLondon\nSW1A 2HB\n",
    "fixtures": (
        "Newcastle v Tottenham or Nottingham Forest\n"
        "Southampton or Brentford v Manchester United\n"
        "Bolton v Arsenal or Sheffield United\n"
    ),
    "page chrome": (
        "Click to share on Telegram (Opens in new window) Click to share on Twitter\n"
        "comments powered by Disqus\n"
        "Contact - Accessibility - Corrections - Sitemap - About Us - Contact Us\n"
        "© 2018 Amina's Blog. All rights reserved.\n"
    ),
    "command lines": (
        "python3 -m pip install --user --upgrade setuptools wheel and then twine\n"
        "Install and/or update twine with the same command before you upload.\n"
    ),
    "list items from a page": (
        "Layout-infused language models can be worse than text-only ones (ACL 2023),\n"
        "Language models can decontextualize snippets from Wikipedia (EMNLP 2023).\n"
    ),
    "concert dates": (
        "July 26 -- Saratoga Performing Arts Center, Saratoga Springs, NY\n"
        "July 30 -- Ruoff Home Mortgage Music Center, Noblesville, IN\n"
        "Aug. 2 -- DTE Energy Music Theatre, Clarkston, MI, with guests\n"
    ),
    "headlines": (
        "Warner Music Group Remembering Melvin Edmonds of After 7 Band\n"
        "Artist Of The Month: Jonas Brothers Return With A New Album.\n"
    ),
    "title above a byline": (
        "Why Parenthood Does, Part 18: The Truth About Cholesterol Testing\n"
        "Blog post by the volunteers of the Phoenix advocacy team.\n"
    ),
    "heading above a wrapped paragraph": "Analysis\n" + "\n".join(textwrap.wrap(PARA, 70)[:1]) + "\n",
    "label above a sentence": "Advertisement\nthe company said on Monday that profits had risen sharply this year.\n",
}


@pytest.mark.parametrize("name", sorted(NEVER_JOINED))
def test_lines_that_are_not_a_wrapped_paragraph_stay_apart(name):
    text = NEVER_JOINED[name]
    assert unwrap(text).text == text


def test_options_are_dataclass_fields():
    # A wrap at 45 columns is below the default minimum width; lowering it rejoins the paragraph.
    lines = textwrap.wrap(PARA, 45)
    text = "\n".join(lines) + "\n"
    assert unwrap(text).text == text
    assert unwrap(text, min_width=40).text == PARA + "\n"


def test_many_one_line_paragraphs_of_one_length_stay_apart_and_fast():
    # 20,000 sentences of the same length pass the width test together; the pass must stay
    # linear and join nothing.
    text = "".join(f"This is sentence number {k:06d} of a long list of them.\n" for k in range(20_000))
    assert unwrap(text).edits == []


def test_chrome_is_never_joined_unless_its_rule_is_listed_in_boilerplate_disabled():
    # A line the boilerplate rules recognise stays apart even if the boilerplate step keeps it
    # (its own `disabled`): kept chrome is still not prose. Unwrap's own option lets a rule that
    # mistakes prose for chrome go.
    text = "On\nSubscribe to our newsletter for the latest news from Moscow.\n"
    assert unwrap(text).text == text
    assert unwrap(text, boilerplate_disabled=["comment_widget"]).text == text
    assert unwrap(text, boilerplate_disabled=["subscribe"]).text == text.replace("\n", " ", 1)
    with pytest.raises(ValueError, match="unknown rule groups"):
        Unwrap(boilerplate_disabled=["no_such_group"])
