using Microsoft.ML;
using MlNetNeural.Reports.Building;
using MlNetNeural.Reports.Curves;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Reports.Writing;

namespace MlNetNeural.Reports;

/// <summary>
/// Evaluation of one scored test set: ML.NET's metrics, charts and an optional model card, writable as a
/// self-contained HTML file or a Markdown summary with PNG charts. Works for any ML.NET model: pass the
/// output of <c>model.Transform(testData)</c>.
/// </summary>
/// <example>
/// <code>
/// var scored = model.Transform(testData);
/// var report = EvaluationReport.ForBinary(mlContext, scored, "Label", card);
/// report.WriteHtml("reports/credit.html");
/// report.WriteMarkdown("reports/credit-md");
/// </code>
/// </example>
public sealed class EvaluationReport
{
    internal EvaluationReport(ReportContent content, ModelCard? modelCard, IReadOnlyList<ExplainedCase> explainedCases)
    {
        Kind = content.Kind;
        ModelCard = modelCard;
        Title = modelCard?.Title ?? content.DefaultTitle;
        Metrics = content.Metrics;
        PerClassMetrics = content.PerClassMetrics;
        ConfusionMatrix = content.ConfusionMatrix;
        Plots = content.Plots;
        RocCurve = content.RocCurve;
        PrecisionRecallCurve = content.PrecisionRecallCurve;
        CalibrationCurve = content.CalibrationCurve;
        EvaluatedRowCount = content.EvaluatedRowCount;
        DecisionRule = content.DecisionRule;
        MlNetVersion = modelCard?.MlNetVersion ?? AssemblyVersions.Of(typeof(MLContext).Assembly);
        CreatedAt = DateTimeOffset.UtcNow;
        ExplainedCases = explainedCases;
        var keys = Plots.Concat(explainedCases.Select(c => c.Plot).OfType<ReportPlot>()).GroupBy(plot => plot.Key, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key).ToArray();
        if (keys.Length > 0)
            throw new ArgumentException($"Two charts of the report have the key(s) {string.Join(", ", keys.Select(k => $"'{k}'"))}; keys name the PNG files, so give each chart its own.");
    }

    /// <summary>Which task was evaluated.</summary>
    public ReportKind Kind { get; }

    /// <summary>Report title: the model card's title, or a default naming the task.</summary>
    public string Title { get; }

    /// <summary>The model card given when the report was made, or <c>null</c>.</summary>
    public ModelCard? ModelCard { get; }

    /// <summary>Overall metrics, exactly as ML.NET's evaluator returned them.</summary>
    public IReadOnlyList<ReportMetric> Metrics { get; }

    /// <summary>Classification: precision/recall per class from ML.NET's confusion matrix; empty for regression.</summary>
    public IReadOnlyList<ClassMetrics> PerClassMetrics { get; }

    /// <summary>Classification: ML.NET's confusion matrix counts; <c>null</c> for regression.</summary>
    public ConfusionMatrixCounts? ConfusionMatrix { get; }

    /// <summary>Charts in display order.</summary>
    public IReadOnlyList<ReportPlot> Plots { get; }

    /// <summary>Binary: ROC curve computed from the score column; <c>null</c> otherwise.</summary>
    public RocCurve? RocCurve { get; }

    /// <summary>Binary: precision-recall curve computed from the score column; <c>null</c> otherwise.</summary>
    public PrecisionRecallCurve? PrecisionRecallCurve { get; }

    /// <summary>Binary with a probability column: reliability curve of the evaluated model; <c>null</c> otherwise.</summary>
    public CalibrationCurve? CalibrationCurve { get; }

    /// <summary>Classification: how the predicted classes of the confusion matrix were decided, in words; <c>null</c> for regression.</summary>
    public string? DecisionRule { get; }

    /// <summary>Rows read for the charts (rows with a missing label or score are skipped, as ML.NET's evaluators do).</summary>
    public int EvaluatedRowCount { get; }

    /// <summary>The decisions explained one by one (<see cref="ReportOptions.ExplainedCases"/>), shown after the charts.</summary>
    public IReadOnlyList<ExplainedCase> ExplainedCases { get; }

    /// <summary>ML.NET version shown in the report.</summary>
    public string MlNetVersion { get; }

