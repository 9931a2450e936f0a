using MlNetNeural.Reports.Explanations;

namespace MlNetNeural.Reports;

/// <summary>Optional settings of an <see cref="EvaluationReport"/>. The defaults match ML.NET's output column names.</summary>
public sealed class ReportOptions
{
    /// <summary>Score column (binary: raw score, multiclass: score vector, regression: prediction). Default "Score".</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>
    /// Binary only: calibrated probability column. Default "Probability". Set to <c>null</c> for a
    /// non-calibrated model: the report then uses ML.NET's non-calibrated evaluator and omits log-loss and the calibration plot.
    /// </summary>
    public string? ProbabilityColumnName { get; init; } = "Probability";

    /// <summary>Classification only: predicted-label column. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";

    /// <summary>Binary only: how the positive class (label true / &gt; 0) is called in tables and plots, e.g. "Malignant".</summary>
    public string PositiveClassName { get; init; } = "Positive";

    /// <summary>Binary only: how the negative class is called in tables and plots, e.g. "Benign".</summary>
    public string NegativeClassName { get; init; } = "Negative";

    /// <summary>Regression only: how the label is called on chart axes, e.g. "daily max ozone". Default: the label column name.</summary>
    public string? LabelDisplayName { get; init; }

    /// <summary>Permutation feature importance to plot, or <c>null</c> to omit the plot.</summary>
    public PermutationImportance? FeatureImportance { get; init; }

    /// <summary>How many of the most important features the importance chart shows. Default 15.</summary>
    public int TopFeatureCount { get; init; } = 15;

    /// <summary>Binary only: number of bins of the calibration curve. Default 10.</summary>
    public int CalibrationBinCount { get; init; } = 10;

    /// <summary>
    /// Binary only: how the calibration curve bins rows. Default <see cref="Reports.CalibrationBinning.Quantile"/>: bins
    /// of equal row counts, so no marker rests on a handful of rows (equal-width bins on a small test set zig-zag).
    /// </summary>
    public CalibrationBinning CalibrationBinning { get; init; } = CalibrationBinning.Quantile;

    /// <summary>
    /// Binary only: how the decisions of the confusion matrix (and of accuracy, precision, recall, F1) were made, in words,
    /// e.g. "P(malignant) ≥ each fold's threshold (0.05–0.31)". Shown on the confusion-matrix chart and table and beside
    /// the operating point marked on the ROC and precision-recall curves. ML.NET's evaluator counts a row as positive
    /// when its Score is above 0 and does not read PredictedLabel, so decisions at another threshold need a score
    /// shifted to change sign there (see docs/reports.md). Default <c>null</c>: ML.NET's rule, "Score > 0".
    /// </summary>
    public string? DecisionRule { get; init; }

    /// <summary>Binary only: a second probability series for the calibration plot, e.g. the model before calibration.</summary>
    public CalibrationComparison? CalibrationComparison { get; init; }

    /// <summary>Name of the evaluated model's series in the calibration plot when a comparison is shown. Default "Model".</summary>
    public string CalibrationSeriesName { get; init; } = "Model";

    /// <summary>
    /// Decisions explained one by one (reasons and an optional chart each), shown in a section of their own after the
    /// charts, e.g. the declined applicants of a credit model. Default none.
    /// </summary>
    public IReadOnlyList<ExplainedCase> ExplainedCases { get; init; } = [];

    /// <summary>Charts made elsewhere (e.g. <see cref="ExplanationPlots.FirstLayerWeights"/>), added after the report's own. Default none.</summary>
    public IReadOnlyList<ReportPlot> AdditionalPlots { get; init; } = [];

    /// <summary>Plot width in pixels (PNG) and SVG user units. Default 720.</summary>
    public int PlotWidth { get; init; } = 720;

    /// <summary>Plot height in pixels (PNG) and SVG user units. Default 480.</summary>
    public int PlotHeight { get; init; } = 480;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ScoreColumnName, nameof(ScoreColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(PredictedLabelColumnName, nameof(PredictedLabelColumnName));
        ArgumentException.ThrowIfNullOrWhiteSpace(PositiveClassName, nameof(PositiveClassName));
        ArgumentException.ThrowIfNullOrWhiteSpace(NegativeClassName, nameof(NegativeClassName));
        ArgumentException.ThrowIfNullOrWhiteSpace(CalibrationSeriesName, nameof(CalibrationSeriesName));
        ArgumentOutOfRangeException.ThrowIfLessThan(TopFeatureCount, 1, nameof(TopFeatureCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationBinCount, 2, nameof(CalibrationBinCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(PlotWidth, 200, nameof(PlotWidth));
        ArgumentOutOfRangeException.ThrowIfLessThan(PlotHeight, 150, nameof(PlotHeight));
        ArgumentNullException.ThrowIfNull(ExplainedCases, nameof(ExplainedCases));
        ArgumentNullException.ThrowIfNull(AdditionalPlots, nameof(AdditionalPlots));
        if (ExplainedCases.Any(c => c is null) || AdditionalPlots.Any(p => p is null))
            throw new ArgumentException("ExplainedCases and AdditionalPlots must not contain null entries.");
    }
}
