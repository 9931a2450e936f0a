using System.Numerics.Tensors;

namespace MlNetNeural.Core.Activations;

/// <summary>The softmax that turns logits into probabilities, shifted by the maximum so that no logit overflows.</summary>
public static class Softmax
{
    /// <summary>Writes softmax(<paramref name="logits"/>) into <paramref name="probabilities"/> (the spans may be the same memory).</summary>
    /// <param name="logits">Raw scores.</param>
    /// <param name="probabilities">Destination, same length; sums to 1.</param>
    public static void Compute(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        TensorPrimitives.Divide(probabilities, TensorPrimitives.Sum<float>(probabilities), probabilities);
    }
}
