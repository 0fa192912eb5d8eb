"""The command line on real inputs and every bad input: one-line errors, exit 2, no partial files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGET = "High-speed rail between Serena and Kestrel"


@pytest.fixture()
def quotes_file(tmp_path) -> Path:
    path = tmp_path / "quotes.jsonl"
    path.write_text((ROOT / "examples" / "quotes.jsonl").read_text())
    return path


def test_predict_jsonl_keeps_fields_and_adds_label_and_scores(quotes_file, smoke_model_dir, cli):
    code, out, err = cli(["predict", quotes_file, "--target", TARGET, "--model", smoke_model_dir])
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    inputs = [json.loads(line) for line in quotes_file.read_text().splitlines()]
    assert len(records) == len(inputs) == 4
    for record, source in zip(records, inputs):
        assert {k: record[k] for k in source} == source  # input fields kept, same order
        assert record["target"] == TARGET and record["label"] in {"support", "oppose", "neutral"}
        assert sum(record["scores"].values()) == pytest.approx(1.0, abs=1e-3)


def test_news_quotes_flag_changes_the_scores_not_the_labels(quotes_file, smoke_model_dir, tmp_path, cli):
    from stancekit import StanceDetector

    detector = StanceDetector.from_pretrained(smoke_model_dir)
    detector.calibration = detector.calibration | {"quote_temperature": 3.0}
    detector.save_pretrained(tmp_path / "model")
    runs = {}
    for flags in ([], ["--news-quotes"]):
        code, out, err = cli(["predict", quotes_file, "--target", TARGET, "--model", tmp_path / "model", *flags])
        assert code == 0, err
        runs[bool(flags)] = [json.loads(line) for line in out.splitlines()]
    assert [r["label"] for r in runs[False]] == [r["label"] for r in runs[True]]
    assert all(max(q["scores"].values()) < max(s["scores"].values()) for s, q in zip(runs[False], runs[True]))


def test_record_target_overrides_flag(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "q.jsonl"
    path.write_text('{"text": "Great plan", "target": "Own target"}\n{"text": "Bad plan"}\n')
    code, out, _ = cli(["predict", path, "--target", TARGET, "--model", smoke_model_dir])
    assert code == 0
    assert [json.loads(line)["target"] for line in out.splitlines()] == ["Own target", TARGET]


def test_an_input_label_is_kept_beside_the_prediction(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "We back the line.", "label": "support", "note": "a"}\n{"text": "No way.", "note": "b"}\n')
    code, out, err = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir])
    first, second = (json.loads(line) for line in out.splitlines())
    assert code == 0 and err.count("kept as 'input_label'") == 1
    assert first["input_label"] == "support" and first["label"] in {"support", "oppose", "neutral"}
    assert first["note"] == "a" and "input_label" not in second


def test_csv_in_csv_out_to_file(tmp_path, smoke_model_dir, cli):
    path = tmp_path / "q.csv"
    path.write_text('id,speaker,text\n1,Ana,"We need this, now."\n2,Bo,No way.\n')
    out_path = tmp_path / "pred.csv"
    code, out, _ = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir, "-f", "csv", "-o", out_path])
    assert code == 0 and out == ""
    rows = list(csv.DictReader(out_path.open()))
    assert [r["id"] for r in rows] == ["1", "2"] and rows[0]["text"] == "We need this, now."
    assert set(json.loads(rows[0]["scores"])) == {"support", "oppose", "neutral"}


def test_stdin_and_table(monkeypatch, smoke_model_dir, cli):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "I back it", "speaker": "Ana Li"}\n'))
    code, out, _ = cli(["predict", "-", "-t", TARGET, "-m", smoke_model_dir, "--format", "table"])
    assert code == 0
    header, row = out.splitlines()
    assert header.split()[:5] == ["speaker", "label", "support", "oppose", "neutral"]
    assert row.startswith("Ana Li") and "I back it" in row


def test_by_speaker_summary(quotes_file, smoke_model_dir, cli):
    code, out, _ = cli(["predict", quotes_file, "-t", TARGET, "-m", smoke_model_dir, "--by-speaker"])
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["speaker"] for r in rows} == {"Elena Marchetti", "Tomas Brandt", "Ingrid Solberg", "Piet Van der Berg"}
    assert all(r["quotes"] == 1 for r in rows)


BAD_INPUTS = [
    ("empty.jsonl", "", "empty.jsonl: file is empty"),
    ("bad.jsonl", '{"text": "ok"}\n{"text": oops}\n', "bad.jsonl:2: malformed JSON"),
    ("notext.jsonl", '{"text": "ok"}\n{"speaker": "Ana"}\n', "notext.jsonl:2: record has no 'text' field"),
    ("blank.jsonl", '{"text": "  "}\n', "blank.jsonl:1: 'text' is empty"),
    ("list.jsonl", '[1, 2]\n', "list.jsonl:1: expected a JSON object"),
    ("nocol.csv", "speaker,quote\nAna,hi\n", "nocol.csv:1: CSV has no 'text' column (columns: 'speaker', 'quote')"),
    ("quotes.xml", "<q/>", "quotes.xml: unknown file type '.xml'"),
    ("latin1.jsonl", '{"text": "caf\xe9"}\n'.encode("latin-1"), "latin1.jsonl:1: not UTF-8 text"),
]


@pytest.mark.parametrize("name,content,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_one_line_error_and_no_output_file(tmp_path, smoke_model_dir, cli, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out_path = tmp_path / "out.jsonl"
    code, out, err = cli(["predict", path, "-t", TARGET, "-m", smoke_model_dir, "-o", out_path])
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("stancekit: error: ") and message in err, err
    assert not out_path.exists() and list(tmp_path.iterdir()) == [path]


def test_missing_file_and_missing_target(tmp_path, quotes_file, smoke_model_dir, cli):
    code, _, err = cli(["predict", tmp_path / "nope.jsonl", "-t", TARGET])
    assert code == 2 and "nope.jsonl: file not found" in err
    code, _, err = cli(["predict", quotes_file, "-m", smoke_model_dir])
    assert code == 2 and "quotes.jsonl:1: no target" in err


def test_model_path_that_is_not_a_model(tmp_path, quotes_file, cli):
    code, _, err = cli(["predict", quotes_file, "-t", TARGET, "-m", tmp_path])
    assert code == 2 and "not a stancekit model folder" in err and err.count("\n") == 1


def test_unwritable_output(tmp_path, quotes_file, smoke_model_dir, cli):
    code, _, err = cli(["predict", quotes_file, "-t", TARGET, "-m", smoke_model_dir,
                        "-o", tmp_path / "no_such_dir" / "out.jsonl"])
    assert code == 2 and "no_such_dir" in err and err.count("\n") == 1


def test_console_script_help_and_error_without_traceback(tmp_path):
    exe = Path(sys.executable).with_name("stancekit")
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("predict", "extract", "train", "report"):
        assert command in help_text
    predict_help = subprocess.run([exe, "predict", "--help"], capture_output=True, text=True, check=True).stdout
    assert "--target" in predict_help and "input formats" in predict_help
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n")
    result = subprocess.run([exe, "predict", bad, "-t", "x"], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"stancekit: error: {bad}:1: malformed JSON (Expecting property name enclosed in double quotes)"


def test_train_print_config_and_bad_config(tmp_path, cli):
    code, out, _ = cli(["train", "--config", ROOT / "configs" / "smoke.yaml", "--print-config"])
    assert code == 0 and "base_model: minilm" in out and "learning_rate: 0.0001" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("epochs: 1\nlearnin_rate: 3\n")
    code, _, err = cli(["train", "--config", bad])
    assert code == 2 and "unknown config keys ['learnin_rate']" in err


def test_train_rejects_an_unknown_calibration_method(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text("calibration_method: isotonic\n")
    code, _, err = cli(["train", "--config", bad])
    assert code == 2 and "calibration_method must be one of temperature, temperature_bias, vector, length_temperature" in err