    /// <summary>When the report was made (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Evaluates a binary classifier's scored data with ML.NET's binary evaluator and builds ROC, PR, calibration and confusion-matrix charts.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="scoredData">Output of <c>model.Transform(testData)</c>: label, Score, Probability (unless disabled in options) and PredictedLabel.</param>
    /// <param name="labelColumnName">Label column: Boolean, or Single/Double where &gt; 0 means positive.</param>
    /// <param name="modelCard">How the model was made, or <c>null</c>.</param>
    /// <param name="options">Column names, class names, chart settings, feature importance; <c>null</c> for defaults.</param>
    /// <exception cref="ArgumentException">A needed column is missing (the message names it) or has an unusable type.</exception>
    public static EvaluationReport ForBinary(MLContext mlContext, IDataView scoredData, string labelColumnName = "Label", ModelCard? modelCard = null, ReportOptions? options = null)
        => Build(mlContext, scoredData, labelColumnName, modelCard, options, BinaryReportBuilder.Build);

    /// <summary>Evaluates a multiclass classifier's scored data with ML.NET's multiclass evaluator and builds a confusion-matrix chart.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="scoredData">Output of <c>model.Transform(testData)</c>: key-typed label, Score vector and PredictedLabel.</param>
    /// <param name="labelColumnName">Key-typed label column (its key values name the classes).</param>
    /// <param name="modelCard">How the model was made, or <c>null</c>.</param>
    /// <param name="options">Column names, chart settings, feature importance; <c>null</c> for defaults.</param>
    /// <exception cref="ArgumentException">A needed column is missing (the message names it).</exception>
    public static EvaluationReport ForMulticlass(MLContext mlContext, IDataView scoredData, string labelColumnName = "Label", ModelCard? modelCard = null, ReportOptions? options = null)
        => Build(mlContext, scoredData, labelColumnName, modelCard, options, MulticlassReportBuilder.Build);

    /// <summary>Evaluates a regression model's scored data with ML.NET's regression evaluator and builds a predicted-vs-actual chart.</summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="scoredData">Output of <c>model.Transform(testData)</c>: Single label and Score.</param>
    /// <param name="labelColumnName">Label column (Single).</param>
    /// <param name="modelCard">How the model was made, or <c>null</c>.</param>
    /// <param name="options">Column names, chart settings, feature importance; <c>null</c> for defaults.</param>
    /// <exception cref="ArgumentException">A needed column is missing (the message names it).</exception>
    public static EvaluationReport ForRegression(MLContext mlContext, IDataView scoredData, string labelColumnName = "Label", ModelCard? modelCard = null, ReportOptions? options = null)
        => Build(mlContext, scoredData, labelColumnName, modelCard, options, RegressionReportBuilder.Build);

    /// <summary>Writes one self-contained HTML file (charts inlined as SVG, no external resources). Creates the directory; replaces the file atomically.</summary>
    /// <param name="path">Target file, e.g. "reports/model.html".</param>
    public void WriteHtml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ReportFiles.WriteText(path, HtmlReportWriter.Render(this));
    }

    /// <summary>
    /// Writes a Markdown summary and one PNG per chart (named after <see cref="ReportPlot.Key"/>) into
    /// <paramref name="directory"/>. Creates the directory; replaces each file atomically.
    /// </summary>
    /// <param name="directory">Target directory.</param>
    /// <param name="fileName">Markdown file name. Default "report.md".</param>
    /// <returns>Full path of the Markdown file.</returns>
    public string WriteMarkdown(string directory, string fileName = "report.md")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        foreach (var plot in Plots.Concat(ExplainedCases.Select(c => c.Plot).OfType<ReportPlot>()))
            ReportFiles.WriteBytes(Path.Combine(directory, MarkdownReportWriter.ImageFileName(plot)), plot.ToPng());
        var markdownPath = Path.GetFullPath(Path.Combine(directory, fileName));
        ReportFiles.WriteText(markdownPath, MarkdownReportWriter.Render(this));
        return markdownPath;
    }

    private static EvaluationReport Build(
        MLContext mlContext, IDataView scoredData, string labelColumnName, ModelCard? modelCard, ReportOptions? options,
        Func<ReportInput, ReportContent> builder)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(scoredData);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);
        options ??= new ReportOptions();
        options.Validate();
        foreach (var table in modelCard?.Tables ?? [])
            (table ?? throw new ArgumentException("ModelCard.Tables must not contain null entries.", nameof(modelCard))).Validate();
        var content = builder(new ReportInput(mlContext, scoredData, labelColumnName, modelCard, options));
        return new EvaluationReport(content, modelCard, options.ExplainedCases);
    }
}
