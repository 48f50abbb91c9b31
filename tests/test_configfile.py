import tomllib

from thresher.configfile import dumps_toml


def test_the_resolved_config_reads_back_the_same():
    config = {
        "step": [{"name": "lang", "languages": ["en", "de"], "min_score": 0.5}, {"name": "c4", "min_sentences": 5, "filter_policy": False}],
        "corpus": [{"name": "near_dedup", "threshold": 0.7}],
        "read": {"text_field": 'the "text"', "html_field": None},
    }
    back = tomllib.loads(dumps_toml(config))
    # None has no TOML form: the key is left out and its default applies when read back.
    assert back == {**config, "read": {"text_field": 'the "text"'}}
