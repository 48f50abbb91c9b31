"""Quality rules judge prose, not layout (issue 11): real articles laid out as the web lays them
out are kept, and the pages the rule sets exist to drop still go. Every page is written here."""

import pytest

from thresher.document import Document
from thresher.pipeline import default_pipeline
from thresher.steps.base import ShardContext
from thresher.steps.quality.c4 import C4Rules
from thresher.steps.quality.fineweb import FineWebQuality
from thresher.steps.quality.gopher import GopherRepetition
from thresher.steps.quality.signals.prose import complete_sentences, ends_sentence, is_table_row, mostly_sentences
from thresher.steps.quality.view import TextView
from thresher.synth.lowquality import LOW_QUALITY


def judge(step, text, **metadata):
    doc = Document("d", text, metadata=dict(metadata))
    list(step.run([doc], ShardContext()))
    return doc


def test_sentence_ends_and_complete_sentences():
    assert ends_sentence("He said it was over.”")
    assert ends_sentence("See the figures (in thousands.)")
    assert not ends_sentence("And then...")
    assert not ends_sentence("Posted by Jane")
    assert complete_sentences("The body ran on. Then the next cell label") == "The body ran on."
    assert complete_sentences("Mr. Smith goes to Washington") == "Mr."
    assert complete_sentences("no sentence here") == ""
    assert is_table_row("| DL | Myles Garrett | 57 | 77% |") and not is_table_row("a | b")
    assert mostly_sentences("A long sentence that carries the paragraph along. (AFP)")
    assert not mostly_sentences("Home. Contact us and the rest of the menu items")


# A short news item of three long sentences, its lines closed by typographic quotes and a
# credit in brackets: C4's line test finds no sentence in it.
SHORT_NEWS = (
    "Council approves new bridge\n"
    "The city council voted on Tuesday to fund a new footbridge across the river, ending a debate that had run for most of the decade.\n"
    "“We have waited long enough for this crossing,” said the mayor, who had campaigned on the promise.”\n"
    "Work is expected to start next spring and to last about eighteen months, the council said in a statement. (AFP)\n"
)


def test_a_short_article_is_kept_by_c4():
    assert judge(C4Rules(), SHORT_NEWS).kept
    # C4's own reading (datatrove's) drops it
    doc = judge(C4Rules(prose_lines=False), SHORT_NEWS)
    assert doc.verdict.reason == "c4:too_few_sentences"


def test_c4_still_drops_a_page_of_few_words_in_sentences():
    page = "Page not found.\nThe page you asked for has moved.\nGo back home.\nMenu\nSearch"
    assert judge(C4Rules(), page).verdict.reason == "c4:too_few_sentences"


# A table layout put a whole body on one line, a label after its last sentence.
ONE_LINE_BODY = (
    "Long distance phone service\n"
    + " ".join(f"Sentence number {i} of the review compares the plans of the carriers we looked at." for i in range(12))
    + " Advertisement\n"
    + "\n".join(["# of Picks", "Model", "8", "ECG", "6", "Pioneer", "3", "Unitel", "2", "Capsule"]) + "\n"
)


def test_a_body_on_one_line_among_cell_lines_is_kept():
    assert judge(C4Rules(), ONE_LINE_BODY).kept
    assert judge(FineWebQuality(), ONE_LINE_BODY).kept
    assert judge(FineWebQuality(prose_lines=False), ONE_LINE_BODY).verdict.reason == "fineweb:line_punct_ratio"


# A data table as the extract step writes it, its header row repeated: cells, not prose lines.
TABLE_ARTICLE = (
    "Below, we analyse the snap counts and the statistics of the defence in the game on Sunday night.\n"
    + "| Pos | Player | Plays | % |\n|---|---|---|---|\n"
    + "".join(f"| DL | Player {i} | {60 - i} | {80 - i}% |\n" for i in range(8))
    + "| Pos | Player | Plays | % |\n|---|---|---|---|\n"
    + "".join(f"| LB | Player {i} | {50 - i} | {70 - i}% |\n" for i in range(8))
    + "There is a lot to sort through here, and most of it says that the line carried the defence all game.\n"
    + "The two starters at the ends played almost every snap, and both of them were in the backfield all night.\n"
    + "The coaches said after the game that the rotation would not change before the next game.\n"
    + "The linebackers had a quieter day, with few tackles between them and no sacks at all.\n"
    + "The secondary gave up two long passes, one of them for a touchdown in the last quarter.\n"
)


def test_table_rows_are_not_judged_as_lines():
    assert judge(FineWebQuality(), TABLE_ARTICLE).kept
    assert not judge(FineWebQuality(prose_lines=False), TABLE_ARTICLE).kept  # rows as lines: short, repeated
    assert judge(C4Rules(), TABLE_ARTICLE).kept
    # the rows' own full stops do not make sentences
    assert C4Rules().signals(TextView("| a | Won the game. Then lost |\n"))["sentences"] == 0


