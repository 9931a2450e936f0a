using MlNetNeural.Core.Attribution;
using MlNetNeural.Models;

namespace MlNetNeural.Explanations;

/// <summary>Everything a fitted <see cref="MlpFeatureContributionTransformer"/> needs besides the model, resolved and checked.</summary>
/// <param name="Attribution">Method, integration steps and rule.</param>
/// <param name="BaselineKind">Where the baseline came from.</param>
/// <param name="Baseline">The baseline row itself.</param>
/// <param name="ExplainedOutput">The network output explained, or <see cref="PredictedOutput"/> for each row's predicted class.</param>
/// <param name="PositiveCount">Largest positive contributions kept per row.</param>
/// <param name="NegativeCount">Most negative contributions kept per row.</param>
/// <param name="Normalize">Scale the kept contributions into [−1, 1].</param>
/// <param name="OutputColumnName">The added column.</param>
internal sealed record ContributionSettings(
    AttributionSettings Attribution,
    AttributionBaseline BaselineKind,
    float[] Baseline,
    int ExplainedOutput,
    int PositiveCount,
    int NegativeCount,
    bool Normalize,
    string OutputColumnName)
{
    /// <summary>The value of <see cref="ExplainedOutput"/> that means "each row's predicted class".</summary>
    public const int PredictedOutput = -1;

    /// <summary>
    /// Checks the settings against the model they explain (the one home of these checks, for options and for model files),
    /// throwing <see cref="ArgumentException"/> that names the option.
    /// </summary>
    public void Check(MlpModelParameters model)
    {
        _ = Attribution.CreateQuadrature();
        if (!Enum.IsDefined(BaselineKind))
            throw new ArgumentOutOfRangeException(nameof(MlpFeatureContributionOptions.Baseline), BaselineKind, "Unknown baseline kind.");
        if (Baseline.Length != model.FeatureCount)
            throw new ArgumentException($"The baseline row has {Baseline.Length} values; the model reads {model.FeatureCount} features.", nameof(MlpFeatureContributionOptions.BaselineRow));
        int slot = Array.FindIndex(Baseline, value => !float.IsFinite(value));
        if (slot >= 0)
            throw new ArgumentException($"Baseline value {slot} is {Baseline[slot]}; a baseline needs finite numbers.", nameof(MlpFeatureContributionOptions.BaselineRow));
        bool explainable = model.Task == MlpTask.MulticlassClassification
            ? ExplainedOutput == PredictedOutput || (ExplainedOutput >= 0 && ExplainedOutput < model.ClassNames.Count)
            : ExplainedOutput == 0;
        if (!explainable)
            throw new ArgumentException($"Output {ExplainedOutput} cannot be explained for a {model.Task} model.", nameof(MlpFeatureContributionOptions.ExplainedClass));
        ArgumentOutOfRangeException.ThrowIfNegative(PositiveCount, nameof(MlpFeatureContributionOptions.NumberOfPositiveContributions));
        ArgumentOutOfRangeException.ThrowIfNegative(NegativeCount, nameof(MlpFeatureContributionOptions.NumberOfNegativeContributions));
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputColumnName, nameof(MlpFeatureContributionOptions.OutputColumnName));
    }
}
