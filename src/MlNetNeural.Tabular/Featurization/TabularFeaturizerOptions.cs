using Microsoft.ML.Transforms;

namespace MlNetNeural.Tabular;

/// <summary>Settings of <see cref="TabularFeaturizer"/>: the names of the columns it writes and how missing numbers are filled.</summary>
public sealed class TabularFeaturizerOptions
{
    /// <summary>The label column the featurizer writes (default <c>Label</c>): Boolean for binary, a key for multiclass, Single for regression.</summary>
    public string LabelColumnName { get; init; } = "Label";

    /// <summary>
    /// Whether the featurizer ends with the label conversion (<see cref="TabularLabelConversion"/>; default true). Set it to false
    /// for a pipeline that is saved to score data without a label: convert the label separately for training and evaluation.
    /// </summary>
    public bool IncludeLabel { get; init; } = true;

    /// <summary>The default of <see cref="FeatureColumnName"/>: <c>Features</c>, ML.NET's conventional name.</summary>
    public const string DefaultFeatureColumnName = "Features";

    /// <summary>The feature vector the featurizer writes (default <see cref="DefaultFeatureColumnName"/>): numeric values, missing indicators, one-hot and text features, concatenated.</summary>
    public string FeatureColumnName { get; init; } = DefaultFeatureColumnName;

    /// <summary>What replaces a missing number (default <see cref="MissingValueReplacingEstimator.ReplacementMode.Mean"/>, the training rows' mean per column).</summary>
    public MissingValueReplacingEstimator.ReplacementMode MissingReplacement { get; init; } = MissingValueReplacingEstimator.ReplacementMode.Mean;
}
