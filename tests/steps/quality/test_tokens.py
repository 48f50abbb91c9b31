"""The tokenizer: punctuation marks are tokens (the rule sets' ratios count them), the common
exceptions stay whole, and languages without spaces get per-character / per-syllable words."""

from thresher.text.tokens import tokenize


def test_punctuation_marks_are_tokens():
    assert tokenize('He said: "Hello, world!" (twice)') == [
        "He", "said", ":", '"', "Hello", ",", "world", "!", '"', "(", "twice", ")",
    ]


def test_numbers_abbreviations_and_urls_stay_whole():
    assert tokenize("U.S. sales rose 3.5% to $1,000 on 10:30 a.m. Mr. Smith said.") == [
        "U.S.", "sales", "rose", "3.5", "%", "to", "$", "1,000", "on", "10:30", "a.m.", "Mr.", "Smith", "said", ".",
    ]
    assert tokenize("see https://example.com/a?b=1. or www.bbc.co.uk, ok") == [
        "see", "https://example.com/a?b=1", ".", "or", "www.bbc.co.uk", ",", "ok",
    ]


def test_clitics_and_runs():
    assert tokenize("It's what we don't know... -- O'Neil cannot") == [
        "It", "'s", "what", "we", "do", "n't", "know", "...", "--", "O'Neil", "can", "not",
    ]


def test_hyphens_split_words_but_not_codes():
    assert tokenize("well-known COVID-19 2020-01-01") == ["well", "-", "known", "COVID-19", "2020", "-", "01", "-", "01"]


def test_cjk_counts_characters_and_thai_syllables():
    assert tokenize("中文文本。日本語") == ["中", "文", "文", "本", "。", "日", "本", "語"]
    assert tokenize("ภาษาไทย") == ["ภาษา", "ไทย"]  # cut before the leading vowel ไ
    assert tokenize("한국어 텍스트") == ["한국어", "텍스트"]  # Hangul has spaces


def test_nothing_to_tokenize():
    assert tokenize("") == []
    assert tokenize(" \n\t ") == []
