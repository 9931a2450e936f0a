using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// One row of C = A·Wᵀ against <see cref="PackedWeights"/>: a matrix-vector product that keeps several panels' accumulators
/// in flight at once (so it is not bound by the multiply-add latency), with exactly the tile kernels' arithmetic per
/// element: each k block summed from zero in order p = 0, 1, … with the same multiply-add, then written (first block)
/// or added to C. A row therefore gets the same bits here as inside a batch.
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
            case GemmPath.Avx512: Run<Avx512Ops, System.Runtime.Intrinsics.Vector512<float>>(a, weights, c); break;
            case GemmPath.Avx2: Run<Avx2Ops, System.Runtime.Intrinsics.Vector256<float>>(a, weights, c); break;
            default: Run<PortableOps, System.Runtime.Intrinsics.Vector128<float>>(a, weights, c); break;
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOps, TVector>(float* a, PackedWeights weights, float* c) where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int n = weights.Rows, k = weights.Depth, nr = weights.PanelWidth, blockDepth = GemmJob.BlockDepth(k);
        nint panelFloats = (nint)nr * k;
        float* scratch = stackalloc float[nr];
        int fullPanels = n / nr;
        for (int depthStart = 0; depthStart < k; depthStart += blockDepth)
        {
            int depth = Math.Min(blockDepth, k - depthStart);
            bool overwrite = depthStart == 0;
            float* x = a + depthStart;
            float* b = weights.Start + (nint)depthStart * nr;
            int panel = 0;
            for (; panel + PanelsAtOnce <= fullPanels; panel += PanelsAtOnce)
            {
                FourPanels<TOps, TVector>(x, b + panel * panelFloats, panelFloats, nr, depth, c + panel * nr, overwrite);
            }
            for (; panel < weights.Panels; panel++)
            {
                int cols = Math.Min(nr, n - panel * nr);
                float* target = cols == nr ? c + panel * nr : scratch;
                OnePanel<TOps, TVector>(x, b + panel * panelFloats, nr, depth, target, overwrite: overwrite || cols < nr);
                if (cols == nr) continue;
                float* edge = c + panel * nr;
                for (int j = 0; j < cols; j++) edge[j] = overwrite ? scratch[j] : edge[j] + scratch[j];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourPanels<TOps, TVector>(float* x, float* b, nint panelFloats, int nr, int depth, float* c, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int w = TOps.Width;
        float* b0 = b, b1 = b + panelFloats, b2 = b + 2 * panelFloats, b3 = b + 3 * panelFloats;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TVector c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        for (int p = 0; p < depth; p++)
        {
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
    private static void OnePanel<TOps, TVector>(float* x, float* b, int nr, int depth, float* c, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int w = TOps.Width;
        TVector c0 = TOps.Zero, c1 = TOps.Zero;
        for (int p = 0; p < depth; p++)
        {
            TVector value = TOps.Broadcast(x[p]);
            c0 = TOps.MultiplyAdd(value, TOps.Load(b + (nint)p * nr), c0);
            c1 = TOps.MultiplyAdd(value, TOps.Load(b + (nint)p * nr + w), c1);
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c0, c1, c, w, overwrite);
    }
}
