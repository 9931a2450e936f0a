using Microsoft.ML.Data;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Building;

/// <summary>Report parts every task has: confusion-matrix derived tables and the optional charts.</summary>
internal static class SharedSections
{
    /// <summary>ML.NET's confusion matrix with class names, and its per-class precision/recall.</summary>
    public static (ConfusionMatrixCounts Counts, IReadOnlyList<ClassMetrics> PerClass) FromConfusionMatrix(ConfusionMatrix matrix, IReadOnlyList<string> classNames)
    {
        var counts = new ConfusionMatrixCounts(classNames, matrix.Counts);
        var perClass = classNames
            .Select((name, i) => new ClassMetrics(name, matrix.PerClassPrecision[i], matrix.PerClassRecall[i], matrix.Counts[i].Sum()))
            .ToArray();
        return (counts, perClass);
    }

    /// <summary>Feature-importance and training-history charts, when their inputs are present, then the caller's additional charts.</summary>
    public static IEnumerable<ReportPlot> OptionalPlots(ReportInput input)
    {
        var options = input.Options;
        if (options.FeatureImportance is { } importance)
        {
            var shown = FeatureImportancePlot.Top(importance, options.TopFeatureCount);
            yield return new ReportPlot(
                "feature-importance",
                $"Permutation feature importance: how much {importance.MetricName} drops when one feature's values are shuffled " +
                "across the rows (breaking its link to the label). Longer bars = the model relies more on that feature; " +
                "whiskers show ±1 standard deviation over the permutations; bars near or below zero mean the feature adds nothing measurable.",
                FeatureImportancePlot.Create(importance, shown),
                options.PlotWidth,
                FeatureImportancePlot.HeightFor(shown.Count, options.PlotHeight));
        }

        if (input.ModelCard?.History is { } history)
        {
            yield return Plot(
                "training-loss",
                (history.ValidationLoss is null
                    ? "Loss per epoch on the training data (no validation data was used, so there is no early-stopping choice to mark)."
                    : "Loss per epoch on the training and the validation data. Validation loss rising while training loss " +
                      "keeps falling indicates over-fitting; the dotted line marks the epoch whose weights were kept.") +
                (history.LossDescription is { } lossDescription ? " " + lossDescription : ""),
                TrainingCurvePlots.Loss(history), options);
            if (history.ValidationMetric is { } metric && history.ValidationMetricName is { } metricName)
                yield return Plot(
                    "validation-metric",
                    $"Validation {metricName} after each epoch; the dotted line marks the epoch whose weights were kept.",
                    TrainingCurvePlots.ValidationMetric(history, metric, metricName), options);
        }

        foreach (var plot in options.AdditionalPlots)
            yield return plot;
    }

    public static ReportPlot Plot(string key, string caption, OxyPlot.PlotModel model, ReportOptions options)
        => new(key, caption, model, options.PlotWidth, options.PlotHeight);
}
