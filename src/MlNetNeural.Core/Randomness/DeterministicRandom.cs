using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    public DeterministicRandom(ulong seed) => Seed(seed, out _s0, out _s1, out _s2, out _s3);

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
    internal void FillKeepMask(Span<float> mask, float dropRate, float keepValue) =>
        FillKeepMask(ref _s0, ref _s1, ref _s2, ref _s3, mask, dropRate, keepValue);

    /// <summary>Generators behind one row's dropout mask (<see cref="FillRowKeepMask"/>): value i comes from lane i mod 16.</summary>
    internal const int MaskLanes = 16;

    /// <summary>
    /// The dropout mask of row <paramref name="row"/> of a batch whose rows share <paramref name="batchSeed"/>: value i is what
    /// <see cref="FillKeepMask(Span{float}, float, float)"/> gives for the (i / 16)-th draw of lane i mod 16, lane L being a
    /// fresh generator seeded with <see cref="LaneSeed"/>(<see cref="RowSeed"/>(<paramref name="batchSeed"/>, <paramref name="row"/>), L).
    /// The 16 lanes step together in vectors (about a tenth of the time of one generator drawing every value), and each row
    /// depends on nothing else, so rows can be filled in any order, on any thread, with the same result. Nothing is allocated.
    /// </summary>
    /// <param name="batchSeed">The batch's seed (one <see cref="NextUInt64"/> of the run's dropout stream).</param>
    /// <param name="row">The row's index in the batch.</param>
    /// <param name="mask">The row's values.</param>
    /// <param name="dropRate">Probability of a 0.</param>
    /// <param name="keepValue">The value of a kept position.</param>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FillRowKeepMask(ulong batchSeed, int row, Span<float> mask, float dropRate, float keepValue)
    {
        const int Half = MaskLanes / 2;
        ulong rowSeed = RowSeed(batchSeed, row);
        // Lanes 0-7 and 8-15, 256 bits each (one vector on AVX2, half a register on AVX-512, two on other CPUs: the same values).
        var low = new LaneStates(rowSeed, 0);
        var high = new LaneStates(rowSeed, Half);
        var keep = Vector256.Create(keepValue);
        var rate = Vector256.Create(dropRate);
        int i = 0;
        for (; i + MaskLanes <= mask.Length; i += MaskLanes)
        {
            low.NextMask(keep, rate).CopyTo(mask.Slice(i));
            high.NextMask(keep, rate).CopyTo(mask.Slice(i + Half));
        }
        if (i == mask.Length) return;
        Span<float> last = stackalloc float[MaskLanes];
        low.NextMask(keep, rate).CopyTo(last);
        high.NextMask(keep, rate).CopyTo(last.Slice(Half));
        last.Slice(0, mask.Length - i).CopyTo(mask.Slice(i));
    }

    /// <summary>
    /// The seed of lane <paramref name="lane"/> of a row's mask: the SplitMix64 state after 2·<paramref name="lane"/> outputs
    /// from <paramref name="rowSeed"/>, so lane L's generator holds outputs 2L and 2L + 1 of one SplitMix64 sequence and no two
    /// lanes share a state word.
    /// </summary>
    internal static ulong LaneSeed(ulong rowSeed, int lane) => unchecked(rowSeed + (ulong)(2 * lane) * SplitMixIncrement);

    /// <summary>
    /// The seed of row <paramref name="row"/>'s generator under <paramref name="batchSeed"/> (the pattern of
    /// <see cref="ForStream"/>: a different odd multiplier for the row, so the rows' SplitMix64 sequences do not overlap).
    /// </summary>
    internal static ulong RowSeed(ulong batchSeed, int row) => unchecked(batchSeed ^ (ulong)(uint)row * 0xD1B54A32D192ED03UL);

    /// <summary>The next 64 random bits: two <see cref="NextUInt32"/> draws, the first in the high half.</summary>
    internal ulong NextUInt64()
    {
        ulong high = NextUInt32();
        return high << 32 | NextUInt32();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FillKeepMask(ref uint state0, ref uint state1, ref uint state2, ref uint state3, Span<float> mask, float dropRate, float keepValue)
    {
        uint s0 = state0, s1 = state1, s2 = state2, s3 = state3;
        int keepBits = BitConverter.SingleToInt32Bits(keepValue);
        for (int i = 0; i < mask.Length; i++)
        {
            int dropped = ToUnitFloat(Next(ref s0, ref s1, ref s2, ref s3)) < dropRate ? 1 : 0;
            mask[i] = BitConverter.Int32BitsToSingle(keepBits & (dropped - 1));
        }
        (state0, state1, state2, state3) = (s0, s1, s2, s3);
    }

    /// <summary>xoshiro128**'s state for <paramref name="seed"/>: two SplitMix64 outputs (never all zero).</summary>
    private static void Seed(ulong seed, out uint s0, out uint s1, out uint s2, out uint s3)
    {
        ulong state = seed;
        ulong a = SplitMix64(ref state), b = SplitMix64(ref state);
        s0 = (uint)a; s1 = (uint)(a >> 32); s2 = (uint)b; s3 = (uint)(b >> 32);
        if ((s0 | s1 | s2 | s3) == 0) s0 = 1;
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

    /// <summary>SplitMix64's increment (Steele, Lea and Flood 2014), the golden ratio in 64 bits.</summary>
    private const ulong SplitMixIncrement = 0x9E3779B97F4A7C15UL;

    private const ulong SplitMixMultiplier1 = 0xBF58476D1CE4E5B9UL, SplitMixMultiplier2 = 0x94D049BB133111EBUL;

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += SplitMixIncrement;
        z = (z ^ (z >> 30)) * SplitMixMultiplier1;
        z = (z ^ (z >> 27)) * SplitMixMultiplier2;
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

    /// <summary>Eight xoshiro128** generators stepping together, one per vector lane.</summary>
    private struct LaneStates
    {
        private Vector256<uint> _s0, _s1, _s2, _s3;

        /// <summary>
        /// Lanes <paramref name="firstLane"/> to <paramref name="firstLane"/> + 7 of a row's mask, lane L seeded as
        /// <see cref="Seed"/>(<see cref="LaneSeed"/>(<paramref name="rowSeed"/>, L)) seeds it: its state words are outputs 2L
        /// and 2L + 1 of the SplitMix64 sequence from <paramref name="rowSeed"/> (as on <see cref="LaneSeed"/>), computed for four
        /// lanes per vector (the same integer arithmetic as <see cref="SplitMix64"/>, so the same bits as the scalar seeding,
        /// which took a tenth of a small network's training time).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public LaneStates(ulong rowSeed, int firstLane)
        {
            var lanes = Vector256.Create((ulong)firstLane, (ulong)firstLane + 1, (ulong)firstLane + 2, (ulong)firstLane + 3);
            var (firstA, firstB) = SeedWords(rowSeed, lanes);
            var (secondA, secondB) = SeedWords(rowSeed, lanes + Vector256.Create(4UL));
            // Seed's all-zero guard cannot fire: SplitMix64's output function is a bijection, so two different states never both give 0.
            _s0 = Vector256.Narrow(firstA, secondA);
            _s1 = Vector256.Narrow(Vector256.ShiftRightLogical(firstA, 32), Vector256.ShiftRightLogical(secondA, 32));
            _s2 = Vector256.Narrow(firstB, secondB);
            _s3 = Vector256.Narrow(Vector256.ShiftRightLogical(firstB, 32), Vector256.ShiftRightLogical(secondB, 32));
        }

        /// <summary>Outputs 2L and 2L + 1 of the SplitMix64 sequence from <paramref name="rowSeed"/> for the lanes L in <paramref name="lanes"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (Vector256<ulong> A, Vector256<ulong> B) SeedWords(ulong rowSeed, Vector256<ulong> lanes)
        {
            var twice = lanes + lanes;
            var start = Vector256.Create(rowSeed);
            var increment = Vector256.Create(SplitMixIncrement);
            return (Mix(start + (twice + Vector256<ulong>.One) * increment), Mix(start + (twice + Vector256.Create(2UL)) * increment));
        }

        /// <summary><see cref="SplitMix64"/>'s output function (after the increment), lane by lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<ulong> Mix(Vector256<ulong> z)
        {
            z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(SplitMixMultiplier1);
            z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(SplitMixMultiplier2);
            return z ^ Vector256.ShiftRightLogical(z, 31);
        }

        /// <summary>Each lane's next draw as a mask value: 0 where its unit float is below <paramref name="rate"/>, else <paramref name="keep"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<float> NextMask(Vector256<float> keep, Vector256<float> rate)
        {
            // Next and ToUnitFloat, lane by lane.
            Vector256<uint> result = Rotate(_s1 * 5u, 7) * 9u;
            Vector256<uint> t = Vector256.ShiftLeft(_s1, 9);
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = Rotate(_s3, 11);
            Vector256<float> unit = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(result, 8).AsInt32()) * Vector256.Create(1f / 16777216f);
            return Vector256.AndNot(keep, Vector256.LessThan(unit, rate));
        }

        private static Vector256<uint> Rotate(Vector256<uint> x, int k) => Vector256.ShiftLeft(x, k) | Vector256.ShiftRightLogical(x, 32 - k);
    }
}
