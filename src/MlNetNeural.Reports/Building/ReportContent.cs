using MlNetNeural.Reports.Curves;

namespace MlNetNeural.Reports.Building;

/// <summary>What a report builder produces; <see cref="EvaluationReport"/> wraps it.</summary>
internal sealed record ReportContent(
    ReportKind Kind,
    string DefaultTitle,
    IReadOnlyList<ReportMetric> Metrics,
    IReadOnlyList<ClassMetrics> PerClassMetrics,
    ConfusionMatrixCounts? ConfusionMatrix,
    IReadOnlyList<ReportPlot> Plots,
    int EvaluatedRowCount,
    RocCurve? RocCurve = null,
    PrecisionRecallCurve? PrecisionRecallCurve = null,
    CalibrationCurve? CalibrationCurve = null,
    string? DecisionRule = null);
