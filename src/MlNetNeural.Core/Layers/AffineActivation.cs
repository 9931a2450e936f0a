using System.Numerics.Tensors;
using MlNetNeural.Core.Activations;

namespace MlNetNeural.Core.Layers;

/// <summary>
/// The steps every fully connected layer kind shares around its matrix product z = x·Wᵀ: adding the bias and applying
/// the activation going forward, and turning dLoss/dOutput into dLoss/dz and the bias gradient going back.
/// </summary>
internal static class AffineActivation
{
    /// <summary>output = f(z + b) row by row; z is the pre-activation buffer (kept for the backward pass when the activation needs it) or the output itself.</summary>
    public static void AddBiasAndActivate(AffineBuffers buffers, ReadOnlySpan<float> bias, Activation activation, int batch)
    {
        int n = bias.Length;
        Span<float> output = buffers.Output.AsSpan(0, batch * n);
        Span<float> affine = buffers.Affine(batch * n);
        for (int row = 0; row < batch; row++)
        {
            Span<float> z = affine.Slice(row * n, n);
            TensorPrimitives.Add(z, bias, z);
            activation.Apply(z, output.Slice(row * n, n));
        }
    }

    /// <summary>Turns dLoss/dOutput into dLoss/dz in place and returns it.</summary>
    public static Span<float> Backpropagate(AffineBuffers buffers, Activation activation, Span<float> outputGradient, int batch, int units)
    {
        int count = batch * units;
        Span<float> gradient = outputGradient.Slice(0, count);
        activation.Backpropagate(buffers.PreActivation is { } pre ? pre.AsSpan(0, count) : default, buffers.Output.AsSpan(0, count), gradient);
        return gradient;
    }

    /// <summary>dLoss/db = the sum of dLoss/dz over the batch's rows.</summary>
    public static void BiasGradient(ReadOnlySpan<float> gradient, Span<float> biasGradient, int batch)
    {
        int n = biasGradient.Length;
        biasGradient.Clear();
        for (int row = 0; row < batch; row++) TensorPrimitives.Add(biasGradient, gradient.Slice(row * n, n), biasGradient);
    }
}

/// <summary>Buffers of a fully connected layer: its output and, when the activation's derivative needs it, the pre-activation.</summary>
/// <param name="outputLength">maxBatch × units.</param>
/// <param name="keepPreActivation">Keep z = x·Wᵀ + b apart from the output (GELU).</param>
internal class AffineBuffers(int outputLength, bool keepPreActivation) : LayerBuffers(outputLength)
{
    /// <summary>z = x·Wᵀ + b, or null when the output buffer holds it until the activation overwrites it.</summary>
    public float[]? PreActivation { get; } = keepPreActivation ? new float[outputLength] : null;

    /// <summary>Where the matrix product goes: the pre-activation buffer, or the output.</summary>
    public Span<float> Affine(int count) => (PreActivation ?? Output).AsSpan(0, count);
}
