using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// One row of C = A·Wᵀ against <see cref="PackedWeights"/>: a matrix-vector product that keeps several panels' accumulators
/// in flight at once (so it is not bound by the multiply-add latency), with exactly the tile kernels' arithmetic per
/// element: each k block summed from zero in order p = 0, 1, … with the same multiply-add, then written (first block)
/// or added to C. A row therefore gets the same bits here as inside a batch. The product reads every weight once per row,
/// so it is bound by the bandwidth of the cache that holds the weights; with <see cref="PackedWeights.SkipsZeroInputs"/> the
/// steps whose input is zero are left out, and their weights are not read at all (the same bits up to the sign of an output
/// that is exactly zero, see there).
/// </summary>
internal static unsafe class GemmRowKernel
{
    /// <summary>Panels computed together (their accumulators: 2 vectors each).</summary>
    private const int PanelsAtOnce = 4;

    /// <summary>c[0..n) = a[0..k)·Wᵀ for one row (n, k from <paramref name="weights"/>); <paramref name="a"/> is contiguous.</summary>
    public static void Run(float* a, PackedWeights weights, float* c)
    {
        switch (weights.Path)
        {
            case GemmPath.Avx512: Run<Avx512Ops, Vector512<float>>(a, weights, c); break;
            case GemmPath.Avx2: Run<Avx2Ops, Vector256<float>>(a, weights, c); break;
            default: Run<PortableOps, Vector128<float>>(a, weights, c); break;
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVector>(float* a, PackedWeights weights, float* c) where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int n = weights.Rows, k = weights.Depth, nr = weights.PanelWidth, blockDepth = GemmJob.BlockDepth(k);
        nint panelFloats = (nint)nr * k;
        float* scratch = stackalloc float[nr];
        int* steps = stackalloc int[blockDepth];
        for (int depthStart = 0; depthStart < k; depthStart += blockDepth)
        {
            int depth = Math.Min(blockDepth, k - depthStart);
            bool overwrite = depthStart == 0;
            float* x = a + depthStart;
            int count = weights.SkipsZeroInputs ? NonZeroSteps(x, depth, steps) : depth;
            float* b = weights.Start + (nint)depthStart * nr;
            if (count == depth) Block<TOps, TVector, EveryStep>(x, null, count, b, n, nr, panelFloats, c, scratch, overwrite);
            else Block<TOps, TVector, ListedSteps>(x, steps, count, b, n, nr, panelFloats, c, scratch, overwrite);
        }
    }

    /// <summary>One k block of the row: the steps of <typeparamref name="TSteps"/> against every panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block<TOps, TVector, TSteps>(float* x, int* steps, int count, float* b, int n, int nr, nint panelFloats, float* c, float* scratch, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct where TSteps : IStepList
    {
        int panels = (n + nr - 1) / nr, fullPanels = n / nr, panel = 0;
        for (; panel + PanelsAtOnce <= fullPanels; panel += PanelsAtOnce)
        {
            FourPanels<TOps, TVector, TSteps>(x, steps, count, b + panel * panelFloats, panelFloats, nr, c + panel * nr, overwrite);
        }
        for (; panel < panels; panel++)
        {
            int cols = Math.Min(nr, n - panel * nr);
            float* target = cols == nr ? c + panel * nr : scratch;
            OnePanel<TOps, TVector, TSteps>(x, steps, count, b + panel * panelFloats, nr, target, overwrite: overwrite || cols < nr);
            if (cols == nr) continue;
            float* edge = c + panel * nr;
            for (int j = 0; j < cols; j++) edge[j] = overwrite ? scratch[j] : edge[j] + scratch[j];
        }
    }

    /// <summary>Writes the steps p (in increasing order) whose input x[p] is not zero (±0) into <paramref name="steps"/>; returns how many.</summary>
    private static int NonZeroSteps(float* x, int depth, int* steps)
    {
        int count = 0, p = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (; p <= depth - Vector256<float>.Count; p += Vector256<float>.Count)
            {
                uint zero = Vector256.Equals(Vector256.Load(x + p), Vector256<float>.Zero).ExtractMostSignificantBits();
                if (zero == 0)
                {
                    (lanes + Vector256.Create(p)).Store(steps + count);
                    count += Vector256<float>.Count;
                    continue;
                }
                for (uint nonZero = ~zero & 0xFF; nonZero != 0; nonZero &= nonZero - 1)
                    steps[count++] = p + BitOperations.TrailingZeroCount(nonZero);
            }
        }
        for (; p < depth; p++)
        {
            steps[count] = p;
            count += x[p] != 0f ? 1 : 0;
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourPanels<TOps, TVector, TSteps>(float* x, int* steps, int count, float* b, nint panelFloats, int nr, float* c, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct where TSteps : IStepList
    {
        int w = TOps.Width;
        float* b0 = b, b1 = b + panelFloats, b2 = b + 2 * panelFloats, b3 = b + 3 * panelFloats;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        for (int i = 0; i < count; i++)
        {
            int p = TSteps.At(steps, i);
            TVector value = TOps.Broadcast(x[p]);
            nint offset = (nint)p * nr;
            c00 = TOps.MultiplyAdd(value, TOps.Load(b0 + offset), c00);
            c01 = TOps.MultiplyAdd(value, TOps.Load(b0 + offset + w), c01);
            c10 = TOps.MultiplyAdd(value, TOps.Load(b1 + offset), c10);
            c11 = TOps.MultiplyAdd(value, TOps.Load(b1 + offset + w), c11);
            c20 = TOps.MultiplyAdd(value, TOps.Load(b2 + offset), c20);
            c21 = TOps.MultiplyAdd(value, TOps.Load(b2 + offset + w), c21);
            c30 = TOps.MultiplyAdd(value, TOps.Load(b3 + offset), c30);
            c31 = TOps.MultiplyAdd(value, TOps.Load(b3 + offset + w), c31);
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c00, c01, c, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c10, c11, c + nr, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c20, c21, c + 2 * nr, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c30, c31, c + 3 * nr, w, overwrite);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnePanel<TOps, TVector, TSteps>(float* x, int* steps, int count, float* b, int nr, float* c, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct where TSteps : IStepList
    {
        int w = TOps.Width;
        TVector c0 = TOps.Zero, c1 = TOps.Zero;
        for (int i = 0; i < count; i++)
        {
            int p = TSteps.At(steps, i);
            TVector value = TOps.Broadcast(x[p]);
            c0 = TOps.MultiplyAdd(value, TOps.Load(b + (nint)p * nr), c0);
            c1 = TOps.MultiplyAdd(value, TOps.Load(b + (nint)p * nr + w), c1);
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c0, c1, c, w, overwrite);
    }

    /// <summary>Which steps of a k block a product runs: the i-th of <c>count</c>.</summary>
    private interface IStepList
    {
        /// <summary>The i-th step.</summary>
        static abstract int At(int* steps, int i);
    }

    /// <summary>Every step: the i-th is i (no list is read).</summary>
    private readonly struct EveryStep : IStepList
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int At(int* steps, int i) => i;
    }

    /// <summary>The steps listed (the non-zero inputs).</summary>
    private readonly struct ListedSteps : IStepList
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int At(int* steps, int i) => steps[i];
    }
}
