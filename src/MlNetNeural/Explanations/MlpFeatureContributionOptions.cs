using MlNetNeural.Core.Attribution;

namespace MlNetNeural.Explanations;

/// <summary>
/// Options of <see cref="MlpFeatureContributionEstimator"/>
/// (<c>mlContext.Transforms.CalculateMlpFeatureContribution(mlpTransformer, options)</c>). The counts and
/// <see cref="Normalize"/> mean what they mean in ML.NET's <c>CalculateFeatureContribution</c>, with the same defaults.
/// </summary>
public sealed class MlpFeatureContributionOptions
{
    /// <summary>The default of each option (the attribution method's own defaults live in <see cref="AttributionSettings.Defaults"/>).</summary>
    public static class Defaults
    {
        /// <summary>10, as ML.NET's <c>CalculateFeatureContribution</c>.</summary>
        public const int NumberOfPositiveContributions = 10;

        /// <summary>10, as ML.NET's <c>CalculateFeatureContribution</c>.</summary>
        public const int NumberOfNegativeContributions = 10;

        /// <summary>True, as ML.NET's <c>CalculateFeatureContribution</c>.</summary>
        public const bool Normalize = true;

        /// <summary>"FeatureContributions", the column ML.NET's <c>CalculateFeatureContribution</c> adds.</summary>
        public const string OutputColumnName = "FeatureContributions";

        /// <summary>The training mean: contributions say how the row differs from an average case.</summary>
        public const AttributionBaseline Baseline = AttributionBaseline.TrainingMean;
    }

    /// <summary>
    /// Options that keep every contribution and do not normalize them: contributions in the units of the explained output
    /// that add up to its change from the baseline, which is what reason codes (<see cref="ReasonCodes"/>) and charts need.
    /// The other options keep their defaults.
    /// </summary>
    public static MlpFeatureContributionOptions AllUnnormalized() => new()
    {
        NumberOfPositiveContributions = int.MaxValue,
        NumberOfNegativeContributions = int.MaxValue,
        Normalize = false,
    };

    /// <summary>
    /// Integrated gradients (default: contributions add up to the output's change from the baseline) or gradient × input
    /// (one backward pass per row, exact only for linear models).
    /// </summary>
    public AttributionMethod Method { get; set; } = AttributionSettings.Defaults.Method;

    /// <summary>
    /// Points on the path from the baseline to the row for integrated gradients, 1 to <see cref="AttributionSettings.MaxIntegrationSteps"/>.
    /// Default <see cref="AttributionSettings.Defaults.IntegrationSteps"/> (128). A row costs this many forward and backward
    /// passes; raise it if the contributions of a row (all kept, not normalized) do not add up closely enough to
    /// <c>Score − BaselineOutputs</c>.
    /// </summary>
    public int IntegrationSteps { get; set; } = AttributionSettings.Defaults.IntegrationSteps;

    /// <summary>Quadrature of integrated gradients. Default Gauss–Legendre.</summary>
    public IntegrationRule IntegrationRule { get; set; } = AttributionSettings.Defaults.Rule;

    /// <summary>The reference row. Default <see cref="AttributionBaseline.TrainingMean"/>, computed when the estimator is fitted.</summary>
    public AttributionBaseline Baseline { get; set; } = Defaults.Baseline;

    /// <summary>The baseline row for <see cref="AttributionBaseline.GivenRow"/>: one finite value per feature slot. Ignored otherwise.</summary>
    public float[]? BaselineRow { get; set; }

    /// <summary>
    /// Multiclass models: the class whose logit is explained, by name (a key value of the label). Default null: each row's
    /// predicted class. Must be null for binary (the logit of the positive class is explained) and regression models.
    /// </summary>
    public string? ExplainedClass { get; set; }

    /// <summary>
    /// How many of the largest positive contributions to keep per row, at least 0; the others become 0. Default 10, as ML.NET.
    /// Use <see cref="int.MaxValue"/> to keep them all.
    /// </summary>
    public int NumberOfPositiveContributions { get; set; } = Defaults.NumberOfPositiveContributions;

    /// <summary>
    /// How many of the most negative contributions to keep per row, at least 0; the others become 0. Default 10, as ML.NET.
    /// Use <see cref="int.MaxValue"/> to keep them all.
    /// </summary>
    public int NumberOfNegativeContributions { get; set; } = Defaults.NumberOfNegativeContributions;

    /// <summary>
    /// Divide each row's kept contributions by their largest absolute value, so they lie in [−1, 1]. Default true, as ML.NET.
    /// Set it to false to keep the contributions in the units of the output (the logit, or the regression target).
    /// </summary>
    public bool Normalize { get; set; } = Defaults.Normalize;

    /// <summary>Name of the added column. Default "FeatureContributions".</summary>
    public string OutputColumnName { get; set; } = Defaults.OutputColumnName;
}
