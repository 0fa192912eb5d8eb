"""scripts/benchmark.py --quick runs end to end on real data and writes its results files."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from stancekit.predict import CONTEXT_MODES, DEFAULT_CONTEXT, SPEAKER_RULES

ROOT = Path(__file__).resolve().parent.parent
MEASURED_ONLY = ("heldout3", "heldout4")  # blind article sets the scripts must keep out of dev


def test_quick_benchmark_writes_json_and_table(tmp_path, smoke_model_dir):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--quick",
                             "--models", str(smoke_model_dir), "--results-dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads((tmp_path / "benchmark_quick.json").read_text())
    assert report["command"] == f"python scripts/benchmark.py --models {smoke_model_dir} --quick --results-dir {tmp_path}"
    assert set(report["baselines"]) == {"majority", "tfidf_svm", "tfidf_logreg", "frozen_minilm_logreg",
                                        "tfidf_svm_in_domain"}
    row = report["models"][str(smoke_model_dir)]["row"]
    assert set(row) == {"semeval", "vast", "vast_zero_shot", "vast_few_shot", "perspectrum", "argq",
                        "emergent", "fnc1"}
    assert all(0.0 <= value <= 1.0 for value in row.values())
    calibration = report["models"][str(smoke_model_dir)]["calibration"]["semeval"]
    assert 0.0 <= calibration["ece_calibrated"] <= 1.0
    table = (tmp_path / "benchmark_quick.md").read_text()
    assert "quoted, not re-run" in table and "TGA-Net" in table and "| majority (baseline) |" in table


def test_calibration_study_holds_out_each_dev_corpus(tmp_path, smoke_model_dir):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "calibration_study.py"), "--model",
                             str(smoke_model_dir), "--rows", "30", "--output", str(tmp_path / "study")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads((tmp_path / "study.json").read_text())["rows"]
    assert [(r["method"], r["weighting"]) for r in rows][:3] == [("none", "pooled"), ("temperature", "pooled"),
                                                                 ("temperature", "per_corpus")]
    assert all(set(r["held_out"]) == {"semeval", "vast", "perspectrum", "argq"} for r in rows)
    assert all(0.0 <= r["mean_ece"] <= r["max_ece"] <= 1.0 for r in rows)
    assert "leave-one-corpus-out" in (tmp_path / "study.md").read_text()


def test_recalibrate_refits_in_place_and_keeps_every_label(tmp_path, smoke_model_dir):
    sys.path.insert(0, str(ROOT / "scripts"))
    from export_default import config_block, calibration_sentence, dev_scores_line

    from stancekit import StanceDetector

    model = tmp_path / "model"
    shutil.copytree(smoke_model_dir, model)
    summary = json.loads((model / "train_summary.json").read_text())
    card_lines = ["# card", calibration_sentence(summary["calibration"]), *config_block(summary["config"]),
                  dev_scores_line(summary)]
    (model / "README.md").write_text("\n".join(card_lines) + "\n")
    texts = ["We must build it now.", "This plan is a disaster for the coast and every family who lives there."]
    before = StanceDetector.from_pretrained(model).predict_proba(texts, target="A new railway")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "recalibrate.py"), "--model", str(model),
                             "--method", "length_temperature"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    reloaded = StanceDetector.from_pretrained(model)
    assert "length_exponent" in reloaded.calibration
    after = reloaded.predict_proba(texts, target="A new railway")
    assert (after.argmax(1) == before.argmax(1)).all() and not np.allclose(after, before)
    summary = json.loads((model / "train_summary.json").read_text())
    assert summary["calibration"] == reloaded.calibration
    assert summary["recalibrated"] == f"python scripts/recalibrate.py --model {model} --method length_temperature"
    card = (model / "README.md").read_text()
    assert "depends on the pair's token count" in card and "refitted after training" in card
    assert "calibration_method: length_temperature\n```" in card


def test_newsquotes_builder_emits_the_classifier_inputs(tmp_path):
    script = [sys.executable, str(ROOT / "scripts" / "build_newsquotes.py"), "--parts", "c"]
    subprocess.run([*script, "--output", str(tmp_path / "auto.jsonl")], check=True, capture_output=True)
    subprocess.run([*script, "--forms", "auto", "sentence", "--output", str(tmp_path / "both.jsonl")],
                   check=True, capture_output=True)
    parts = [json.loads(line) for line in (ROOT / "data" / "newsquotes" / "part_c.jsonl").open(encoding="utf-8")]
    auto = [json.loads(line) for line in (tmp_path / "auto.jsonl").open(encoding="utf-8")]
    both = [json.loads(line) for line in (tmp_path / "both.jsonl").open(encoding="utf-8")]
    assert len(auto) == len(parts)
    for part, row in zip(parts, auto):
        short = len(part["text"].split()) < 8
        assert row["text"] == (part["context"] if short else part["text"])
        assert (row["target"], row["label"]) == (part["target"], part["label"])
    long_quotes = sum(len(p["text"].split()) >= 8 and p["context"] != p["text"] for p in parts)
    assert len(both) == len(parts) + long_quotes


@pytest.mark.parametrize(("built", "parts"), [("train_auto.jsonl", "c d e f g h"),
                                               ("train_auto_c_to_l.jsonl", "c d e f g h i j k l"),
                                               ("train_auto_m_to_p.jsonl", "m n o p")])
def test_newsquotes_training_files_match_their_parts(tmp_path, built, parts):
    """The committed training files (what configs/default*.yaml read) are the builder's output of
    well-formed parts: a quote each line, a known label, the quote inside its news sentence."""
    folder = ROOT / "data" / "newsquotes"
    for letter in parts.split():
        for line in (folder / f"part_{letter}.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert set(record) == {"text", "target", "label", "speaker", "context"}
            assert record["label"] in ("support", "oppose", "neutral") and record["text"] in record["context"]
    script = [sys.executable, str(ROOT / "scripts" / "build_newsquotes.py"), "--parts", *parts.split()]
    subprocess.run([*script, "--output", str(tmp_path / built)], check=True, capture_output=True)
    assert (tmp_path / built).read_bytes() == (folder / built).read_bytes()


def test_newsquotes_contrast_copies_reverse_the_target_and_swap_the_label(tmp_path):
    script = [sys.executable, str(ROOT / "scripts" / "build_newsquotes.py"), "--parts", "c"]
    subprocess.run([*script, "--output", str(tmp_path / "plain.jsonl")], check=True, capture_output=True)
    subprocess.run([*script, "--flip-targets", "0.5", "--output", str(tmp_path / "contrast.jsonl")],
                   check=True, capture_output=True)
    plain = [json.loads(line) for line in (tmp_path / "plain.jsonl").read_text().splitlines()]
    contrast = [json.loads(line) for line in (tmp_path / "contrast.jsonl").read_text().splitlines()]
    originals = [r for r in contrast if any(r["target"] == p["target"] and r["text"] == p["text"] for p in plain)]
    copies = [r for r in contrast if r not in originals]
    assert [(r["text"], r["target"], r["label"]) for r in originals] == [(r["text"], r["target"], r["label"]) for r in plain]
    assert 0.4 * len(plain) < len(copies) < 0.6 * len(plain)
    swapped = {"support": "oppose", "oppose": "support", "neutral": "neutral"}
    for copy in copies:
        source = contrast[contrast.index(copy) - 1]  # each copy follows the row it reverses
        assert copy["text"] == source["text"] and copy["label"] == swapped[source["label"]]
        assert copy["target"] != source["target"] and copy["target"].endswith(" " + source["target"])
    subprocess.run([*script, "--flip-targets", "0.5", "--output", str(tmp_path / "again.jsonl")],
                   check=True, capture_output=True)
    assert (tmp_path / "again.jsonl").read_bytes() == (tmp_path / "contrast.jsonl").read_bytes()  # seeded


def test_eval_articles_pairs_modes_and_models_per_quote(tmp_path, smoke_model_dir):
    script = [sys.executable, str(ROOT / "scripts" / "eval_articles.py"), "--model", str(smoke_model_dir)]
    first = subprocess.run([*script, "--output", str(tmp_path / "first")], capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr[-3000:]
    report = json.loads((tmp_path / "first.json").read_text())
    dev = report["groups"]["dev"]["articles"]
    columns = ["gold quotes", "article/auto", "article/quote", "article/sentence"]
    for article in dev:
        assert all(len(article["hits"][c]) == article["gold"] and sum(article["hits"][c]) == article[c] for c in columns)
    table = (tmp_path / "first.md").read_text()
    assert 0.0 <= report["dev_ece"] <= 1.0 and f"ECE {report['dev_ece']:.3f}" in table
    totals = report["groups"]["dev"]["correct"]
    confusion = np.array(report["dev_confusion"])  # found quotes under the default mode; its diagonal is that column
    assert confusion.shape == (3, 3) and np.trace(confusion) == totals[f"article/{DEFAULT_CONTEXT}"]
    assert confusion.sum() == sum(len(a.get("calibration_pairs", [])) for a in dev)
    for group, summary in report["groups"].items():  # the found quotes' scores beside always the commonest label
        labels = [label for a in summary["articles"] for _, label in a.get("calibration_pairs", [])]
        found = summary["found"]
        assert found["n"] == len(labels) and np.array(found["confusion"]).sum() == len(labels)
        commonest = found["always_commonest"]
        assert commonest["accuracy"] == pytest.approx(max(labels.count(k) for k in set(labels)) / len(labels))
        assert (f"| {group} | {len(labels)} | {found['accuracy']:.3f} | {found['macro_f1']:.3f} | {found['ece']:.3f} | "
                f"{found['mean_confidence']:.3f} | {commonest['label']} |") in table
    pooled = {c: totals[c] + report["groups"]["realdev"]["correct"][c] for c in totals}
    for mode in (m for m in CONTEXT_MODES if m != DEFAULT_CONTEXT):  # only default - only mode = totals' difference
        blocks = table.split(f"- {DEFAULT_CONTEXT} vs {mode}: ")[1:]  # dev, realdev, dev + realdev
        assert len(blocks) == 3
        for block, counts in ((blocks[0], totals), (blocks[2], pooled)):
            only_default, only_mode = (int(n) for n in block.split("\n")[0].split(" vs "))
            assert only_default - only_mode == counts[f"article/{DEFAULT_CONTEXT}"] - counts[f"article/{mode}"]
    labels_by_speaker: dict = {"dev": {}, **{name: {} for name in MEASURED_ONLY}}  # group -> (article, speaker) -> labels
    for path in (ROOT / "tests" / "articles").rglob("*.gold.jsonl"):
        group = next((name for name in MEASURED_ONLY if name in path.parts), "dev")  # measured only, never chosen on
        for g in (json.loads(line) for line in path.read_text().splitlines() if line.strip()):
            if g.get("label") and g.get("speaker"):
                labels_by_speaker[group].setdefault((path, g["speaker"]), set()).add(g["label"])
    for group, labels in labels_by_speaker.items():
        speakers = report["groups"][group]["speakers"]
        assert labels and speakers["speakers"] == len(labels)
        assert speakers["unanimous"] == sum(len(quoted) == 1 for quoted in labels.values())
        assert all(speakers[f"{rule} (unanimous)"] <= speakers[rule] <= speakers["speakers"] for rule in SPEAKER_RULES)
    second = subprocess.run([*script, "--output", str(tmp_path / "second"), "--paired-with", str(tmp_path / "first.json"),
                             "--groups", "seed"], capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr[-3000:]
    assert list(json.loads((tmp_path / "second.json").read_text())["groups"]) == ["dev", "seed", "realdev"]
    paired = (tmp_path / "second.md").read_text().split("Paired on realdev with")[1]  # the same model, deterministic
    assert "- article/sentence: 0 vs 0" in paired and "- gold quotes: 0 vs 0" in paired


def test_reproducing_command_keeps_positionals_and_changed_options(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from _command import reproducing_command

    parser = argparse.ArgumentParser(prog="interpolate_adapters.py")
    parser.add_argument("first")
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--output")
    parser.add_argument("--int8", action="store_true")
    args = parser.parse_args(["one", "two", "three", "--output", "out", "--int8"])
    assert reproducing_command(parser, args) == "python scripts/interpolate_adapters.py one two three --output out --int8"
    args = parser.parse_args(["one", "--alpha", "0.5"])
    assert reproducing_command(parser, args) == "python scripts/interpolate_adapters.py one --alpha 0.5"


def run_study(script: str, model: Path, output: Path, *options: str) -> tuple[dict, dict]:
    """Run a dev study script on ``model``: its JSON report, and the model's training summary."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--model", str(model), *options,
                             "--output", str(output)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(output.with_suffix(".json").read_text()), json.loads((model / "train_summary.json").read_text())


