using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The taller register tile for 32-register instruction sets (AVX-512): <see cref="Rows"/> × (2 vectors)
/// of C, 24 accumulators. Same contract as <see cref="GemmMicroKernel.Run{TOps, TVector}"/>.
/// </summary>
internal static unsafe class GemmTallMicroKernel
{
    /// <summary>Rows of C per tile (the A panel width).</summary>
    public const int Rows = 12;

    /// <summary>Computes a full tile; see <see cref="GemmMicroKernel.Run{TOps, TVector}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVector>(float* a, float* b, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int w = TOps.Width;
        TVector c00 = TOps.Zero, c01 = TOps.Zero;
        TVector c10 = TOps.Zero, c11 = TOps.Zero;
        TVector c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero;
        TVector c40 = TOps.Zero, c41 = TOps.Zero;
        TVector c50 = TOps.Zero, c51 = TOps.Zero;
        TVector c60 = TOps.Zero, c61 = TOps.Zero;
        TVector c70 = TOps.Zero, c71 = TOps.Zero;
        TVector c80 = TOps.Zero, c81 = TOps.Zero;
        TVector c90 = TOps.Zero, c91 = TOps.Zero;
        TVector c100 = TOps.Zero, c101 = TOps.Zero;
        TVector c110 = TOps.Zero, c111 = TOps.Zero;
        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TOps.Load(b);
            TVector b1 = TOps.Load(b + w);
            TVector x;
            x = TOps.Broadcast(a[0]);
            c00 = TOps.MultiplyAdd(x, b0, c00);
            c01 = TOps.MultiplyAdd(x, b1, c01);
            x = TOps.Broadcast(a[1]);
            c10 = TOps.MultiplyAdd(x, b0, c10);
            c11 = TOps.MultiplyAdd(x, b1, c11);
            x = TOps.Broadcast(a[2]);
            c20 = TOps.MultiplyAdd(x, b0, c20);
            c21 = TOps.MultiplyAdd(x, b1, c21);
            x = TOps.Broadcast(a[3]);
            c30 = TOps.MultiplyAdd(x, b0, c30);
            c31 = TOps.MultiplyAdd(x, b1, c31);
            x = TOps.Broadcast(a[4]);
            c40 = TOps.MultiplyAdd(x, b0, c40);
            c41 = TOps.MultiplyAdd(x, b1, c41);
            x = TOps.Broadcast(a[5]);
            c50 = TOps.MultiplyAdd(x, b0, c50);
            c51 = TOps.MultiplyAdd(x, b1, c51);
            x = TOps.Broadcast(a[6]);
            c60 = TOps.MultiplyAdd(x, b0, c60);
            c61 = TOps.MultiplyAdd(x, b1, c61);
            x = TOps.Broadcast(a[7]);
            c70 = TOps.MultiplyAdd(x, b0, c70);
            c71 = TOps.MultiplyAdd(x, b1, c71);
            x = TOps.Broadcast(a[8]);
            c80 = TOps.MultiplyAdd(x, b0, c80);
            c81 = TOps.MultiplyAdd(x, b1, c81);
            x = TOps.Broadcast(a[9]);
            c90 = TOps.MultiplyAdd(x, b0, c90);
            c91 = TOps.MultiplyAdd(x, b1, c91);
            x = TOps.Broadcast(a[10]);
            c100 = TOps.MultiplyAdd(x, b0, c100);
            c101 = TOps.MultiplyAdd(x, b1, c101);
            x = TOps.Broadcast(a[11]);
            c110 = TOps.MultiplyAdd(x, b0, c110);
            c111 = TOps.MultiplyAdd(x, b1, c111);
            a += Rows;
            b += 2 * w;
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c00, c01, c + 0 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c10, c11, c + 1 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c20, c21, c + 2 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c30, c31, c + 3 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c40, c41, c + 4 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c50, c51, c + 5 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c60, c61, c + 6 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c70, c71, c + 7 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c80, c81, c + 8 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c90, c91, c + 9 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c100, c101, c + 10 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c110, c111, c + 11 * ldc, w, overwrite);
    }
}
