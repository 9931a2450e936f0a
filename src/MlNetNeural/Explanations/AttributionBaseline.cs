namespace MlNetNeural.Explanations;

/// <summary>
/// The reference row contributions are measured from: a row's contributions explain how its output differs from the
/// output at the baseline. The numeric values are stored in model files: never renumber them.
/// </summary>
public enum AttributionBaseline
{
    /// <summary>
    /// The mean of every feature over the data the estimator is fitted on (usually the training data): "compared with an
    /// average case". Stored in the transformer, so a loaded model uses the same baseline.
    /// </summary>
    TrainingMean = 0,

    /// <summary>
    /// All features 0. After <c>NormalizeMeanVariance(fixZero: false)</c> that is the training mean again; on raw features it
    /// is often no meaningful case (an age of 0, an income of 0), so prefer <see cref="TrainingMean"/> there.
    /// </summary>
    Zeros = 1,

    /// <summary>A row you give (<see cref="MlpFeatureContributionOptions.BaselineRow"/>), e.g. a typical approved applicant or a healthy patient.</summary>
    GivenRow = 2,
}