def test_debias_study_alpha_zero_is_the_model(tmp_path, smoke_model_dir):
    report, summary = run_study("debias_study.py", smoke_model_dir, tmp_path / "debias", "--alphas", "0", "0.5")
    plain, debiased = report["rows"]
    assert report["dev_rows"] == summary["dev_uncalibrated"]["n"]
    assert plain["corpora dev macro-F1"] == pytest.approx(summary["dev_uncalibrated"]["macro_f1"], abs=1e-6)
    dev_quotes = sum(bool(json.loads(line).get("label")) for path in (ROOT / "tests" / "articles").rglob("*.gold.jsonl")
                     if not set(MEASURED_ONLY) & set(path.parts) for line in path.read_text().splitlines() if line.strip())
    assert plain["dev articles"].endswith(f"/{dev_quotes}") and plain["seed (measured only)"].endswith("/7")
    assert 0.0 <= debiased["corpora dev macro-F1"] <= 1.0


def test_max_length_study_shortest_length_is_the_model(tmp_path, smoke_model_dir):
    report, summary = run_study("max_length_study.py", smoke_model_dir, tmp_path / "lengths", "--lengths", "192", "128")
    shortest, longer = report["rows"]
    assert [shortest["max_length"], longer["max_length"]] == [128, 192]
    assert report["dev_rows"] == summary["dev_uncalibrated"]["n"]  # the model's own dev split, rebuilt
    assert shortest["corpora dev"]["macro_f1"] == pytest.approx(summary["dev_uncalibrated"]["macro_f1"], abs=1e-6)
    assert report["dev_article_inputs_over_128"] == 0
    assert longer["VAST validation"]["long_pairs"] == shortest["VAST validation"]["long_pairs"] > 0



