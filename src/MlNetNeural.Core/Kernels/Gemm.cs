namespace MlNetNeural.Core.Kernels;

/// <summary>
/// Single-precision matrix products in the three shapes that training a dense network needs.
/// All matrices are dense and row-major. Operands are packed into panels and multiplied by a
/// register-tiled kernel on the widest vector instructions the CPU has (AVX-512, AVX2 + FMA, or
/// portable 128-bit vectors). Every output element is computed by exactly one thread with a fixed
/// summation order, so results are bit-identical for any <c>threads</c> value. C must not overlap A or B.
/// </summary>
public static class Gemm
{
    /// <summary>
    /// Problems with fewer multiply-adds than this (m·n·k, about 33.5 million: roughly 0.2 ms of work) run on
    /// the calling thread only. Isolated products of smaller sizes do gain from a second thread (the
    /// 128×784×256 forward product: 193 GFLOP/s on 2 threads, about 150 on one), but inside a training step
    /// they did not: BenchmarkDotNet, one epoch of the 784-256-10 benchmark network on 60,000 rows, 2 cores,
    /// batch 32: 1.11 s with these products split across 2 threads, 0.78 s on one (batch 128: 0.65 s and
    /// 0.55 s). The same holds inside a run that holds the compute team, whose helpers take half a product within a
    /// microsecond: splitting from 2^20 multiply-adds there made that epoch slower too (2026-11-30, load average about 1,
    /// <c>epoch-time</c>: 1.39 s at batch 32 and 0.82 s at batch 128 on 2 threads against 0.94 s and 0.75 s on one; with
    /// this threshold 0.92 s and 0.72 s, the team splitting only the element-wise passes and the update). The result
    /// never depends on this choice.
    /// </summary>
    internal const long ParallelThreshold = 1 << 25;

    /// <summary>
    /// Multiply-adds from which a product splits across threads inside a run that holds the compute team (a training run):
    /// the helpers are already spinning there, and with chunks claimed from both ends (<see cref="Threading.TeamHelpers"/>)
    /// each thread keeps mostly the same weight columns in its own cache from step to step. Measured 2026-11-30 15:27-15:33 UTC
    /// on the quiet 2-core machine (load from the measurement alone, <c>epoch-time</c>, median of 3 epochs, two alternating
    /// rounds): workload W at batch 32 took 0.65-0.67 s per epoch on 2 threads with this threshold against 0.92-0.94 s with
    /// <see cref="ParallelThreshold"/> and 0.96-0.99 s on one thread; at batch 128, 0.65 s against 0.79 s and 0.73 s. The
    /// measurement of the same experiment earlier that day (1.39 s, above) ran while another process kept part of the second
    /// core busy: splitting pays only when the second core is free, which is what the team's stall detection falls back on.
    /// </summary>
    internal const long InRunParallelThreshold = 1 << 20;

    /// <summary>C[m×n] = A[m×k] · B[n×k]ᵀ (+ C when <paramref name="accumulate"/>). Forward pass: X·Wᵀ.</summary>
    /// <param name="a">Left operand, m rows of k values.</param>
    /// <param name="b">Right operand stored as n rows of k values (it is transposed in the product).</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Rows of B; columns of C.</param>
    /// <param name="k">Shared inner dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
        => MultiplyTransposedB(a, b, c, m, n, k, accumulate, threads, GemmPaths.Best);

    /// <summary>C[m×n] = A[m×k] · B[k×n] (+ C when <paramref name="accumulate"/>). Input gradient: dY·W.</summary>
    /// <param name="a">Left operand, m rows of k values.</param>
    /// <param name="b">Right operand, k rows of n values.</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Shared inner dimension.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
        => Multiply(a, b, c, m, n, k, accumulate, threads, GemmPaths.Best);

