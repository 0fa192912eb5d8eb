"""Property-based: the file readers parse any bytes or raise the project's own error, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stancekit import InputError
from stancekit.io import read_article, read_records

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True,  # same examples in every CI run
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
json_ish = st.text(alphabet='{}[]":,\\ntex 0123456789\n\r\t\x00é“”', max_size=200)


@SETTINGS
@given(content=st.one_of(st.binary(max_size=300), json_ish.map(str.encode)), suffix=st.sampled_from([".jsonl", ".csv"]))
@example(content=b'"\n', suffix=".csv")  # a header whose only column name is a newline
def test_record_readers_parse_or_raise_input_error(tmp_path, content, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    try:
        records = list(read_records(path))
    except InputError as err:
        assert str(err).startswith(str(path))
        assert "\n" not in str(err)
    else:
        assert records and all(isinstance(r, dict) and isinstance(line, int) for line, r in records)


@SETTINGS
@given(content=st.binary(max_size=300))
def test_article_reader_decodes_or_raises_input_error(tmp_path, content):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    try:
        text = read_article(path)
    except InputError as err:
        assert str(err).startswith(str(path))
    else:
        assert isinstance(text, str) and "\x00" not in text


ARTICLE_PIECES = list("abc XYZ“”\"'.,:;!?\n-") + ["Lamamra", "Ana Ruiz", " said ", " told reporters", "According to ",
                                                   "Ms. ", " he ", " the minister ", "We will never accept this"]
article_text = st.lists(st.sampled_from(ARTICLE_PIECES), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=article_text, use_spacy=st.booleans())
def test_extract_quotes_never_crashes_and_offsets_hold(text, use_spacy):
    import warnings

    from stancekit.quotes import extract_quotes

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quotes = extract_quotes(text, use_spacy=use_spacy)
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
        assert text[quote.sentence_start:quote.sentence_start + len(quote.sentence)] == quote.sentence
        assert quote.speaker is None or quote.speaker.strip()
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
