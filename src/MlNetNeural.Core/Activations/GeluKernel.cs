using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Activations;

/// <summary>
/// The exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)), and its derivative Φ(x) + x·φ(x), a vector at a time. erf is
/// Abramowitz and Stegun's formula 7.1.26 (Handbook of Mathematical Functions, 1964; absolute error at most 1.5e-7,
/// below single-precision resolution near 1), evaluated in double precision a vector at a time (the operations of the
/// scalar formula this replaced, in its order, with .NET's vectorized exponential) and rounded to single once. A tail
/// shorter than a vector goes through the same vector code in a padded copy, so every value gets the same bits wherever
/// it sits in a span: one row scored alone and the same row in a batch, or a span split between threads at any boundary.
/// </summary>
internal static class GeluKernel
{
    private const float InverseSqrt2 = 0.70710678f, InverseSqrt2Pi = 0.39894228f;
    private const double P = 0.3275911, A1 = 0.254829592, A2 = -0.284496736, A3 = 1.421413741, A4 = -1.453152027, A5 = 1.061405429;

    /// <summary>output = GELU(input); the spans may be the same memory.</summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output)
    {
        int width = Vector<float>.Count, i = 0;
        for (; i <= input.Length - width; i += width) Gelu(new Vector<float>(input.Slice(i))).CopyTo(output.Slice(i));
        if (i == input.Length) return;
        Span<float> lanes = stackalloc float[width];
        input.Slice(i).CopyTo(lanes);
        Gelu(new Vector<float>(lanes)).CopyTo(lanes);
        lanes.Slice(0, input.Length - i).CopyTo(output.Slice(i));
    }

    /// <summary>
    /// output = GELU(input) and derivative = GELU′(input) in one pass, sharing the erf both need: the values
    /// <see cref="Forward"/> and <see cref="MultiplyByDerivative"/> compute, bit for bit, for about the price of one. Training
    /// keeps the derivative for its backward pass this way. <paramref name="derivative"/> may be the memory of
    /// <paramref name="input"/> (each vector is read before it is overwritten), not that of <paramref name="output"/>.
    /// </summary>
    public static void ForwardWithDerivative(ReadOnlySpan<float> input, Span<float> output, Span<float> derivative)
    {
        int width = Vector<float>.Count, i = 0;
        for (; i <= input.Length - width; i += width)
        {
            var x = new Vector<float>(input.Slice(i));
            Both(x, out var value, out var slope);
            value.CopyTo(output.Slice(i));
            slope.CopyTo(derivative.Slice(i));
        }
        if (i == input.Length) return;
        int tail = input.Length - i;
        Span<float> lanes = stackalloc float[width];
        input.Slice(i).CopyTo(lanes);
        Both(new Vector<float>(lanes), out var tailValue, out var tailSlope);
        tailValue.CopyTo(lanes);
        lanes.Slice(0, tail).CopyTo(output.Slice(i));
        tailSlope.CopyTo(lanes);
        lanes.Slice(0, tail).CopyTo(derivative.Slice(i));
    }

    /// <summary>gradient ⊙= GELU′(preActivation).</summary>
    public static void MultiplyByDerivative(ReadOnlySpan<float> preActivation, Span<float> gradient)
    {
        int width = Vector<float>.Count, i = 0;
        for (; i <= gradient.Length - width; i += width)
            (new Vector<float>(gradient.Slice(i)) * Derivative(new Vector<float>(preActivation.Slice(i)))).CopyTo(gradient.Slice(i));
        if (i == gradient.Length) return;
        Span<float> lanes = stackalloc float[width];
        preActivation.Slice(i, gradient.Length - i).CopyTo(lanes);
        var derivative = Derivative(new Vector<float>(lanes));
        lanes.Clear();
        gradient.Slice(i).CopyTo(lanes);
        (new Vector<float>(lanes) * derivative).CopyTo(lanes);
        lanes.Slice(0, gradient.Length - i).CopyTo(gradient.Slice(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Gelu(Vector<float> x)
    {
        var half = new Vector<float>(0.5f);
        return half * x * (Vector<float>.One + Erf(x * new Vector<float>(InverseSqrt2), out _));
    }

    /// <summary>GELU(x) and GELU′(x) from one erf, each with the operations of <see cref="Gelu"/> and <see cref="Derivative"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Both(Vector<float> x, out Vector<float> value, out Vector<float> derivative)
    {
        var half = new Vector<float>(0.5f);
        var onePlusErf = Vector<float>.One + Erf(x * new Vector<float>(InverseSqrt2), out var gaussian);
        value = half * x * onePlusErf;
        derivative = half * onePlusErf + x * new Vector<float>(InverseSqrt2Pi) * gaussian;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Derivative(Vector<float> x)
    {
        // exp(−z²) with z = x/√2 is exp(−x²/2), the Gaussian density's shape: erf already computes it.
        var cdf = new Vector<float>(0.5f) * (Vector<float>.One + Erf(x * new Vector<float>(InverseSqrt2), out var gaussian));
        return cdf + x * new Vector<float>(InverseSqrt2Pi) * gaussian;
    }

    /// <summary>
    /// erf(z), and exp(−z²) on the side, computed in double precision and rounded to single once at the end, exactly as
    /// the scalar formula of earlier versions did, so that saved GELU models score the same bits as when they were saved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Erf(Vector<float> z, out Vector<float> expMinusSquare)
    {
        Vector.Widen(z, out var low, out var high);
        var lowErf = ErfOfMagnitude(Vector.Abs(low), out var lowExp);
        var highErf = ErfOfMagnitude(Vector.Abs(high), out var highExp);
        expMinusSquare = Vector.Narrow(lowExp, highExp);
        var y = Vector.Narrow(lowErf, highErf);
        return Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -y, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> ErfOfMagnitude(Vector<double> magnitude, out Vector<double> expMinusSquare)
    {
        var t = Vector<double>.One / (Vector<double>.One + new Vector<double>(P) * magnitude);
        var poly = ((((new Vector<double>(A5) * t + new Vector<double>(A4)) * t + new Vector<double>(A3)) * t + new Vector<double>(A2)) * t
            + new Vector<double>(A1)) * t;
        expMinusSquare = Vector.Exp(-(magnitude * magnitude));
        return Vector<double>.One - poly * expMinusSquare;
    }
}
