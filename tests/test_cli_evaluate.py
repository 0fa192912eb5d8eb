"""``stancekit evaluate``: scores on real corpus rows and on a user's labelled file, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stancekit import LABELS, StanceDetector, load_corpus
from stancekit.metrics import expected_calibration_error, macro_f1, semeval_f_avg

ROOT = Path(__file__).resolve().parent.parent


def test_evaluate_corpus_split_matches_the_python_api(tmp_path, smoke_model_dir, data_dir, cli):
    out_path = tmp_path / "scores.json"
    code, out, err = cli(["evaluate", "semeval", "--split", "validation", "--limit", "40", "-m", smoke_model_dir,
                          "--data-dir", data_dir, "--format", "json", "-o", out_path])
    assert code == 0, err
    assert out == ""
    report = json.loads(out_path.read_text())
    result = report["results"]["semeval"]
    sample = load_corpus("semeval", data_dir)["validation"].shuffle(seed=0).select(range(40))
    probabilities = StanceDetector.from_pretrained(smoke_model_dir).predict_proba(sample["text"], targets=sample["target"])
    predicted = probabilities.argmax(axis=1)
    assert result["split"] == "validation" and result["n"] == 40
    assert result["macro_f1"] == pytest.approx(macro_f1(sample["label"], predicted))
    assert result["f_avg"] == pytest.approx(semeval_f_avg(sample["label"], predicted))
    assert result["ece"] == pytest.approx(expected_calibration_error(sample["label"], probabilities), abs=1e-6)
    assert np.array(result["confusion"]).sum() == 40


def test_evaluate_user_file_table(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "mine.csv"
    path.write_text("text,target,label\nWe must build it now.,The rail line,favor\n"
                    "It is a waste of money.,The rail line,against\nThe vote is on Tuesday.,The rail line,none\n")
    code, out, err = cli(["evaluate", path, "-m", smoke_model_dir])
    assert code == 0, err
    header, row, footer = out.splitlines()
    assert header.split()[:4] == ["data", "split", "n", "accuracy"] and header.split()[-1] == "ECE"
    assert row.split()[:3] == [str(path), "file", "3"]
    assert all(0.0 <= float(cell) <= 1.0 for cell in row.split()[3:])
    assert footer.startswith(f"model: {smoke_model_dir}")


def test_evaluate_labelled_extract_records_like_their_classifier_text(tmp_path, smoke_model_dir, cli):
    """Annotated ``stancekit extract`` output scores as the text predict would classify."""
    from stancekit.predict import classifier_input

    article = tmp_path / "article.txt"
    article.write_text("The mayor, Ana Ruiz, called the tram plan “a waste of money” on Monday.\n\n"
                       "“This tram will carry twenty thousand people a day and we should build it now,” "
                       "said Omar Haddad, the transport commissioner.\n")
    quotes = tmp_path / "quotes.jsonl"
    assert cli(["extract", article, "-t", "The tram plan", "-o", quotes])[0] == 0
    records = [json.loads(line) for line in quotes.read_text().splitlines()]
    assert len(records) == 2
    labelled, plain = tmp_path / "labelled.jsonl", tmp_path / "plain.jsonl"
    labelled.write_text("".join(json.dumps({**r, "label": gold}) + "\n" for r, gold in zip(records, ["oppose", "support"])))
    plain.write_text("".join(json.dumps({"text": classifier_input(r["quote"], r["sentence"]), "target": r["target"],
                                         "label": gold}) + "\n" for r, gold in zip(records, ["oppose", "support"])))
    scores = []
    for path in (labelled, plain):
        code, _, err = cli(["evaluate", path, "-m", smoke_model_dir, "--format", "json", "-o", tmp_path / "s.json"])
        assert code == 0, err
        scores.append(json.loads((tmp_path / "s.json").read_text())["results"][str(path)])
    assert scores[0] == scores[1] and scores[0]["n"] == 2


def test_evaluate_news_quotes_changes_the_calibration_not_the_labels(tmp_path, smoke_model_dir, cli):
    detector = StanceDetector.from_pretrained(smoke_model_dir)
    detector.calibration = detector.calibration | {"quote_temperature": 3.0}
    detector.save_pretrained(tmp_path / "model")
    data = tmp_path / "annotated.jsonl"
    data.write_text((ROOT / "examples" / "annotated.jsonl").read_text())
    reports = []
    for flags in ([], ["--news-quotes"]):
        code, _, err = cli(["evaluate", data, "-m", tmp_path / "model", "--format", "json", "-o", tmp_path / "r.json",
                            *flags])
        assert code == 0, err
        reports.append(json.loads((tmp_path / "r.json").read_text())["results"][str(data)])
    assert reports[0]["confusion"] == reports[1]["confusion"] and reports[0]["ece"] != reports[1]["ece"]


def test_evaluate_marks_labels_absent_from_the_gold(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "two_labels.jsonl"
    path.write_text('{"text": "Yes, build it.", "target": "The rail line", "label": "support"}\n'
                    '{"text": "No, never.", "target": "The rail line", "label": "oppose"}\n')
    code, out, _ = cli(["evaluate", path, "-m", smoke_model_dir])
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split()[-3:] == ["F1", LABELS[-1], "ECE"]
    assert row.split()[-2] == "–" and row.split()[-3] != "–"  # no neutral gold row; oppose scored


@pytest.mark.parametrize("args, message", [
    (["nosuch"], "unknown corpus 'nosuch'"),
    (["semeval", "--split", "dev"], "corpus 'semeval' has no 'dev' split (it has: train, validation, test)"),
    (["missing.csv"], "missing.csv: file not found"),
    (["semeval", "--limit", "0"], "--limit must be positive, got 0"),
])
def test_evaluate_bad_input_is_one_line_and_exit_2(args, message, smoke_model_dir, data_dir, cli):
    code, out, err = cli(["evaluate", *args, "-m", smoke_model_dir, "--data-dir", data_dir])
    assert code == 2 and out == ""
    assert err.startswith("stancekit: error: ") and message in err and len(err.strip().splitlines()) == 1


def test_evaluate_bad_label_names_the_line_and_writes_nothing(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Yes.", "target": "T", "label": "support"}\n{"text": "Hm.", "target": "T", "label": "maybe"}\n')
    out_path = tmp_path / "scores.json"
    code, _, err = cli(["evaluate", path, "-m", smoke_model_dir, "--format", "json", "-o", out_path])
    assert code == 2 and f"{path}:2:" in err and "maybe" in err and len(err.strip().splitlines()) == 1
    assert not out_path.exists()
