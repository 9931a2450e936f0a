using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Activations;

/// <summary>
/// The exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)), and its derivative Φ(x) + x·φ(x), a vector at a time. erf is
/// Abramowitz and Stegun's formula 7.1.26 (Handbook of Mathematical Functions, 1964; absolute error at most 1.5e-7,
/// below single-precision resolution near 1), evaluated in single precision with Cephes' single-precision exponential
/// (S. L. Moshier, Cephes Math Library, expf.c: relative error about 1e-7), written for vectors here. A tail
/// shorter than a vector goes through the same vector code in a padded copy, so every value gets the same bits wherever
/// it sits in a span: one row scored alone and the same row in a batch, or a span split between threads at any boundary.
/// </summary>
internal static class GeluKernel
{
    private const float InverseSqrt2 = 0.70710678f, InverseSqrt2Pi = 0.39894228f;
    private const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Derivative(Vector<float> x)
    {
        // exp(−z²) with z = x/√2 is exp(−x²/2), the Gaussian density's shape: erf already computes it.
        var cdf = new Vector<float>(0.5f) * (Vector<float>.One + Erf(x * new Vector<float>(InverseSqrt2), out var gaussian));
        return cdf + x * new Vector<float>(InverseSqrt2Pi) * gaussian;
    }

    /// <summary>erf(z), and exp(−z²) on the side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Erf(Vector<float> z, out Vector<float> expMinusSquare)
    {
        var magnitude = Vector.Abs(z);
        var t = Vector<float>.One / (Vector<float>.One + new Vector<float>(P) * magnitude);
        var poly = ((((new Vector<float>(A5) * t + new Vector<float>(A4)) * t + new Vector<float>(A3)) * t + new Vector<float>(A2)) * t
            + new Vector<float>(A1)) * t;
        expMinusSquare = ExpOfNonPositive(-(magnitude * magnitude));
        var y = Vector<float>.One - poly * expMinusSquare;
        return Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), -y, y);
    }

    /// <summary>
    /// exp(v) for v ≤ 0, by Cephes' expf: v = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by a degree-6 polynomial, times 2ⁿ built
    /// in the exponent bits. Below −87 (e^v under 1.7e-38, where 2ⁿ would leave the normal range) v is raised to −87:
    /// the result, about 1.6e-38, is nothing next to the 1 it is subtracted from or the unit values it scales.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> ExpOfNonPositive(Vector<float> v)
    {
        const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
        v = Vector.Max(v, new Vector<float>(-87f));
        var n = Vector.Floor(v * new Vector<float>(Log2E) + new Vector<float>(0.5f));
        var r = v - n * new Vector<float>(Ln2High) - n * new Vector<float>(Ln2Low);
        var polynomial = (((((new Vector<float>(1.9875691500e-4f) * r + new Vector<float>(1.3981999507e-3f)) * r
            + new Vector<float>(8.3334519073e-3f)) * r + new Vector<float>(4.1665795894e-2f)) * r
            + new Vector<float>(1.6666665459e-1f)) * r + new Vector<float>(5.0000001201e-1f)) * (r * r) + r + Vector<float>.One;
        var twoToTheN = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return polynomial * twoToTheN;
    }
}
