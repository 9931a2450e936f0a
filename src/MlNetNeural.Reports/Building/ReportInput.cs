using Microsoft.ML;

namespace MlNetNeural.Reports.Building;

/// <summary>Everything a report builder reads.</summary>
internal sealed record ReportInput(MLContext MlContext, IDataView ScoredData, string LabelColumnName, ModelCard? ModelCard, ReportOptions Options);
