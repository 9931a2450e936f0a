using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetNeural.Benchmarks.Host;

/// <summary>
/// The single-precision multiply-add peak of the core the calling thread runs on: twelve independent chains of fused
/// multiply-adds on the widest hardware vector (512 or 256 bits), enough in flight to hide the instruction's latency on
/// current x64 cores, so the loop is limited by how many multiply-adds the core issues per cycle. On this project's
/// 2-vCPU machines it has read 115 GFLOP/s (one 512-bit multiply-add a cycle) and 230 GFLOP/s (two) on different days
/// (docs/benchmarks.md, "The host's arithmetic peak differs between days").
/// </summary>
public static class MultiplyAddPeak
{
    /// <summary>Chains run side by side; each step of each chain is one vector multiply-add.</summary>
    public const int Chains = 12;

    /// <summary>The vector width measured: 16 floats with AVX-512, else 8 (AVX2 and FMA), else 0 (not measured).</summary>
    public static int VectorFloats => Vector512.IsHardwareAccelerated ? 16 : System.Runtime.Intrinsics.X86.Fma.IsSupported ? 8 : 0;

    /// <summary>Billions of floating-point operations a second (a multiply-add counts as two), over <paramref name="steps"/> steps of every chain; 0 when the CPU has neither vector width.</summary>
    /// <param name="steps">Multiply-adds per chain.</param>
    public static double Measure(long steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var clock = Stopwatch.StartNew();
        bool ran = VectorFloats switch
        {
            16 => Run<Wide512>(steps),
            8 => Run<Wide256>(steps),
            _ => false,
        };
        double seconds = clock.Elapsed.TotalSeconds;
        return ran ? 2.0 * Chains * VectorFloats * steps / seconds / 1e9 : 0;
    }

    /// <summary>Runs the chains; returns true (the result is consumed so the JIT keeps the loop).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Run<TWide>(long steps) where TWide : IWideMultiplyAdd<TWide>
    {
        TWide b = TWide.Create(0.999f), c = TWide.Create(0.001f);
        TWide a0 = TWide.Create(0f), a1 = TWide.Create(1f), a2 = TWide.Create(2f), a3 = TWide.Create(3f), a4 = TWide.Create(4f), a5 = TWide.Create(5f),
            a6 = TWide.Create(6f), a7 = TWide.Create(7f), a8 = TWide.Create(8f), a9 = TWide.Create(9f), a10 = TWide.Create(10f), a11 = TWide.Create(11f);
        for (long i = 0; i < steps; i++)
        {
            a0 = TWide.MultiplyAdd(a0, b, c); a1 = TWide.MultiplyAdd(a1, b, c); a2 = TWide.MultiplyAdd(a2, b, c); a3 = TWide.MultiplyAdd(a3, b, c);
            a4 = TWide.MultiplyAdd(a4, b, c); a5 = TWide.MultiplyAdd(a5, b, c); a6 = TWide.MultiplyAdd(a6, b, c); a7 = TWide.MultiplyAdd(a7, b, c);
            a8 = TWide.MultiplyAdd(a8, b, c); a9 = TWide.MultiplyAdd(a9, b, c); a10 = TWide.MultiplyAdd(a10, b, c); a11 = TWide.MultiplyAdd(a11, b, c);
        }
        // Every chain converges to 0.001 / (1 - 0.999) = 1 per lane; the sum is finite, and using it keeps the chains alive.
        float sum = TWide.Sum(a0) + TWide.Sum(a1) + TWide.Sum(a2) + TWide.Sum(a3) + TWide.Sum(a4) + TWide.Sum(a5)
            + TWide.Sum(a6) + TWide.Sum(a7) + TWide.Sum(a8) + TWide.Sum(a9) + TWide.Sum(a10) + TWide.Sum(a11);
        return float.IsFinite(sum);
    }

    /// <summary>One hardware vector width: broadcast, fused multiply-add, horizontal sum.</summary>
    private interface IWideMultiplyAdd<TSelf> where TSelf : IWideMultiplyAdd<TSelf>
    {
        static abstract TSelf Create(float value);
        static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf addend);
        static abstract float Sum(TSelf value);
    }

    private readonly struct Wide512(Vector512<float> value) : IWideMultiplyAdd<Wide512>
    {
        private readonly Vector512<float> _value = value;
        public static Wide512 Create(float value) => new(Vector512.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Wide512 MultiplyAdd(Wide512 a, Wide512 b, Wide512 addend) => new(Vector512.FusedMultiplyAdd(a._value, b._value, addend._value));
        public static float Sum(Wide512 value) => Vector512.Sum(value._value);
    }

    private readonly struct Wide256(Vector256<float> value) : IWideMultiplyAdd<Wide256>
    {
        private readonly Vector256<float> _value = value;
        public static Wide256 Create(float value) => new(Vector256.Create(value));
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Wide256 MultiplyAdd(Wide256 a, Wide256 b, Wide256 addend) => new(Vector256.FusedMultiplyAdd(a._value, b._value, addend._value));
        public static float Sum(Wide256 value) => Vector256.Sum(value._value);
    }
}
