using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Reports.Curves;
using MlNetNeural.Reports.Data;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Building;

internal static class BinaryReportBuilder
{
    public static ReportContent Build(ReportInput input)
    {
        var (data, labelName, options) = (input.ScoredData, input.LabelColumnName, input.Options);
        var label = ScoredDataSchema.Require(data, labelName, "label", "labelColumnName");
        ScoredDataSchema.RequireType(label, "label", ColumnValues.NumericTypes);
        var score = ScoredDataSchema.Require(data, options.ScoreColumnName, "score", nameof(ReportOptions.ScoreColumnName));
        ScoredDataSchema.RequireType(score, "score", typeof(float));
        ScoredDataSchema.Require(data, options.PredictedLabelColumnName, "predicted label", nameof(ReportOptions.PredictedLabelColumnName));
        var probability = options.ProbabilityColumnName is { } probabilityName
            ? ScoredDataSchema.Require(data, probabilityName, "probability", nameof(ReportOptions.ProbabilityColumnName))
            : (DataViewSchema.Column?)null;

        var binary = input.MlContext.BinaryClassification;
        var metrics = probability is null
            ? binary.EvaluateNonCalibrated(data, labelName, options.ScoreColumnName, options.PredictedLabelColumnName)
            : binary.Evaluate(data, labelName, options.ScoreColumnName, options.ProbabilityColumnName, options.PredictedLabelColumnName);

        var scores = ReadLabeled(data, label, score);
        var roc = RocCurve.Compute(scores);
        var precisionRecall = PrecisionRecallCurve.Compute(scores);
        var (confusion, perClass) = SharedSections.FromConfusionMatrix(metrics.ConfusionMatrix, [options.PositiveClassName, options.NegativeClassName]);

        var plots = new List<ReportPlot>
        {
            SharedSections.Plot("roc",
                "ROC curve: each point is one decision threshold on the score; it shows the share of positives caught (true positive rate) " +
                "against the share of negatives wrongly flagged (false positive rate). The closer to the top-left corner, the better; " +
                "the dashed diagonal is random guessing. AUC is ML.NET's value.",
                RocPlot.Create(roc, metrics.AreaUnderRocCurve), options),
            SharedSections.Plot("precision-recall",
                "Precision-recall curve: for each threshold, the share of flagged rows that are truly positive (precision) against the share " +
                "of positives caught (recall). The dashed line is the precision of random guessing (the positive rate). AUPRC is ML.NET's value.",
                PrecisionRecallPlot.Create(precisionRecall, metrics.AreaUnderPrecisionRecallCurve), options),
        };

        CalibrationCurve? calibration = null;
        if (probability is { } probabilityColumn)
        {
            calibration = CalibrationCurve.Compute(ReadLabeled(data, label, probabilityColumn), options.CalibrationBinCount);
            plots.Add(SharedSections.Plot("calibration",
                $"Calibration curve: rows are grouped into {options.CalibrationBinCount} equal-width bins of predicted probability; each marker " +
                "is one non-empty bin, placed at its mean predicted probability (x) and the share of its rows that are truly positive (y). " +
                "Markers on the dashed diagonal mean the probabilities can be read at face value; below it the model over-estimates the risk, " +
                "above it under-estimates it. The lower panel shows how many rows each bin holds: bins with few rows are noisy.",
                CalibrationPlot.Create(CalibrationSeries(input, label, calibration)), options));
        }

        plots.Add(SharedSections.Plot("confusion-matrix",
            "Confusion matrix at the model's decision threshold: rows are actual classes, columns predicted classes. Each cell gives the " +
            "row count and its share of the actual class; the diagonal holds the correct predictions.",
            ConfusionMatrixPlot.Create(confusion), options));
        plots.AddRange(SharedSections.OptionalPlots(input));

        return new ReportContent(
            ReportKind.BinaryClassification,
            "Binary classification evaluation",
            Metrics(metrics, metrics as CalibratedBinaryClassificationMetrics, options),
            perClass,
            confusion,
            plots,
            scores.Labels.Count,
            roc,
            precisionRecall,
            calibration);
    }

    private static LabeledScores ReadLabeled(IDataView data, DataViewSchema.Column label, DataViewSchema.Column value)
    {
        var (labels, values) = ColumnValues.ReadPairs(data, label, value);
        return new LabeledScores(labels.Select(l => l > 0).ToArray(), values);
    }

    private static IReadOnlyList<(string Name, CalibrationCurve Curve)> CalibrationSeries(ReportInput input, DataViewSchema.Column label, CalibrationCurve model)
    {
        var options = input.Options;
        if (options.CalibrationComparison is not { } comparison)
            return [(options.CalibrationSeriesName, model)];
        var comparisonLabel = ScoredDataSchema.Require(comparison.ScoredData, label.Name, "label (calibration comparison)", nameof(ReportOptions.CalibrationComparison));
        var comparisonProbability = ScoredDataSchema.Require(
            comparison.ScoredData, comparison.ProbabilityColumnName, "probability (calibration comparison)", nameof(ReportOptions.CalibrationComparison));
        var other = CalibrationCurve.Compute(ReadLabeled(comparison.ScoredData, comparisonLabel, comparisonProbability), options.CalibrationBinCount);
        return [(comparison.SeriesName, other), (options.CalibrationSeriesName, model)];
    }

    private static IReadOnlyList<ReportMetric> Metrics(BinaryClassificationMetrics m, CalibratedBinaryClassificationMetrics? calibrated, ReportOptions options)
    {
        var (positive, negative) = (options.PositiveClassName, options.NegativeClassName);
        var metrics = new List<ReportMetric>
        {
            new("accuracy", "Accuracy", m.Accuracy, "Share of rows whose predicted label is correct."),
            new("auc", "AUC (ROC)", m.AreaUnderRocCurve, "Probability that a random positive row scores higher than a random negative row (0.5 = chance)."),
            new("auprc", "AUPRC", m.AreaUnderPrecisionRecallCurve, "Area under the precision-recall curve; more telling than AUC when positives are rare."),
            new("f1", "F1 score", m.F1Score, $"Harmonic mean of precision and recall for the positive class ({positive})."),
            new("positive_precision", $"Precision ({positive})", m.PositivePrecision, $"Of the rows predicted {positive}, the share that truly are."),
            new("positive_recall", $"Recall / sensitivity ({positive})", m.PositiveRecall, $"Of the truly {positive} rows, the share predicted {positive}."),
            new("negative_precision", $"Precision ({negative})", m.NegativePrecision, $"Of the rows predicted {negative}, the share that truly are."),
            new("negative_recall", $"Recall / specificity ({negative})", m.NegativeRecall, $"Of the truly {negative} rows, the share predicted {negative}."),
        };
        if (calibrated is not null)
        {
            metrics.Add(new("log_loss", "Log-loss", calibrated.LogLoss, "Mean negative log-probability given to the true class; lower is better, 0 is perfect."));
            metrics.Add(new("log_loss_reduction", "Log-loss reduction", calibrated.LogLossReduction,
                "Improvement of log-loss over always predicting the prior positive rate; 1 is perfect, 0 or less is no better than the prior."));
        }
        return metrics;
    }
}
