"""Word lists the unwrap step reads: named data, kept apart from the logic that uses them."""

# Words that open a sentence and cannot stand alone as a title or label.
DANGLING_WORDS = frozenset(
    """
    a an the on in at as by for from of to with within without into onto over under after before
    during since until till while when whenever where if unless although though despite because
    but and or so yet nor then also however meanwhile earlier later last next this that these
    those there here it its he she we they i his her their our my your you some many most several
    both each every all one two three four five six seven eight nine ten according speaking
    yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Words a sentence (or a title) does not end with: a line ending in one goes on below.
OPEN_ENDINGS = frozenset(
    """
    a an the of to in on at by for from with into onto upon as and or but nor that which who whom
    whose than its their his her our your my this these those is are was were be been being has
    have had will would can could should may might must shall not said says told about after
    before between under over against during without within via per among across towards toward
    while when where if because although unless whether both either neither very such
    """.split()
)

# Words that stand alone on a line as a heading or a page label, not as a stranded first word.
# (Not "Home" or "Search": a menu's "Home" is followed by more menu, never by a wrapped
# paragraph, and "Home favourite Lleyton Hewitt..." is a real opening.)
NOT_DANGLING = frozenset(
    """
    advertisement advert ad sponsored share tweet email print menu comments comment
    related recommended contents summary introduction background analysis conclusion conclusions
    reaction timeline update updates abstract methods results discussion references notes
    acknowledgements acknowledgments appendix preface foreword epilogue prologue chapter
    overview description features details specifications reviews photos video videos gallery
    loading subscribe newsletter login register contact tags categories archives
    """.split()
)
