using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Randomness;

/// <summary>
/// A small, fast pseudo-random generator (xoshiro128** by Blackman and Vigna, seeded through
/// SplitMix64) whose sequence is defined here, not by the .NET runtime, so that a seed gives the same
/// shuffles, dropout masks and initial weights on every .NET version and platform.
/// </summary>
public sealed class DeterministicRandom
{
    private uint _s0, _s1, _s2, _s3;
    private float? _spareGaussian;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value; equal seeds give equal sequences.</param>
    public DeterministicRandom(ulong seed)
    {
        ulong state = seed;
        ulong a = SplitMix64(ref state), b = SplitMix64(ref state);
        _s0 = (uint)a; _s1 = (uint)(a >> 32); _s2 = (uint)b; _s3 = (uint)(b >> 32);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    /// <summary>Derives an independent generator for a named purpose (shuffling, dropout, ...) from a base seed.</summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="stream">A fixed number identifying the purpose.</param>
    public static DeterministicRandom ForStream(int seed, int stream) =>
        new(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream * 0xD1B54A32D192ED03UL));

    /// <summary>
    /// A seed for the <paramref name="index"/>-th of several related runs of one seed (search candidates, ensemble members):
    /// SplitMix64's finalizer of both, a non-negative <see cref="int"/>.
    /// </summary>
    /// <param name="seed">The base seed.</param>
    /// <param name="index">Which run.</param>
    public static int DeriveSeed(int seed, int index)
    {
        ulong z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt32() => Next(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => ToUnitFloat(NextUInt32());

    /// <summary>
    /// A dropout mask: value i is 0 where the i-th of the next <c>mask.Length</c> <see cref="NextFloat"/> values is below
    /// <paramref name="dropRate"/>, else <paramref name="keepValue"/>. The same values, and the same state afterwards, as
    /// that loop over <see cref="NextFloat"/>, with the state kept in registers and no branch per value (a branch on a
    /// random outcome is mispredicted about as often as the rarer outcome occurs).
    /// </summary>
    /// <param name="mask">Filled in order, one draw per value.</param>
    /// <param name="dropRate">Probability of a 0.</param>
    /// <param name="keepValue">The value of a kept position.</param>
    internal void FillKeepMask(Span<float> mask, float dropRate, float keepValue)
    {
        uint s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        int keepBits = BitConverter.SingleToInt32Bits(keepValue);
        for (int i = 0; i < mask.Length; i++)
        {
            int dropped = ToUnitFloat(Next(ref s0, ref s1, ref s2, ref s3)) < dropRate ? 1 : 0;
            mask[i] = BitConverter.Int32BitsToSingle(keepBits & (dropped - 1));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>) without modulo bias (Lemire's method).</summary>
    /// <param name="exclusiveMax">Upper bound, at least 1.</param>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(exclusiveMax, 1);
        uint range = (uint)exclusiveMax;
        ulong product = (ulong)NextUInt32() * range;
        uint low = (uint)product;
        if (low < range)
        {
            uint threshold = (0u - range) % range;
            while (low < threshold)
            {
                product = (ulong)NextUInt32() * range;
                low = (uint)product;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A standard normal sample (Marsaglia's polar method).</summary>
    public float NextGaussian()
    {
        if (_spareGaussian is float spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * NextFloat() - 1.0;
            v = 2.0 * NextFloat() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = (float)(v * factor);
        return (float)(u * factor);
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates).</summary>
    /// <param name="values">The values to permute.</param>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One step of xoshiro128**: the output of state (s0, s1, s2, s3), which then advances.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Next(ref uint s0, ref uint s1, ref uint s2, ref uint s3)
    {
        uint result = RotateLeft(s1 * 5, 7) * 9;
        uint t = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 11);
        return result;
    }

    /// <summary>The top 24 of 32 random bits as a float in [0, 1).</summary>
    private static float ToUnitFloat(uint bits) => (bits >> 8) * (1f / 16777216f);

    private static uint RotateLeft(uint x, int k) => (x << k) | (x >> (32 - k));
}
