using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Activations;

/// <summary>An activation function with its parameter, applied element-wise.</summary>
/// <param name="Kind">Which function.</param>
/// <param name="LeakySlope">Slope for negative inputs; used only by <see cref="ActivationKind.LeakyReLU"/>.</param>
public readonly record struct Activation(ActivationKind Kind, float LeakySlope = Activation.DefaultLeakySlope)
{
    /// <summary>The negative-side slope used when none is given (the value PyTorch and Keras use).</summary>
    public const float DefaultLeakySlope = 0.01f;

    /// <summary>Identity (no non-linearity).</summary>
    public static Activation Identity => new(ActivationKind.Identity);

    /// <summary>Rectified linear unit.</summary>
    public static Activation ReLU => new(ActivationKind.ReLU);

    /// <summary>True when the derivative can be computed from the output alone, so the pre-activation need not be kept.</summary>
    internal bool NeedsPreActivation => Kind is ActivationKind.Gelu;

    /// <summary>Writes f(<paramref name="input"/>) to <paramref name="output"/> (the spans may be the same memory).</summary>
    /// <param name="input">Pre-activation values.</param>
    /// <param name="output">Destination, same length.</param>
    public void Apply(ReadOnlySpan<float> input, Span<float> output)
    {
        switch (Kind)
        {
            case ActivationKind.Identity:
                input.CopyTo(output);
                break;
            case ActivationKind.ReLU:
                TensorPrimitives.Max(input, 0f, output);
                break;
            case ActivationKind.LeakyReLU:
                ScaleWhereNotPositive(input, input, output, LeakySlope);
                break;
            case ActivationKind.Gelu:
                GeluKernel.Forward(input, output);
                break;
            case ActivationKind.Tanh:
                TensorPrimitives.Tanh(input, output);
                break;
            case ActivationKind.Sigmoid:
                TensorPrimitives.Sigmoid(input, output);
                break;
            default:
                throw new InvalidOperationException($"Unknown activation {Kind}.");
        }
    }

    /// <summary>
    /// Writes f(<paramref name="input"/>) to <paramref name="output"/> and, for an activation whose derivative needs the
    /// input (<see cref="NeedsPreActivation"/>: GELU), f′(<paramref name="input"/>) to <paramref name="derivative"/>, which may
    /// be the input's memory; true when it did, false (and <paramref name="derivative"/> untouched) for the others, whose
    /// derivative comes from the output.
    /// </summary>
    internal bool ApplyKeepingDerivative(ReadOnlySpan<float> input, Span<float> output, Span<float> derivative)
    {
        if (!NeedsPreActivation)
        {
            Apply(input, output);
            return false;
        }
        GeluKernel.ForwardWithDerivative(input, output, derivative);
        return true;
    }

    /// <summary>
    /// Multiplies <paramref name="gradient"/> (dLoss/dOutput) in place by f'(x), turning it into dLoss/dInput.
    /// </summary>
    /// <param name="preActivation">The inputs x (needed only for GELU; may be empty otherwise).</param>
    /// <param name="output">The outputs f(x).</param>
    /// <param name="gradient">dLoss/dOutput on entry, dLoss/dInput on return.</param>
    public void Backpropagate(ReadOnlySpan<float> preActivation, ReadOnlySpan<float> output, Span<float> gradient)
    {
        switch (Kind)
        {
            case ActivationKind.Identity:
                break;
            case ActivationKind.ReLU:
                ZeroWhereNotPositive(output, gradient);
                break;
            case ActivationKind.LeakyReLU:
                // For a positive slope the output has the sign of the input.
                ScaleWhereNotPositive(output, gradient, gradient, LeakySlope);
                break;
            case ActivationKind.Gelu:
                GeluKernel.MultiplyByDerivative(preActivation, gradient);
                break;
            case ActivationKind.Tanh:
                MultiplyByDerivative<TanhDerivative>(output, gradient);
                break;
            case ActivationKind.Sigmoid:
                MultiplyByDerivative<SigmoidDerivative>(output, gradient);
                break;
            default:
                throw new InvalidOperationException($"Unknown activation {Kind}.");
        }
    }

    /// <summary>
    /// gradient[i] = 0 where output[i] ≤ 0 (a NaN output keeps its gradient), a vector at a time with no branch per value:
    /// a ReLU layer's units are off for a large share of the values, so a branch per value is mispredicted often.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ZeroWhereNotPositive(ReadOnlySpan<float> output, Span<float> gradient)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var off = Vector.LessThanOrEqual(new Vector<float>(output.Slice(i)), Vector<float>.Zero);
                Vector.ConditionalSelect(off, Vector<float>.Zero, new Vector<float>(gradient.Slice(i))).CopyTo(gradient.Slice(i));
            }
        }
        for (; i < gradient.Length; i++) if (output[i] <= 0f) gradient[i] = 0f;
    }

    /// <summary>
    /// destination[i] = values[i] · slope where sign[i] ≤ 0, else values[i] (a NaN sign keeps its value), a vector at a time
    /// with no branch per value: LeakyReLU's forward pass (sign and values the input) and its derivative (sign the output,
    /// values the gradient; for a positive slope the output has the input's sign). The spans may be the same memory.
    /// </summary>
    private static void ScaleWhereNotPositive(ReadOnlySpan<float> sign, ReadOnlySpan<float> values, Span<float> destination, float slope)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(slope);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values.Slice(i));
                var off = Vector.LessThanOrEqual(new Vector<float>(sign.Slice(i)), Vector<float>.Zero);
                Vector.ConditionalSelect(off, v * scale, v).CopyTo(destination.Slice(i));
            }
        }
        for (; i < values.Length; i++) destination[i] = sign[i] <= 0f ? values[i] * slope : values[i];
    }

    /// <summary>
    /// gradient[i] ·= <typeparamref name="TDerivative"/>(output[i]), a vector at a time; each lane does the scalar tail's
    /// operations in its order, so a value gets the same bits wherever it sits.
    /// </summary>
    private static void MultiplyByDerivative<TDerivative>(ReadOnlySpan<float> output, Span<float> gradient) where TDerivative : IDerivativeOfOutput
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(gradient.Slice(i)) * TDerivative.Of(new Vector<float>(output.Slice(i)))).CopyTo(gradient.Slice(i));
        }
        for (; i < gradient.Length; i++) gradient[i] *= TDerivative.Of(output[i]);
    }

    /// <summary>f′ written in terms of the output y = f(x).</summary>
    private interface IDerivativeOfOutput
    {
        static abstract float Of(float y);

        static abstract Vector<float> Of(Vector<float> y);
    }

    /// <summary>tanh′ = 1 − y².</summary>
    private readonly struct TanhDerivative : IDerivativeOfOutput
    {
        public static float Of(float y) => 1f - y * y;

        public static Vector<float> Of(Vector<float> y) => Vector<float>.One - y * y;
    }

    /// <summary>σ′ = y·(1 − y).</summary>
    private readonly struct SigmoidDerivative : IDerivativeOfOutput
    {
        public static float Of(float y) => y * (1f - y);

        public static Vector<float> Of(Vector<float> y) => y * (Vector<float>.One - y);
    }

    /// <summary>Exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)), with the same bits as a layer's GELU gives for <paramref name="x"/>.</summary>
    /// <param name="x">Input.</param>
    public static float Gelu(float x)
    {
        Span<float> value = [x];
        GeluKernel.Forward(value, value);
        return value[0];
    }
}
