"""Defect injectors: small named functions that damage a page the way crawlers do.

Each injector takes a :class:`Draft` and a seeded ``random.Random``, changes the draft and
records the defect's name (and form) so a benchmark can say which defects a failing page had.
Structural injectors work on blocks; line injectors (:func:`mojibake`, :func:`nbsp`, ...) run
on the assembled raw lines in :func:`assemble`. The clean truth never sees a defect.
"""

from __future__ import annotations

import random
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from thresher.synth import chrome, legit
from thresher.synth.page import Block, Page, content, junk


@dataclass
class Draft:
    blocks: list[Block]  # the title first, then the body
    site: chrome.Site
    # Where chrome phrasings come from: thresher.synth.chrome, or any object with the same
    # functions (a benchmark's held-out phrasings, to see whether rules generalise).
    vocab: Any = chrome
    defects: list[str] = field(default_factory=list)
    detail: dict[str, str] = field(default_factory=dict)
    legit: list[str] = field(default_factory=list)
    image_credit: str | None = None

    def mark(self, name: str, form: str | None = None) -> None:
        if name not in self.defects:
            self.defects.append(name)
        if form is not None:
            self.detail[name] = form

    def content_positions(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.is_content and b.source is None]

    def body_gap(self, rng: random.Random, first: int = 2) -> int:
        """An index between two body blocks (after the title and the lead), for mid-page inserts."""
        pos = [i for i in self.content_positions() if i >= first]
        return (rng.choice(pos) + 1) if pos else len(self.blocks)


# -- legitimate look-alikes (precision traps; not defects) --------------------------------------

def add_legit(d: Draft, rng: random.Random) -> None:
    kind = rng.choice(("subhead", "list", "legit_sentence"))
    paras = [i for i, b in enumerate(d.blocks) if b.kind == "para"]
    if len(paras) < 2:
        return
    at = rng.choice(paras[1:])
    if kind == "subhead":
        d.blocks.insert(at, content("subhead", legit.subheading(rng)))
    elif kind == "list":
        intro, *items = legit.list_block(rng)
        d.blocks[at + 1 : at + 1] = [content("list_intro", intro)] + [content("list_item", t) for t in items]
    else:
        d.blocks.insert(at + 1, content("legit_sentence", legit.tricky_sentence(rng)))
    d.legit.append(kind)


def drop_repeated_content(d: Draft) -> None:
    """The truth may not hold a line twice: a repeat remover would rightly take the second."""
    seen: set[str] = set()
    kept = []
    for b in d.blocks:
        if b.is_content:
            key = " ".join(b.clean.split()).casefold()
            if key in seen:
                continue
            seen.add(key)
        kept.append(b)
    d.blocks = kept


# -- repetition ---------------------------------------------------------------------------

def repeat_body(d: Draft, rng: random.Random) -> None:
    """A run of paragraphs printed twice (the seed's defect), or one paragraph printed again."""
    pos = d.content_positions()
    body = [i for i in pos if i >= 1]
    form = rng.choice(("after_lead", "whole_body", "run", "one_para"))
    if form == "one_para":
        big = [i for i in body if len(d.blocks[i].clean) >= 100]
        if not big:
            return
        i = rng.choice(big)
        later = [j for j in pos if j > i] or [i]
        at = rng.choice(later) + 1
        d.blocks.insert(at, Block("repeat", source=d.blocks[i]))
        d.mark("repeated_body", form)
        return
    if form == "after_lead":
        run = body[1:]
    elif form == "whole_body":
        run = body
    else:
        if len(body) < 3:
            return
        a = rng.randrange(0, len(body) - 1)
        b = rng.randrange(a + 2, len(body) + 1)
        run = body[a:b]
    if len(run) < 2 or sum(len(d.blocks[i].clean) for i in run) < 150:
        return
    copies = [Block("repeat", source=d.blocks[i]) for i in range(run[0], run[-1] + 1) if d.blocks[i].is_content]
    end = run[-1] + 1
    d.blocks[end:end] = copies
    d.mark("repeated_body", form)


# -- photo credits ----------------------------------------------------------------------------