    /// <summary>C[m×n] = A[k×m]ᵀ · B[k×n] (+ C when <paramref name="accumulate"/>). Weight gradient: dYᵀ·X.</summary>
    /// <param name="a">Left operand stored as k rows of m values (it is transposed in the product).</param>
    /// <param name="b">Right operand, k rows of n values.</param>
    /// <param name="c">Output, m rows of n values.</param>
    /// <param name="m">Columns of A; rows of C.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="k">Shared inner dimension (rows of A and B).</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Upper bound on worker threads (1 = calling thread only).</param>
    public static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1)
        => MultiplyTransposedA(a, b, c, m, n, k, accumulate, threads, GemmPaths.Best);

    /// <summary><see cref="MultiplyTransposedB(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, int)"/> on a chosen path.</summary>
    internal static void MultiplyTransposedB(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate, int threads, GemmPath path)
    {
        Check(a, (long)m * k, b, (long)n * k, c, m, n, k, threads, path);
        Run(a, k, 1, b, 1, k, c, m, n, k, accumulate, threads, path);
    }

    /// <summary><see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, int)"/> on a chosen path.</summary>
    internal static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate, int threads, GemmPath path)
    {
        Check(a, (long)m * k, b, (long)k * n, c, m, n, k, threads, path);
        Run(a, k, 1, b, n, 1, c, m, n, k, accumulate, threads, path);
    }

    /// <summary><see cref="MultiplyTransposedA(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, int)"/> on a chosen path.</summary>
    internal static void MultiplyTransposedA(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c,
        int m, int n, int k, bool accumulate, int threads, GemmPath path)
    {
        Check(a, (long)k * m, b, (long)k * n, c, m, n, k, threads, path);
        Run(a, 1, m, b, n, 1, c, m, n, k, accumulate, threads, path);
    }

    /// <summary>
    /// C[m×n] = A[m×k] · Wᵀ with W packed beforehand (<see cref="PackedWeights"/>, n × k): the same bits as the unpacked
    /// product (when the pack <see cref="PackedWeights.SkipsZeroInputs"/>, up to the sign of an output that is exactly zero).
    /// Rows fewer than a register tile go through the matrix-vector kernel, more through the tiled product reading W's panels
    /// in place.
    /// </summary>
    internal static unsafe void MultiplyTransposedB(ReadOnlySpan<float> a, PackedWeights b, Span<float> c, int m, int threads)
    {
        int n = b.Rows, k = b.Depth;
        Check(a, (long)m * k, default, 0, c, m, n, k, threads, b.Path);
        fixed (float* pa = a, pc = c)
        {
            if (m < GemmJob.TileRows(b.Path))
            {
                for (int row = 0; row < m; row++) GemmRowKernel.Run(pa + (nint)row * k, b, pc + (nint)row * n);
                return;
            }
            GemmJob.ForCurrentThread().Execute(b.Path, pa, k, 1, null, 1, k, pc, m, n, k, accumulate: false, threads, b.Start);
        }
    }

    private static unsafe void Run(ReadOnlySpan<float> a, nint aRowStride, nint aDepthStride,
        ReadOnlySpan<float> b, nint bDepthStride, nint bColumnStride, Span<float> c,
        int m, int n, int k, bool accumulate, int threads, GemmPath path)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            GemmJob.ForCurrentThread().Execute(path, pa, aRowStride, aDepthStride, pb, bDepthStride, bColumnStride,
                pc, m, n, k, accumulate, threads);
        }
    }

    private static void Check(ReadOnlySpan<float> a, long aLength, ReadOnlySpan<float> b, long bLength, Span<float> c,
        int m, int n, int k, int threads, GemmPath path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        long cLength = (long)m * n;
        if (a.Length < aLength) throw new ArgumentException($"Left operand holds {a.Length} values; the shape (m={m}, n={n}, k={k}) needs {aLength}.", nameof(a));
        if (b.Length < bLength) throw new ArgumentException($"Right operand holds {b.Length} values; the shape (m={m}, n={n}, k={k}) needs {bLength}.", nameof(b));
        if (c.Length < cLength) throw new ArgumentException($"Output holds {c.Length} values; the shape (m={m}, n={n}, k={k}) needs {cLength}.", nameof(c));
        if (!GemmPaths.IsSupported(path)) throw new PlatformNotSupportedException($"This CPU cannot run the {path} matrix-product path.");
    }
}
