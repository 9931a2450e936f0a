using System.Collections.Immutable;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports;

/// <summary>
/// Permutation feature importance for a report, converted from the results of ML.NET's
/// <c>PermutationFeatureImportance</c> (binary: AUC, multiclass: micro-accuracy, regression: R²).
/// </summary>
public sealed class PermutationImportance
{
    /// <summary>Creates importance results from already converted values.</summary>
    /// <param name="metricName">Metric whose decrease is measured, e.g. "AUC".</param>
    /// <param name="features">One entry per feature, in any order.</param>
    public PermutationImportance(string metricName, IEnumerable<FeatureImportance> features)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(metricName);
        ArgumentNullException.ThrowIfNull(features);
        MetricName = metricName;
        Features = features.ToArray();
        if (Features.Count == 0)
            throw new ArgumentException("Permutation importance needs at least one feature.", nameof(features));
    }

    /// <summary>Metric whose decrease is measured.</summary>
    public string MetricName { get; }

    /// <summary>Importance per feature.</summary>
    public IReadOnlyList<FeatureImportance> Features { get; }

    /// <summary>From the array overload of <c>BinaryClassification.PermutationFeatureImportance</c>; uses the AUC statistics.</summary>
    /// <param name="featureNames">Slot names of the feature vector, in slot order (same length as <paramref name="statistics"/>).</param>
    /// <param name="statistics">The per-slot results ML.NET returned.</param>
    public static PermutationImportance FromBinary(IReadOnlyList<string> featureNames, ImmutableArray<BinaryClassificationMetricsStatistics> statistics)
        => FromSlots("AUC", featureNames, statistics.Select(s => s.AreaUnderRocCurve).ToArray());

    /// <summary>From the dictionary that <c>BinaryClassification.PermutationFeatureImportanceNonCalibrated</c> returns; uses the AUC statistics.</summary>
    /// <param name="statistics">Results keyed by feature name, as ML.NET returned them.</param>
    public static PermutationImportance FromBinary(IReadOnlyDictionary<string, BinaryClassificationMetricsStatistics> statistics)
        => FromNamed("AUC", statistics, s => s.AreaUnderRocCurve);

    /// <summary>From the array overload of <c>MulticlassClassification.PermutationFeatureImportance</c>; uses micro-accuracy.</summary>
    /// <param name="featureNames">Slot names of the feature vector, in slot order.</param>
    /// <param name="statistics">The per-slot results ML.NET returned.</param>
    public static PermutationImportance FromMulticlass(IReadOnlyList<string> featureNames, ImmutableArray<MulticlassClassificationMetricsStatistics> statistics)
        => FromSlots("micro-accuracy", featureNames, statistics.Select(s => s.MicroAccuracy).ToArray());

    /// <summary>From the dictionary overload of <c>MulticlassClassification.PermutationFeatureImportance</c>; uses micro-accuracy.</summary>
    /// <param name="statistics">Results keyed by feature name, as ML.NET returned them.</param>
    public static PermutationImportance FromMulticlass(IReadOnlyDictionary<string, MulticlassClassificationMetricsStatistics> statistics)
        => FromNamed("micro-accuracy", statistics, s => s.MicroAccuracy);

    /// <summary>From the array overload of <c>Regression.PermutationFeatureImportance</c>; uses R².</summary>
    /// <param name="featureNames">Slot names of the feature vector, in slot order.</param>
    /// <param name="statistics">The per-slot results ML.NET returned.</param>
    public static PermutationImportance FromRegression(IReadOnlyList<string> featureNames, ImmutableArray<RegressionMetricsStatistics> statistics)
        => FromSlots("R²", featureNames, statistics.Select(s => s.RSquared).ToArray());

    /// <summary>From the dictionary overload of <c>Regression.PermutationFeatureImportance</c>; uses R².</summary>
    /// <param name="statistics">Results keyed by feature name, as ML.NET returned them.</param>
    public static PermutationImportance FromRegression(IReadOnlyDictionary<string, RegressionMetricsStatistics> statistics)
        => FromNamed("R²", statistics, s => s.RSquared);

    // ML.NET reports (metric after shuffling − baseline); every metric used here is higher-is-better,
    // so the importance is the negated mean change.
    private static FeatureImportance ToImportance(string name, MetricStatistics change)
        => new(name, -change.Mean, change.StandardDeviation);

    private static PermutationImportance FromSlots(string metricName, IReadOnlyList<string> featureNames, IReadOnlyList<MetricStatistics> perSlot)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count != perSlot.Count)
            throw new ArgumentException(
                $"{featureNames.Count} feature names were given for {perSlot.Count} permutation-importance results; pass the slot names of the feature vector in slot order.",
                nameof(featureNames));
        return new PermutationImportance(metricName, perSlot.Select((change, slot) => ToImportance(featureNames[slot], change)));
    }

    private static PermutationImportance FromNamed<TStatistics>(
        string metricName, IReadOnlyDictionary<string, TStatistics> statistics, Func<TStatistics, MetricStatistics> select)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new PermutationImportance(metricName, statistics.Select(pair => ToImportance(pair.Key, select(pair.Value))));
    }
}