def add_image_credit(d: Draft, rng: random.Random) -> None:
    lines, credit, form = d.vocab.photo_credit(rng)
    where = rng.choices(("top", "after_title", "body"), (5, 3, 2))[0]
    if len(lines) > 1 and not lines[0].lower().startswith(("image", "©")):
        # An unmarked caption line above its credit reads like a title there: only mid-story,
        # where a short line without a full stop between paragraphs can be told apart.
        where = "body"
    at = {"top": 0, "after_title": 1}.get(where)
    if at is None:
        at = d.body_gap(rng)
    d.blocks.insert(at, junk("image_credit", lines))
    d.image_credit = credit
    d.mark("image_credit", form)


# -- chrome above and below the article --------------------------------------------------------

def add_nav_menu(d: Draft, rng: random.Random) -> None:
    lines = d.vocab.nav_menu(rng, d.site)
    if rng.random() < 0.7:
        d.blocks.insert(0, junk("nav_menu", lines))
        d.mark("nav_menu", "top")
    else:
        d.blocks.append(junk("nav_menu", lines))
        d.mark("nav_menu", "bottom")


def add_cookie_notice(d: Draft, rng: random.Random) -> None:
    lines = d.vocab.cookie_notice(rng, d.site)
    top = rng.random() < 0.5
    d.blocks.insert(0, junk("cookie_notice", lines)) if top else d.blocks.append(junk("cookie_notice", lines))
    d.mark("cookie_notice", "top" if top else "bottom")


def add_share_bar(d: Draft, rng: random.Random) -> None:
    lines = d.vocab.share_bar(rng, d.site)
    where = rng.choices(("after_title", "bottom"), (1, 2))[0]
    block = junk("share_bar", lines)
    if where == "after_title":
        d.blocks.insert(d.blocks.index(next(b for b in d.blocks if b.kind == "title")) + 1, block)
    else:
        d.blocks.append(block)
    d.mark("share_bar", where)


def add_subscribe_prompt(d: Draft, rng: random.Random) -> None:
    lines = d.vocab.subscribe_prompt(rng, d.site)
    if rng.random() < 0.4:
        d.blocks.insert(d.body_gap(rng), junk("subscribe_prompt", lines))
        d.mark("subscribe_prompt", "body")
    else:
        d.blocks.append(junk("subscribe_prompt", lines))
        d.mark("subscribe_prompt", "bottom")


def add_read_more(d: Draft, rng: random.Random) -> None:
    # Right after the last content block: the tail of a repost.
    last = max(i for i, b in enumerate(d.blocks) if b.is_content or b.source is not None)
    d.blocks.insert(last + 1, junk("read_more", d.vocab.read_more(rng, d.site)))
    d.mark("read_more")


def add_comment_widget(d: Draft, rng: random.Random) -> None:
    lines, platform = d.vocab.comment_widget(rng, d.site)
    d.blocks.append(junk("comment_widget", lines))
    d.mark("comment_widget", platform)


# -- hard wrapping ----------------------------------------------------------------------------

def _wrap(text: str, width: int, dangling: bool) -> list[str]:
    if dangling:
        first, _, rest = text.partition(" ")
        return [first] + textwrap.wrap(rest, width, break_long_words=False, break_on_hyphens=False)
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


_LIST_MARK = re.compile(r"([-*•–—]|\d+[.)]|\(?[a-z]\))\s")


def _first_word(line: str) -> str:
    return line.split(" ", 1)[0]


def _neighbours_ok(prev: str | None, lines: list[str], nxt: str | None, dangling: bool) -> bool:
    """Whether a reader that sees only the lines can tell where the wrapped paragraph starts and
    ends. Greedy wrapping never leaves room on a line for the next line's first word, so a
    neighbour whose first word would have fit is not part of the paragraph. A neighbour that is
    a single word could itself be a dangling first word: ambiguous, so not allowed."""
    body = lines[1:] if dangling else lines
    if any(_LIST_MARK.match(x) for x in lines[1:]):
        return False  # a continuation line that starts like a list item reads as one
    w = max(len(x) for x in body)  # the width a reader can infer
    if prev is not None and prev.strip():
        if " " not in prev.strip():
            return False
        if len(prev) <= w and len(prev) + 1 + len(_first_word(lines[0])) > w:
            return False
    if nxt is not None and nxt.strip():
        if len(nxt) <= w and len(lines[-1]) + 1 + len(_first_word(nxt)) > w:
            return False
    return True