def test_japanese_article_is_not_judged_by_ngrams():
    sentence = "「脱獄」とは、iPhoneのiOSを改造して機能制限を解除することで、非公式アプリを利用することもできるようになるとのことです。"
    text = "\n".join(sentence.replace("iPhone", f"iPhone{i}") for i in range(6))
    assert not judge(GopherRepetition(unspaced_languages=[]), text, language="ja").kept
    doc = judge(GopherRepetition(), text, language="ja")
    assert doc.kept and "gopher_repetition.dup_5_gram_char_frac" not in doc.metadata["signals"]
    # a repeated line is still a repeated line
    assert judge(GopherRepetition(), "\n".join([sentence] * 4), language="ja").verdict.reason == "gopher_repetition:dup_line_frac"


@pytest.mark.parametrize("kind", sorted(LOW_QUALITY))
def test_low_quality_pages_still_go(kind):
    import random

    pipe = default_pipeline()
    for i in range(5):
        doc = Document(f"{kind}-{i}", LOW_QUALITY[kind](random.Random(f"prose-test:{kind}:{i}")))
        out = list(pipe.run([doc], ShardContext()))[0]
        assert not out.kept, (kind, i, out.text[:200])


def test_default_pipeline_keeps_the_short_article():
    out = list(default_pipeline().run([Document("news", SHORT_NEWS)], ShardContext()))[0]
    assert out.kept, out.verdict


# A structured article: the same three section headings over each person's part (as an
# explainer lays out "The issue / The official account / What we were told" per topic).
_PARTS = [
    ("Whether to spend the bridge money this year or wait for the national grant was the first question.",
     "The minutes say the footbridge was discussed for an hour before the vote carried by two voices.",
     "Neighbours on Mill Lane told us nobody asked them, and that they learnt of it from a poster."),
    ("The budget had a hole of four million pounds after the leisure centre closed in March.",
     "Officers proposed cutting library hours, which councillors rejected after a long evening.",
     "Several shopkeepers fear higher parking charges will keep their customers at home."),
    ("A new primary school was promised for the estate when the first houses were sold in 2019.",
     "According to the planning report, building could start next spring if the land transfer is signed.",
     "Parents said their children travel forty minutes by bus each morning to the nearest classroom."),
    ("Fishermen asked for the harbour wall to be repaired before the winter storms arrive.",
     "Engineers found cracks along sixty metres of stonework during an inspection in August.",
     "Boat owners complained that mooring fees went up while the pontoons stayed broken."),
]
LABELLED_ARTICLE = "How the council decided this year\n" + "".join(
    f"The question\n{a}\nThe official account\n{b}\nWhat the residents say\n{c}\n" for a, b, c in _PARTS
)


def test_section_headings_repeated_over_each_part_are_not_duplicate_lines():
    from thresher.steps.quality.signals.prose import label_repeats

    lines = LABELLED_ARTICLE.splitlines()
    assert {lines[i] for i in label_repeats(lines)} == {"The question", "The official account", "What the residents say"}
    assert judge(GopherRepetition(), LABELLED_ARTICLE).kept
    assert judge(FineWebQuality(), LABELLED_ARTICLE).kept
    # the paper's count (datatrove's): 9 of 25 lines repeat an earlier one
    assert judge(GopherRepetition(prose_lines=False), LABELLED_ARTICLE).verdict.reason == "gopher_repetition:dup_line_frac"
    assert judge(FineWebQuality(prose_lines=False), LABELLED_ARTICLE).verdict.reason == "fineweb:char_dup_ratio"


def test_repeats_that_are_not_labels_still_count():
    from thresher.steps.quality.signals.prose import label_repeats

    body = [f"Paragraph {i} of the story goes on about the river and the town beside it." for i in range(6)]
    # a line printed three times in a row
    lines = body[:3] + ["The town beside it"] * 3 + body[3:]
    assert label_repeats(lines) == set()
    # a menu block printed at the top and at the bottom of the page
    menu = ["Home", "News", "Sport", "Weather"]
    assert label_repeats(menu + body + menu) == set()
    # "Read more" under each teaser, above the next teaser's headline: not above prose
    teasers = [x for i in range(4) for x in (f"Headline number {i}", f"The teaser of story {i} runs on for a while.", "Read more")]
    assert label_repeats(teasers + ["More stories"]) == set()
    # a line found twice, however placed, may as well be a copy
    assert label_repeats(["Intro line"] + body[:2] + ["Related stories"] + body[2:4] + ["Related stories"] + body[4:]) == set()
    page = "\n".join(body[:3] + ["The town beside it"] * 5 + body[3:])
    assert GopherRepetition().signals(TextView(page))["dup_line_frac"] == 4 / 11
