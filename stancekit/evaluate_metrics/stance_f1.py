"""`evaluate` metric for stance: accuracy, macro-F1 and SemEval F_avg (offline, local module).

    >>> import evaluate
    >>> metric = evaluate.load(stancekit.metrics.EVALUATE_METRIC_PATH)
    >>> metric.compute(predictions=[0, 1], references=[0, 2])
"""

import datasets
import evaluate

from stancekit.metrics import classification_report

_DESCRIPTION = "Stance classification metrics over labels support=0, oppose=1, neutral=2."
_CITATION = "Mohammad et al., SemEval-2016 Task 6: Detecting Stance in Tweets, SemEval 2016."


class StanceF1(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=_DESCRIPTION,
            citation=_CITATION,
            features=datasets.Features({"predictions": datasets.Value("int32"),
                                        "references": datasets.Value("int32")}),
        )

    def _compute(self, predictions, references):
        report = classification_report(references, predictions)
        return {key: report[key] for key in ("accuracy", "macro_f1", "f_avg")}
