using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The taller register tile for 32-register instruction sets (AVX-512): up to <see cref="Rows"/> × (2 vectors)
/// of C, 24 accumulators. Same contract as <see cref="GemmMicroKernel.Run{TOps, TVector}(float*, float*, nint, int, float*, nint, bool)"/>,
/// except that the tile's row count is a type argument (12, 8 or 4) while the A panel keeps its
/// <see cref="Rows"/> floats per k step: the last panel of a product whose row count leaves 8 or 4 rows over (32 = 12 + 12 + 8,
/// 128 = 10 × 12 + 8, 256 = 21 × 12 + 4) is computed straight into C without padding rows. Every element is summed by
/// the same multiply-adds in the same order whichever row count computes it.
/// </summary>
internal static unsafe class GemmTallMicroKernel
{
    /// <summary>Rows of an A panel (floats per k step), and of the full tile.</summary>
    public const int Rows = 12;

    /// <summary>
    /// The smallest tile row count (4, 8 or 12) that covers <paramref name="rows"/> rows of a panel.
    /// </summary>
    public static int TileRowsFor(int rows) => rows > 8 ? 12 : rows > 4 ? 8 : 4;

    /// <summary>Computes a tile of <paramref name="tileRows"/> rows (<see cref="TileRowsFor"/>); see <see cref="Run{TOps, TVector, TRows}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TOps, TVector>(int tileRows, float* a, float* b, nint ldb, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        switch (tileRows)
        {
            case 12: Run<TOps, TVector, TwelveRows>(a, b, ldb, depth, c, ldc, overwrite); break;
            case 8: Run<TOps, TVector, EightRows>(a, b, ldb, depth, c, ldc, overwrite); break;
            default: Run<TOps, TVector, FourRows>(a, b, ldb, depth, c, ldc, overwrite); break;
        }
    }

    /// <summary>
    /// Computes the first <typeparamref name="TRows"/> rows of a tile from a panel of <see cref="Rows"/> floats per k step;
    /// see <see cref="GemmMicroKernel.Run{TOps, TVector}(float*, float*, nint, int, float*, nint, bool)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVector, TRows>(float* a, float* b, nint ldb, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct where TRows : struct, ITileRows
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
            if (TRows.Count > 4)
            {
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
            }

            if (TRows.Count > 8)
            {
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
            }

            a += Rows;
            b += ldb;
        }

        GemmMicroKernel.StoreRow<TOps, TVector>(c0_0, c0_1, c + 0 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c1_0, c1_1, c + 1 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c2_0, c2_1, c + 2 * ldc, w, overwrite);
        GemmMicroKernel.StoreRow<TOps, TVector>(c3_0, c3_1, c + 3 * ldc, w, overwrite);
        if (TRows.Count > 4)
        {
            GemmMicroKernel.StoreRow<TOps, TVector>(c4_0, c4_1, c + 4 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c5_0, c5_1, c + 5 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c6_0, c6_1, c + 6 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c7_0, c7_1, c + 7 * ldc, w, overwrite);
        }

        if (TRows.Count > 8)
        {
            GemmMicroKernel.StoreRow<TOps, TVector>(c8_0, c8_1, c + 8 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c9_0, c9_1, c + 9 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c10_0, c10_1, c + 10 * ldc, w, overwrite);
            GemmMicroKernel.StoreRow<TOps, TVector>(c11_0, c11_1, c + 11 * ldc, w, overwrite);
        }
    }
}

/// <summary>A tile row count known to the JIT: one specialised kernel per count, the unused rows compiled away.</summary>
internal interface ITileRows
{
    /// <summary>Rows of C the tile computes (4, 8 or 12).</summary>
    static abstract int Count { get; }
}

/// <summary>The full tall tile.</summary>
internal readonly struct TwelveRows : ITileRows
{
    public static int Count => 12;
}

/// <summary>Two thirds of a tall tile.</summary>
internal readonly struct EightRows : ITileRows
{
    public static int Count => 8;
}

/// <summary>One third of a tall tile.</summary>
internal readonly struct FourRows : ITileRows
{
    public static int Count => 4;
}