def test_target_phrasing_study_states_a_claim_as_the_claim(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from target_phrasing_study import as_claim, rewritten_gold

    assert as_claim("the claim that a nun gave birth in a convent") == "A nun gave birth in a convent"
    assert as_claim("The rumour that Apple will sell a $5,000 watch") == "Apple will sell a $5,000 watch"
    assert as_claim("Apple's plan to sell a gold watch") is None
    gold = tmp_path / "article.gold.jsonl"
    quote = {"quote": "It happened,", "start": 1, "end": 13, "speaker": None, "label": "support"}
    gold.write_text(json.dumps(quote | {"target": "the report that the bridge closed"}) + "\n")
    (tmp_path / "claims").mkdir()
    copy = rewritten_gold(gold, tmp_path / "claims")
    assert json.loads(copy.read_text()) == quote | {"target": "The bridge closed"}
    gold.write_text(json.dumps(quote | {"target": "the bridge's closure"}) + "\n")
    assert rewritten_gold(gold, tmp_path / "claims") is None


def test_fit_quote_calibration_fits_on_dev_quotes_stores_it_and_keeps_labels(tmp_path, smoke_model_dir):
    model = tmp_path / "model"
    shutil.copytree(smoke_model_dir, model)
    script = [sys.executable, str(ROOT / "scripts" / "fit_quote_calibration.py"), "--model", str(model),
              "--write", "--output", str(tmp_path / "qc")]
    run = subprocess.run(script, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads((tmp_path / "qc.json").read_text())
    assert report["quotes"] > 150 and report["articles"] > 40  # the dev articles and realdev
    stored = json.loads((model / "config.json").read_text())["stancekit_calibration"]
    assert stored["quote_temperature"] == pytest.approx(report["quote_temperature"])
    summary = json.loads((model / "train_summary.json").read_text())
    assert summary["calibration"] == stored and summary["quote_calibration"].startswith("python scripts/fit_quote")
    shipped, fitted = report["rows"]["shipped calibration"], report["rows"][next(
        name for name in report["rows"] if name.endswith("(in-sample)"))]
    assert fitted["log_loss"] <= shipped["log_loss"] and fitted["accuracy"] == shipped["accuracy"]


def test_eval_articles_paired_with_a_file_without_realdev_is_a_one_line_error(tmp_path):
    older = tmp_path / "older.json"
    older.write_text(json.dumps({"model": "x", "groups": {"dev": {"articles": [{"article": "a.txt", "gold": 1, "hits": {}}]}}}))
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_articles.py"), "--paired-with", str(older),
                             "--output", str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2 and "older.json: not an articles_eval.json ('realdev')" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out.json").exists()


def test_write_results_makes_the_output_folder(monkeypatch, tmp_path, capsys):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from _command import write_results

    output = tmp_path / "new" / "folder" / "report"
    write_results(str(output), {"command": "python scripts/x.py", "score": 0.5}, ["| a |"])
    assert json.loads(output.with_suffix(".json").read_text())["score"] == 0.5
    assert output.with_suffix(".md").read_text() == "| a |\n\nCommand: `python scripts/x.py`\n"
    assert "| a |" in capsys.readouterr().out


def test_export_finds_the_stages_behind_a_run_that_continued_the_packaged_default(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    from export_default import stages

    first = {"config": {"seed": 1}, "train_rows": 10}
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "train_summary.json").write_text(json.dumps(first))
    second = {"config": {"seed": 2, "init_adapter": str(tmp_path / "one" / "adapter")}, "train_rows": 20}
    packaged = tmp_path / "packaged"
    packaged.mkdir()
    (packaged / "train_summary.json").write_text(json.dumps(second))
    third = {"config": {"seed": 3, "init_adapter": "default"}, "train_rows": 30}
    assert [s["train_rows"] for s in stages(third, packaged)] == [10, 20, 30]
    # once exported, the summary carries its earlier stages, and re-exporting the same run finds them
    (packaged / "train_summary.json").write_text(json.dumps(third | {"earlier_stages": [first, second]}))
    assert [s["train_rows"] for s in stages(third, packaged)] == [10, 20, 30]
    with pytest.raises(SystemExit, match="not found"):
        stages({"config": {"init_adapter": str(tmp_path / "missing" / "adapter")}}, packaged)
