using System.Globalization;
using MedicalImaging.Evaluation;
using MedicalImaging.Tabular;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MedicalImaging.Reporting;

/// <summary>
/// Every test-fold prediction of one model family, pooled over all folds and repeats: each case once per repeat, each
/// time scored by the fold model that did not see it and decided at that fold's threshold (the sample's operating point).
/// </summary>
/// <param name="Rows">One row per (repeat, case): label, probability, decision score at the fold's threshold.</param>
/// <param name="Thresholds">The thresholds of the folds, in fold order.</param>
/// <param name="Repeats">Repetitions of the k-fold partition.</param>
/// <param name="Folds">Test folds in all (folds × repeats).</param>
public sealed record OutOfFoldPredictions(IReadOnlyList<DecisionRow> Rows, IReadOnlyList<float> Thresholds, int Repeats, int Folds)
{
    /// <summary>Pools the folds of <paramref name="family"/> on <paramref name="table"/>.</summary>
    public static OutOfFoldPredictions Of(FamilyResult family, LabeledTable table)
    {
        var rows = family.Folds.SelectMany(fold => fold.TestRows.Select((row, i) =>
            DecisionRow.At(fold.TestProbabilities[i], table.Labels[row], fold.Metrics.Threshold))).ToList();
        return new OutOfFoldPredictions(rows, family.Folds.Select(f => f.Metrics.Threshold).ToArray(),
            family.Folds.Select(f => f.Repeat).Distinct().Count(), family.Folds.Count);
    }

    /// <summary>The rows as ML.NET scored data: Label, Score (decision score), Probability, PredictedLabel.</summary>
    public IDataView ToDataView(MLContext ml) => ml.Data.LoadFromEnumerable(Rows);

    /// <summary>ML.NET's metrics of the pooled decisions: sensitivity is PositiveRecall, specificity NegativeRecall.</summary>
    public CalibratedBinaryClassificationMetrics Evaluate(MLContext ml) => ml.BinaryClassification.Evaluate(ToDataView(ml));

    /// <summary>E.g. "malignant when P(malignant) ≥ the fold's threshold (0.031 to 0.412), chosen on its training part for sensitivity 0.98".</summary>
    public string DecisionRule(LabeledTable table, double targetSensitivity) => string.Create(CultureInfo.InvariantCulture,
        $"{table.PositiveClass} when P({table.PositiveClass}) ≥ the test fold's threshold ({Thresholds.Min():F3} to {Thresholds.Max():F3}), " +
        $"chosen on that fold's training part to reach sensitivity {targetSensitivity} there");

    /// <summary>One line with the pooled numbers, as the console prints them and the report shows them.</summary>
    public string Summary(MLContext ml)
    {
        var metrics = Evaluate(ml);
        return string.Create(CultureInfo.InvariantCulture,
            $"pooled over the {Folds} test folds ({Rows.Count:N0} out-of-fold predictions, each case once per repeat): sensitivity {100 * metrics.PositiveRecall:F1}%, " +
            $"specificity {100 * metrics.NegativeRecall:F1}% at the folds' thresholds ({Thresholds.Min():F3} to {Thresholds.Max():F3})");
    }
}