def hard_wrap(d: Draft, rng: random.Random) -> None:
    """Wrap the lead paragraph at a fixed width (60-80), sometimes with its first word alone on
    the first line, or (rarely) every paragraph, as plain-text reposts do. Must run after the
    other structural injectors: whether a wrap can be undone depends on the neighbouring lines."""
    form = rng.choices(("lead", "dangling", "all"), (5, 4, 1))[0]
    width = rng.randint(60, 80)
    paras = [b for b in d.blocks if b.kind == "para" and b.source is None and len(b.clean) >= 1.6 * width]
    if not paras:
        return
    targets = paras if form == "all" else [paras[0]]
    wrapped = []
    for b in targets:
        dangling = form == "dangling"
        b.raw, b.wrap, b.dangling = _wrap(b.clean, width, dangling), width, dangling
        if len(b.raw) < (3 if dangling else 2):
            b.raw, b.wrap, b.dangling = [b.clean], 0, False
            continue
        wrapped.append(b)
    # Undo any wrap a reader could not undo (see _neighbours_ok), checking every copy.
    flat = [(blk.source or blk, blk.lines) for blk in d.blocks]
    wrapped_ids = {id(b) for b in wrapped}
    bad = set()
    for k, (src, lines) in enumerate(flat):
        if id(src) in wrapped_ids:
            prev = flat[k - 1][1][-1] if k > 0 else None
            nxt = flat[k + 1][1][0] if k + 1 < len(flat) else None
            if not _neighbours_ok(prev, lines, nxt, src.dangling):
                bad.add(id(src))
    for b in wrapped:
        if id(b) in bad:
            b.raw, b.wrap, b.dangling = [b.clean], 0, False
    done = [b for b in wrapped if id(b) not in bad]
    if done:
        d.mark("hard_wrap", f"{form}:{width}")


# -- typography needed for mojibake -------------------------------------------------------------

def ensure_non_ascii(d: Draft, rng: random.Random) -> bool:
    """Mojibake needs a non-ASCII character. If the article has none, typeset one: an en dash
    for ' - ' or a typographic apostrophe (in the truth too: it is the author's text)."""
    paras = [b for b in d.blocks if b.kind == "para" and b.source is None]
    if any(not c.isascii() for b in paras for c in b.clean):
        return True
    for b in rng.sample(paras, len(paras)):
        for old, new in ((" - ", " – "), ("'s ", "’s "), ("n't ", "n’t ")):
            if old in b.clean:
                b.clean = b.clean.replace(old, new, 1)
                b.raw = [b.clean]
                return True
    return False


# -- line-level defects, applied to the assembled raw lines --------------------------------------

def _mojibake_word(word: str) -> str | None:
    try:
        bad = word.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined (0x81, 0x8d...)
        return None
    return bad if bad != word else None


def mojibake(lines: list[str], content_idx: list[int], rng: random.Random) -> bool:
    """Re-decode a word or two of UTF-8 as cp1252: 'café' -> 'cafÃ©', '£5' -> 'Â£5'."""
    # dict.fromkeys, not set: set order follows string hashing, which changes between processes.
    cands = [(i, w) for i in content_idx for w in dict.fromkeys(lines[i].split(" ")) if not w.isascii()]
    rng.shuffle(cands)
    done = 0
    for i, w in sorted(cands[: rng.randint(1, 2)]):
        bad = _mojibake_word(w)
        if bad:
            lines[i] = lines[i].replace(w, bad, 1)
            done += 1
    return done > 0


