using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// The register-tiled inner loop: a <see cref="Rows"/> × (2 vectors) block of C from a packed A panel
/// (<see cref="Rows"/> floats per k step) and a packed B panel (2 vectors per k step). Its twelve vector
/// accumulators fit a 16-register file (AVX2, SSE, NEON); AVX-512 uses <see cref="GemmTallMicroKernel"/>.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Rows of C per tile (the A panel width).</summary>
    public const int Rows = 6;

    /// <summary>Vectors of C per tile row (the B panel width is this times the vector width).</summary>
    public const int VectorsPerRow = 2;

    /// <summary>
    /// Computes a full tile: tile = Σₚ A[:,p]·B[p,:] over <paramref name="depth"/> steps (in order p = 0, 1, …),
    /// then C = tile when <paramref name="overwrite"/>, else C = C + tile.
    /// </summary>
    /// <param name="a">Packed A panel: <see cref="Rows"/> floats per k step.</param>
    /// <param name="b">B panel: <see cref="VectorsPerRow"/> vectors per k step.</param>
    /// <param name="ldb">Distance in floats between k steps of the B panel (its width when packed).</param>
    /// <param name="depth">Number of k steps.</param>
    /// <param name="c">Top-left element of the tile in C.</param>
    /// <param name="ldc">Distance in floats between rows of C.</param>
    /// <param name="overwrite">Replace C instead of adding to it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TOps, TVector>(float* a, float* b, nint ldb, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        int w = TOps.Width;
        TVector c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero, c20 = TOps.Zero, c21 = TOps.Zero;
        TVector c30 = TOps.Zero, c31 = TOps.Zero, c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TOps.Load(b);
            TVector b1 = TOps.Load(b + w);
            TVector x = TOps.Broadcast(a[0]);
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
            a += Rows;
            b += ldb;
        }

        StoreRow<TOps, TVector>(c00, c01, c, w, overwrite);
        StoreRow<TOps, TVector>(c10, c11, c + ldc, w, overwrite);
        StoreRow<TOps, TVector>(c20, c21, c + 2 * ldc, w, overwrite);
        StoreRow<TOps, TVector>(c30, c31, c + 3 * ldc, w, overwrite);
        StoreRow<TOps, TVector>(c40, c41, c + 4 * ldc, w, overwrite);
        StoreRow<TOps, TVector>(c50, c51, c + 5 * ldc, w, overwrite);
    }

    /// <summary>Writes one tile row of two vectors: C = value, or C = C + value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreRow<TOps, TVector>(TVector left, TVector right, float* c, int w, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        if (!overwrite)
        {
            left = TOps.Add(TOps.Load(c), left);
            right = TOps.Add(TOps.Load(c + w), right);
        }

        TOps.Store(left, c);
        TOps.Store(right, c + w);
    }
}
