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
        var rule = options.DecisionRule ?? DefaultDecisionRule;

        var plots = new List<ReportPlot>
        {
            SharedSections.Plot("roc",
                "ROC curve: each point is one decision threshold on the score; it shows the share of positives caught (true positive rate) " +
                "against the share of negatives wrongly flagged (false positive rate). The closer to the top-left corner, the better; " +
                "the dashed diagonal is random guessing. AUC is ML.NET's value. The diamond is the operating point: the rates of the " +
                $"decisions in the confusion matrix ({rule}).",
                RocPlot.Create(roc, metrics.AreaUnderRocCurve, (1 - metrics.NegativeRecall, metrics.PositiveRecall, rule)), options),
            SharedSections.Plot("precision-recall",
                "Precision-recall curve: for each threshold, the share of flagged rows that are truly positive (precision) against the share " +
                "of positives caught (recall). The dashed line is the precision of random guessing (the positive rate). AUPRC is ML.NET's value. " +
                $"The diamond is the operating point: the recall and precision of the decisions in the confusion matrix ({rule}).",
                PrecisionRecallPlot.Create(precisionRecall, metrics.AreaUnderPrecisionRecallCurve, (metrics.PositiveRecall, metrics.PositivePrecision, rule)), options),
        };

        CalibrationCurve? calibration = null;
        if (probability is { } probabilityColumn)
        {
            calibration = CalibrationCurve.Compute(ReadLabeled(data, label, probabilityColumn), options.CalibrationBinCount, options.CalibrationBinning);
            plots.Add(SharedSections.Plot("calibration", CalibrationCaption(options, calibration),
                CalibrationPlot.Create(CalibrationSeries(input, label, calibration)), options));
        }

        plots.Add(SharedSections.Plot("confusion-matrix",
            $"Confusion matrix of the decisions {rule}: rows are actual classes, columns predicted classes. Each cell gives the " +
            "row count and its share of the actual class; the diagonal holds the correct predictions.",
            ConfusionMatrixPlot.Create(confusion, rule), options));
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
            calibration,
            rule);
    }

    /// <summary>ML.NET's binary evaluator counts a row as predicted positive when its score is above 0.</summary>
    private const string DefaultDecisionRule = "Score > 0 (ML.NET's rule; probability > 0.5 when the probability is the sigmoid of the score)";

    private static string CalibrationCaption(ReportOptions options, CalibrationCurve calibration) =>
        (calibration.Binning == CalibrationBinning.Quantile
            ? $"Calibration curve: rows are sorted by predicted probability and cut into {calibration.Bins.Count} bins of (nearly) equal row count " +
              "(quantile bins; rows with the same probability stay together)"
            : $"Calibration curve: rows are grouped into {options.CalibrationBinCount} equal-width bins of predicted probability") +
        "; each marker is one non-empty bin, placed at its mean predicted probability (x) and the share of its rows that are truly positive (y). " +
        "The vertical bars are 95 % Wilson score intervals of that share for the evaluated model: with n rows in a bin, the observed share " +
        "can differ from the true one by chance about that much. Markers whose interval crosses the dashed diagonal are consistent with " +
        "probabilities that can be read at face value; below it the model over-estimates the risk, above it under-estimates it. " +
        "The legend gives the bins' row counts; the lower panel shows where the predicted probabilities lie (rows per 0.05).";

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
        var other = CalibrationCurve.Compute(ReadLabeled(comparison.ScoredData, comparisonLabel, comparisonProbability), options.CalibrationBinCount, options.CalibrationBinning);
        return [(comparison.SeriesName, other), (options.CalibrationSeriesName, model)];
    }

    private static IReadOnlyList<ReportMetric> Metrics(BinaryClassificationMetrics m, CalibratedBinaryClassificationMetrics? calibrated, ReportOptions options)
    {
        var (positive, negative) = (options.PositiveClassName, options.NegativeClassName);
        var metrics = new List<ReportMetric>
        {
            new("accuracy", "Accuracy", m.Accuracy, "Share of rows whose decision (see the confusion matrix) is correct."),
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
