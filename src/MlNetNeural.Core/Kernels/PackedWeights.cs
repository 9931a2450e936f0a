using System.Runtime.CompilerServices;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// A weight matrix W (n rows of k values, the right operand of X·Wᵀ) packed once into the panel layout the matrix-product
/// kernels read, for products that reuse the same weights many times (scoring). Panel q holds columns q·nr to q·nr + nr − 1
/// of Wᵀ over the whole depth: element (p, lane) at q·k·nr + p·nr + lane, zero past the last column. A product with it gives
/// the same bits as <see cref="Gemm.MultiplyTransposedB(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, int)"/>
/// on the unpacked matrix, for any number of rows (up to the sign of an exact zero when it <see cref="SkipsZeroInputs"/>); it is
/// a copy, so later changes to W do not reach it.
/// </summary>
internal sealed unsafe class PackedWeights
{
    private const int AlignFloats = 16;

    // Pinned, so the aligned pointer into it stays valid for the object's life.
    private readonly float[] _store;

    private PackedWeights(GemmPath path, int n, int k, bool skipsZeroInputs)
    {
        Path = path;
        SkipsZeroInputs = skipsZeroInputs;
        Rows = n;
        Depth = k;
        PanelWidth = GemmMicroKernel.VectorsPerRow * GemmJob.VectorWidth(path);
        Panels = (n + PanelWidth - 1) / PanelWidth;
        _store = GC.AllocateArray<float>(checked(Panels * PanelWidth * k + AlignFloats), pinned: true);
        Start = (float*)(((nint)Unsafe.AsPointer(ref _store[0]) + 63) & ~(nint)63);
    }

    /// <summary>The instruction-set path whose panel width the layout uses.</summary>
    public GemmPath Path { get; }

    /// <summary>Rows of W (n: columns of the product).</summary>
    public int Rows { get; }

    /// <summary>Values per row of W (k: the product's inner dimension).</summary>
    public int Depth { get; }

    /// <summary>Columns of Wᵀ per panel (nr).</summary>
    public int PanelWidth { get; }

    /// <summary>Number of panels, the last one zero-padded.</summary>
    public int Panels { get; }

    /// <summary>The first panel (64-byte aligned).</summary>
    public float* Start { get; }

    /// <summary>
    /// True when the one-row product leaves out the steps whose input value is zero (see <see cref="GemmRowKernel"/>). With
    /// finite weights such a step adds ±0 to every accumulator, which leaves a partial sum as it is except that it turns −0
    /// (left by a product that underflowed) into +0: the partial sums of the two products agree at every step up to the sign
    /// of zero. So an output that is exactly zero may differ in its sign from the full product's, every other output has the
    /// same bits, and adding a bias that is not −0 afterwards removes even that difference (−0 + b and +0 + b are equal).
    /// </summary>
    public bool SkipsZeroInputs { get; }

    /// <summary>Packs <paramref name="weights"/> (<paramref name="n"/> rows of <paramref name="k"/> values, row-major) for <paramref name="path"/>.</summary>
    /// <param name="weights">W, row-major.</param>
    /// <param name="n">Rows of W.</param>
    /// <param name="k">Values per row of W.</param>
    /// <param name="path">The instruction-set path whose layout to use.</param>
    /// <param name="skipZeroInputs">Let the one-row product leave out zero inputs (<see cref="SkipsZeroInputs"/>); ignored when a weight is not finite (0·∞ is NaN).</param>
    public static PackedWeights Pack(ReadOnlySpan<float> weights, int n, int k, GemmPath path, bool skipZeroInputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (weights.Length < (long)n * k) throw new ArgumentException($"The weights hold {weights.Length} values; {n} rows of {k} need {(long)n * k}.", nameof(weights));
        weights = weights.Slice(0, n * k);
        bool finite = FiniteValues.IndexOfNonFinite(weights) < 0;
        var packed = new PackedWeights(path, n, k, skipZeroInputs && finite);
        int width = packed.PanelWidth;
        fixed (float* w = weights)
        {
            for (int panel = 0; panel < packed.Panels; panel++)
            {
                int first = panel * width;
                GemmPacking.PackPanel(w + (nint)first * k, k, 1, Math.Min(width, n - first), width, k, packed.Start + (nint)panel * width * k);
            }
        }
        return packed;
    }
}
