namespace MlNetNeural.Core.Activations;

/// <summary>The logistic function that turns a binary logit into a probability.</summary>
public static class Sigmoid
{
    /// <summary>1 / (1 + e^−z), written so that no z overflows.</summary>
    /// <param name="z">A logit.</param>
    public static float Of(float z) => z >= 0 ? 1f / (1f + MathF.Exp(-z)) : MathF.Exp(z) / (1f + MathF.Exp(z));
}
