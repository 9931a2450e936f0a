namespace MlNetNeural.Core.Activations;

/// <summary>The logistic function that turns a binary logit into a probability.</summary>
public static class Sigmoid
{
    /// <summary>1 / (1 + e^−z), written so that no z overflows.</summary>
    /// <param name="z">A logit.</param>
    public static float Of(float z) => z >= 0 ? 1f / (1f + MathF.Exp(-z)) : MathF.Exp(z) / (1f + MathF.Exp(z));

    /// <summary>The largest probability <see cref="Probability"/> gives: the float just below 1, 1 − 2^−24.</summary>
    public const float LargestProbability = 1f - 1f / (1 << 24);

    /// <summary>
    /// <see cref="Of"/> as a probability a model reports: strictly between 0 and 1. A finite logit never means certainty, but
    /// in single precision every logit above about 16.6 rounds to exactly 1 (and below about −103 to 0), which would turn one
    /// wrong row's log-loss infinite; those are kept at <see cref="LargestProbability"/> and at the smallest positive float.
    /// </summary>
    /// <param name="z">A logit.</param>
    public static float Probability(float z) => Math.Clamp(Of(z), float.Epsilon, LargestProbability);
}
