namespace MlNetNeural.Uncertainty;

/// <summary>Names of the columns <see cref="MonteCarloDropoutTransformer"/> adds.</summary>
public static class MonteCarloDropoutColumns
{
    /// <summary>
    /// Mean class probability over the stochastic passes: a Single (probability of the positive class)
    /// for binary models, a vector with one value per class (slot names = class names) for multiclass models.
    /// </summary>
    public const string ProbabilityMean = "ProbabilityMean";

    /// <summary>
    /// Standard deviation of the class probability over the passes (population form, divided by the
    /// number of passes); same shape as <see cref="ProbabilityMean"/>. Zero when the model has no dropout.
    /// </summary>
    public const string ProbabilityStdDev = "ProbabilityStdDev";

    /// <summary>
    /// Entropy, in nats, of the mean predictive distribution (a Single): 0 for a certain prediction,
    /// ln 2 ≈ 0.693 for a binary 50/50, ln K for a uniform distribution over K classes.
    /// </summary>
    public const string PredictiveEntropy = "PredictiveEntropy";
}