def nbsp(lines: list[str], content_idx: list[int], rng: random.Random) -> bool:
    """A few inter-word spaces become no-break spaces."""
    done = False
    for i in rng.sample(content_idx, min(len(content_idx), rng.randint(1, 4))):
        spaces = [k for k, c in enumerate(lines[i]) if c == " "]
        for k in rng.sample(spaces, min(len(spaces), rng.randint(1, 3))):
            lines[i] = lines[i][:k] + "\u00a0" + lines[i][k + 1 :]
            done = True
    return done


_TRAILING = (" ", "  ", "\t", " \u00a0", "\u00a0", "   ")


def trailing_spaces(lines: list[str], rng: random.Random) -> bool:
    share = rng.uniform(0.2, 0.8)
    hit = [i for i in range(len(lines)) if rng.random() < share] or [rng.randrange(len(lines))]
    for i in hit:
        lines[i] += rng.choice(_TRAILING)
    return True


_CONTROLS = ("\x00", "\x08", "\x1b", "\x7f", "\ufeff")


def control_chars(lines: list[str], content_idx: list[int], rng: random.Random) -> bool:
    """A byte-order mark at the start, or a stray control character next to a space."""
    if rng.random() < 0.6:
        lines[0] = "\ufeff" + lines[0]
        return True
    i = rng.choice(content_idx)
    spaces = [k for k, c in enumerate(lines[i]) if c == " "]
    if not spaces:
        lines[0] = "\ufeff" + lines[0]
        return True
    k = rng.choice(spaces)
    lines[i] = lines[i][:k] + rng.choice(_CONTROLS) + lines[i][k:]
    return True


_BLANKS = ("", "", "", " ", "\u00a0", "\t")


def blank_lines(lines: list[str], starts: list[int], rng: random.Random) -> list[str]:
    """Blank (or whitespace-only) lines between blocks, as between paragraphs in plain text."""
    every = rng.random() < 0.5
    cut = set(s for s in starts[1:] if every or rng.random() < 0.4) or {starts[-1]}
    out = []
    for k, line in enumerate(lines):
        if k in cut:
            out.extend([rng.choice(_BLANKS)] * rng.choice((1, 1, 2)))
        out.append(line)
    return out


# -- assembly --------------------------------------------------------------------------------

@dataclass
class LineDefects:
    """Which line-level defects a page gets (decided with the structural ones)."""

    mojibake: bool = False
    nbsp: bool = False
    trailing_spaces: bool = False
    control_chars: bool = False
    blank_lines: bool = False
    final_newline: bool = True


def assemble(d: Draft, page_id: str, ld: LineDefects, rng: random.Random) -> Page:
    lines: list[str] = []
    content_idx: list[int] = []
    starts: list[int] = []
    junk_lines: list[list[str]] = []
    for b in d.blocks:
        starts.append(len(lines))
        if b.is_content and b.source is None:
            content_idx.extend(range(len(lines), len(lines) + len(b.raw)))
        else:
            junk_lines.extend([b.kind, x] for x in b.lines)
        lines.extend(b.lines)
    if ld.mojibake and mojibake(lines, content_idx, rng):
        d.mark("mojibake")
    if ld.nbsp and nbsp(lines, content_idx, rng):
        d.mark("nbsp")
    if ld.control_chars and control_chars(lines, content_idx, rng):
        d.mark("control_chars")
    if ld.trailing_spaces and trailing_spaces(lines, rng):
        d.mark("trailing_spaces")
    if ld.blank_lines and len(starts) > 1:
        lines = blank_lines(lines, starts, rng)
        d.mark("blank_lines")
    raw = "\n".join(lines)
    if ld.final_newline:
        raw += "\n"
    else:
        d.mark("no_final_newline")
    clean_blocks = [b for b in d.blocks if b.is_content and b.source is None]
    return Page(
        id=page_id,
        raw=raw,
        # One paragraph per line, every line ending in a newline: the seed's expected output.
        clean="".join(b.clean + "\n" for b in clean_blocks),
        image_credit=d.image_credit,
        defects=sorted(d.defects),
        detail=dict(sorted(d.detail.items())),
        legit=sorted(d.legit),
        kinds=[b.kind for b in clean_blocks],
        junk=junk_lines,
    )
