using Microsoft.ML;

namespace CreditScoring;

/// <summary>ML.NET's binary metrics on scored rows.</summary>
public static class Metrics
{
    /// <summary>ML.NET's area under the ROC curve of the rows' scores.</summary>
    public static double Auc(MLContext ml, IReadOnlyList<ScoredRow> rows) =>
        ml.BinaryClassification.EvaluateNonCalibrated(ml.Data.LoadFromEnumerable(rows)).AreaUnderRocCurve;
}
