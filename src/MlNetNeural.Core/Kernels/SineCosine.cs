using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// sin and cos of every value of a span in one pass, a vector at a time, after Cephes' sinf and cosf (S. L. Moshier,
/// Cephes Math Library): the angle is reduced to [−π/4, π/4] by a multiple of π/4 taken off in three parts
/// (Cody and Waite), and both functions come from the same reduced angle by two short polynomials, swapped and negated by
/// the octant. Accurate to a few units in the last place up to |x| = 8192; larger magnitudes, infinities and NaN go
/// through <see cref="MathF.Sin"/> and <see cref="MathF.Cos"/>. Each value gets the same bits wherever it sits in the
/// span: a tail shorter than a vector goes through the same vector code in a padded copy.
/// </summary>
internal static class SineCosine
{
    private const float FourOverPi = 1.27323954473516f, LargestReduced = 8192f;
    private const float PiOver4High = 0.78515625f, PiOver4Middle = 2.4187564849853515625e-4f, PiOver4Low = 3.77489497744594108e-8f;

    /// <summary>sines[i] = sin(angles[i]), cosines[i] = cos(angles[i]).</summary>
    public static void Compute(ReadOnlySpan<float> angles, Span<float> sines, Span<float> cosines)
    {
        if (sines.Length < angles.Length || cosines.Length < angles.Length)
            throw new ArgumentException("The destinations must be at least as long as the angles.");
        int width = Vector<float>.Count, i = 0;
        for (; i <= angles.Length - width; i += width)
        {
            Compute(new Vector<float>(angles.Slice(i)), out var sine, out var cosine);
            sine.CopyTo(sines.Slice(i));
            cosine.CopyTo(cosines.Slice(i));
        }
        if (i == angles.Length) return;
        Span<float> lanes = stackalloc float[width], sineLanes = stackalloc float[width];
        angles.Slice(i).CopyTo(lanes);
        Compute(new Vector<float>(lanes), out var tailSine, out var tailCosine);
        tailSine.CopyTo(sineLanes);
        tailCosine.CopyTo(lanes);
        int rest = angles.Length - i;
        sineLanes.Slice(0, rest).CopyTo(sines.Slice(i));
        lanes.Slice(0, rest).CopyTo(cosines.Slice(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compute(Vector<float> angle, out Vector<float> sine, out Vector<float> cosine)
    {
        var x = Vector.Abs(angle);
        // The even multiple of π/4 nearest below or at x·4/π, rounded up to even: octants 2q − 1 and 2q share quadrant q.
        var j = Vector.ConvertToInt32(x * new Vector<float>(FourOverPi));
        j = (j + Vector<int>.One) & new Vector<int>(~1);
        var y = Vector.ConvertToSingle(j);
        var z = ((x - y * new Vector<float>(PiOver4High)) - y * new Vector<float>(PiOver4Middle)) - y * new Vector<float>(PiOver4Low);
        var zz = z * z;
        var sinePolynomial = ((new Vector<float>(-1.9515295891e-4f) * zz + new Vector<float>(8.3321608736e-3f)) * zz
            + new Vector<float>(-1.6666654611e-1f)) * zz * z + z;
        var cosinePolynomial = ((new Vector<float>(2.443315711809948e-5f) * zz + new Vector<float>(-1.388731625493765e-3f)) * zz
            + new Vector<float>(4.166664568298827e-2f)) * zz * zz - new Vector<float>(0.5f) * zz + Vector<float>.One;
        // Quadrant q = j/2 mod 4: odd q swaps the polynomials; sin flips its sign for q = 2, 3 (bit 4 of j) and for a negative
        // angle (sin is odd), cos for q = 1, 2 (bit 4 of j + 2).
        var two = new Vector<int>(2);
        var four = new Vector<int>(4);
        var signBit = new Vector<int>(int.MinValue);
        var swap = Vector.Equals(j & two, two);
        var sineOfReduced = Vector.ConditionalSelect(swap, cosinePolynomial, sinePolynomial);
        var cosineOfReduced = Vector.ConditionalSelect(swap, sinePolynomial, cosinePolynomial);
        var sineSign = (Vector.Equals(j & four, four) ^ Vector.AsVectorInt32(angle)) & signBit;
        var cosineSign = Vector.Equals((j + two) & four, four) & signBit;
        sine = Vector.AsVectorSingle(Vector.AsVectorInt32(sineOfReduced) ^ sineSign);
        cosine = Vector.AsVectorSingle(Vector.AsVectorInt32(cosineOfReduced) ^ cosineSign);
        var outside = Vector.OnesComplement(Vector.LessThanOrEqual(x, new Vector<float>(LargestReduced)));
        if (outside != Vector<int>.Zero) UseLibraryWhere(outside, angle, ref sine, ref cosine);
    }

    /// <summary>Lanes too large for the three-part reduction (or not finite) take the library's functions.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseLibraryWhere(Vector<int> outside, Vector<float> angle, ref Vector<float> sine, ref Vector<float> cosine)
    {
        Span<float> sines = stackalloc float[Vector<float>.Count], cosines = stackalloc float[Vector<float>.Count];
        sine.CopyTo(sines);
        cosine.CopyTo(cosines);
        for (int lane = 0; lane < Vector<float>.Count; lane++)
        {
            if (outside[lane] == 0) continue;
            sines[lane] = MathF.Sin(angle[lane]);
            cosines[lane] = MathF.Cos(angle[lane]);
        }
        sine = new Vector<float>(sines);
        cosine = new Vector<float>(cosines);
    }
}
