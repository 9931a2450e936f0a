using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The taller register tile for 32-register instruction sets (AVX-512): <see cref="Rows"/> × (2 vectors)
/// of C, 24 accumulators. Same contract as <see cref="GemmMicroKernel.Run{TOps, TVector}(float*, float*, nint, int, float*, nint, bool)"/>.
/// </summary>
internal static unsafe class GemmTallMicroKernel
{
    /// <summary>Rows of C per tile (the A panel width).</summary>
    public const int Rows = 12;

    /// <summary>Computes a full tile; see <see cref="GemmMicroKernel.Run{TOps, TVector}(float*, float*, nint, int, float*, nint, bool)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVector>(float* a, float* b, nint ldb, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int w = TOps.Width;
        TVector c0_0 = TOps.Zero, c0_1 = TOps.Zero;
        TVector c1_0 = TOps.Zero, c1_1 = TOps.Zero;
        TVector c2_0 = TOps.Zero, c2_1 = TOps.Zero;
        TVector c3_0 = TOps.Zero, c3_1 = TOps.Zero;
        TVector c4_0 = TOps.Zero, c4_1 = TOps.Zero;
        TVector c5_0 = TOps.Zero, c5_1 = TOps.Zero;
        TVector c6_0 = TOps.Zero, c6_1 = TOps.Zero;
        TVector c7_0 = TOps.Zero, c7_1 = TOps.Zero;
        TVector c8_0 = TOps.Zero, c8_1 = TOps.Zero;
        TVector c9_0 = TOps.Zero, c9_1 = TOps.Zero;
        TVector c10_0 = TOps.Zero, c10_1 = TOps.Zero;
        TVector c11_0 = TOps.Zero, c11_1 = TOps.Zero;
        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TOps.Load(b);
            TVector b1 = TOps.Load(b + w);
            TVector x;
            x = TOps.Broadcast(a[0]);
            c0_0 = TOps.MultiplyAdd(x, b0, c0_0);
            c0_1 = TOps.MultiplyAdd(x, b1, c0_1);
            x = TOps.Broadcast(a[1]);
            c1_0 = TOps.MultiplyAdd(x, b0, c1_0);
            c1_1 = TOps.MultiplyAdd(x, b1, c1_1);
            x = TOps.Broadcast(a[2]);
            c2_0 = TOps.MultiplyAdd(x, b0, c2_0);
            c2_1 = TOps.MultiplyAdd(x, b1, c2_1);
            x = TOps.Broadcast(a[3]);
            c3_0 = TOps.MultiplyAdd(x, b0, c3_0);
            c3_1 = TOps.MultiplyAdd(x, b1, c3_1);
            x = TOps.Broadcast(a[4]);
            c4_0 = TOps.MultiplyAdd(x, b0, c4_0);
            c4_1 = TOps.MultiplyAdd(x, b1, c4_1);
            x = TOps.Broadcast(a[5]);
            c5_0 = TOps.MultiplyAdd(x, b0, c5_0);
            c5_1 = TOps.MultiplyAdd(x, b1, c5_1);
            x = TOps.Broadcast(a[6]);
            c6_0 = TOps.MultiplyAdd(x, b0, c6_0);
            c6_1 = TOps.MultiplyAdd(x, b1, c6_1);
            x = TOps.Broadcast(a[7]);
            c7_0 = TOps.MultiplyAdd(x, b0, c7_0);
            c7_1 = TOps.MultiplyAdd(x, b1, c7_1);
            x = TOps.Broadcast(a[8]);
            c8_0 = TOps.MultiplyAdd(x, b0, c8_0);
            c8_1 = TOps.MultiplyAdd(x, b1, c8_1);
            x = TOps.Broadcast(a[9]);
            c9_0 = TOps.MultiplyAdd(x, b0, c9_0);
            c9_1 = TOps.MultiplyAdd(x, b1, c9_1);
            x = TOps.Broadcast(a[10]);
            c10_0 = TOps.MultiplyAdd(x, b0, c10_0);
            c10_1 = TOps.MultiplyAdd(x, b1, c10_1);
            x = TOps.Broadcast(a[11]);
            c11_0 = TOps.MultiplyAdd(x, b0, c11_0);
            c11_1 = TOps.MultiplyAdd(x, b1, c11_1);
            a += Rows;
            b += ldb;
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c0_0, c0_1, c + 0 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c1_0, c1_1, c + 1 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c2_0, c2_1, c + 2 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c3_0, c3_1, c + 3 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c4_0, c4_1, c + 4 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c5_0, c5_1, c + 5 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c6_0, c6_1, c + 6 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c7_0, c7_1, c + 7 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c8_0, c8_1, c + 8 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c9_0, c9_1, c + 9 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c10_0, c10_1, c + 10 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c11_0, c11_1, c + 11 * ldc, w, overwrite);
    }
}
