namespace MlNetNeural.Reports;

/// <summary>How much one feature matters: the drop of a quality metric when the feature's values are shuffled.</summary>
/// <param name="FeatureName">Feature (slot) name.</param>
/// <param name="MetricDecrease">Mean drop of the metric over the permutations; larger means more important,
/// negative means shuffling the feature made the model slightly better (noise).</param>
/// <param name="StandardDeviation">Standard deviation of the drop over the permutations (0 with one permutation).</param>
public sealed record FeatureImportance(string FeatureName, double MetricDecrease, double StandardDeviation);
