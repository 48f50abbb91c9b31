"""Tiny models the tests build themselves (nothing is downloaded): a word-level tokenizer, a
random-weight BERT sequence classifier (two labels, or one output for a regression head)."""

from __future__ import annotations

from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
CORPUS = [
    "the study found that students who read every day improve their vocabulary",
    "buy cheap pills now click here free casino bonus win money",
    "the council agreed to keep the library open later on weekdays",
]


def tiny_tokenizer(folder: Path):
    """Train a word-level tokenizer on CORPUS and save ``folder/tokenizer.json``; returns it."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors, trainers

    tok = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.train_from_iterator(CORPUS, trainers.WordLevelTrainer(special_tokens=SPECIALS))
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))]
    )
    folder.mkdir(parents=True, exist_ok=True)
    tok.save(str(folder / "tokenizer.json"))
    return tok


def tiny_classifier(folder: Path, num_labels: int = 2, seed: int = 0) -> Path:
    """A random-weight BERT for sequence classification and its tokenizer, saved with save_pretrained."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    tok = tiny_tokenizer(folder)
    labels = {0: "low", 1: "high"} if num_labels == 2 else {0: "LABEL_0"}
    config = BertConfig(
        vocab_size=tok.get_vocab_size(), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=num_labels,
        id2label=labels, label2id={v: k for k, v in labels.items()},
    )
    torch.manual_seed(seed)
    BertForSequenceClassification(config).save_pretrained(str(folder))
    PreTrainedTokenizerFast(
        tokenizer_object=tok, pad_token="[PAD]", unk_token="[UNK]", cls_token="[CLS]", sep_token="[SEP]"
    ).save_pretrained(str(folder))
    return folder
