using Microsoft.ML;

namespace MlNetNeural.Reports;

/// <summary>
/// A second probability series for the binary calibration plot, e.g. the same model's scores before calibration
/// (Platt-scaled) versus after (isotonic). Rows are read with the report's label column.
/// </summary>
/// <param name="SeriesName">Legend entry, e.g. "Before calibration".</param>
/// <param name="ScoredData">Scored data holding the label column and <paramref name="ProbabilityColumnName"/>.</param>
/// <param name="ProbabilityColumnName">Probability column in <paramref name="ScoredData"/>.</param>
public sealed record CalibrationComparison(string SeriesName, IDataView ScoredData, string ProbabilityColumnName = "Probability");
