namespace MlNetNeural.Reports;

/// <summary>One overall metric as ML.NET's evaluator computed it.</summary>
/// <param name="Key">Stable machine-readable key, e.g. "auc" (also the HTML <c>data-metric</c> attribute).</param>
/// <param name="DisplayName">Name shown to a reader, e.g. "AUC (ROC)".</param>
/// <param name="Value">The value, unrounded.</param>
/// <param name="Description">One-line explanation for a reviewer.</param>
public sealed record ReportMetric(string Key, string DisplayName, double Value, string Description);

/// <summary>Precision and recall of one class, from ML.NET's confusion matrix.</summary>
/// <param name="ClassName">Class name.</param>
/// <param name="Precision">Of the rows predicted as this class, the share that truly are.</param>
/// <param name="Recall">Of the rows truly of this class, the share predicted as it.</param>
/// <param name="Support">Rows truly of this class in the evaluated data.</param>
public sealed record ClassMetrics(string ClassName, double Precision, double Recall, double Support);

/// <summary>Confusion matrix counts: rows are actual classes, columns predicted classes.</summary>
/// <param name="ClassNames">Class names, in row (and column) order.</param>
/// <param name="Counts">Counts[actual][predicted].</param>
public sealed record ConfusionMatrixCounts(IReadOnlyList<string> ClassNames, IReadOnlyList<IReadOnlyList<double>> Counts);
