using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Kernels;

/// <summary>
/// One matrix product C (+)= Â·B̂ where Â(i,p) = a[i·aRowStride + p·aDepthStride] and
/// B̂(p,j) = b[p·bDepthStride + j·bColumnStride]. The product is one phase of chunks, each one B panel × a group of A
/// panels: a thread packs a group's rows of A into panels of its own copy at its first chunk of that group (so no thread
/// writes the cache lines another thread's core holds), packs the chunk's B panel slice itself, k block by k block (or
/// reads a row-major B in place when few A panels share it), and runs the register tiles on them. Chunks go group after
/// group, so the caller, claiming from the front, and a helper, from the back, mostly pack different groups. Chunk boundaries depend only on the shape, and every
/// element's sum runs over the same k blocks in the same order whoever computes it, so the result is
/// the same for any number of threads. A narrow product (few columns of C, such as a 10-class output layer's forward
/// product) is computed as Cᵀ = B̂ᵀ·Âᵀ when that pads fewer tile rows and columns (<see cref="ComputesTransposed"/>):
/// each element is still one sum of the same products in the same order (a·b = b·a exactly, also inside a fused
/// multiply-add), written to C through the tile's scratch. One instance per calling thread, reused across calls.
/// </summary>
internal sealed unsafe class GemmJob
{
    /// <summary>Most k steps a tile sums before writing C (keeps the packed B slice in L1).</summary>
    private const int MaxBlockDepth = 256;

    /// <summary>Widest B panel of any path (2 AVX-512 vectors).</summary>
    private const int MaxPanelColumns = GemmMicroKernel.VectorsPerRow * 16;

    /// <summary>Most floats of packed A held at once (bounds memory for very tall A).</summary>
    internal const int MaxPackedA = 1 << 20;

    /// <summary>Up to this many A panels per chunk, a row-major B is read in place instead of packed.</summary>
    private const int MaxAPanelsReadingBInPlace = 4;

    /// <summary>Most columns of C for which a product may be computed transposed (<see cref="ComputesTransposed"/>): one AVX-512 vector.</summary>
    internal const int MaxTransposedColumns = 16;

    /// <summary>A panels per chunk (a group of A panels).</summary>
    private const int APanelsPerComputeChunk = 24;

    [ThreadStatic] private static GemmJob? t_instance;

    private float* _a, _b, _c, _prepackedB;
    private nint _aRowStride, _aDepthStride, _bDepthStride, _bColumnStride;
    private int _m, _n, _k, _blockDepth;
    private bool _accumulate;

    // The product is computed as Cᵀ: the tiles' rows are C's columns, and element (i, j) of a tile goes to C[j, i].
    private bool _transposedC;
    private GemmPath _path;
    private int _mr, _nr;

    // The block of rows being computed: [_rowStart, _rowStart + _rowCount).
    private int _rowStart, _rowCount, _aPanels, _bPanels, _rowGroups;

    // Packed A: one copy per team member (<see cref="ComputeTeam.MemberIndex"/>), or one when the product runs on one thread.
    private PackedA[] _packedA = [];
    private int _members;

    // Blocks of rows this job has run: a copy holds a group's panels of the current block when its stamp is this number.
    private long _block;

    private CancellationToken _cancellation;

    /// <summary>The calling thread's reusable job.</summary>
    public static GemmJob ForCurrentThread() => t_instance ??= new GemmJob();

    /// <summary>
    /// Runs the product with up to <paramref name="threads"/> threads (1 = caller only). With <paramref name="prepackedB"/>
    /// (the <see cref="PackedWeights"/> of B for this path), B's panels are read from it instead of packed per chunk.
    /// </summary>
    public void Execute(GemmPath path, float* a, nint aRowStride, nint aDepthStride, float* b, nint bDepthStride, nint bColumnStride,
        float* c, int m, int n, int k, bool accumulate, int threads, float* prepackedB = null)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) new Span<float>(c, m * n).Clear();
            return;
        }

        _transposedC = prepackedB == null && ComputesTransposed(path, m, n);
        if (_transposedC)
        {
            // Âᵀ(j, p) = B̂(p, j) and B̂ᵀ(p, i) = Â(i, p): the operands trade places and strides.
            float* left = a;
            a = b;
            b = left;
            (aRowStride, aDepthStride, bDepthStride, bColumnStride) = (bColumnStride, bDepthStride, aDepthStride, aRowStride);
            (m, n) = (n, m);
        }

        _path = path;
        _a = a;
        _b = b;
        _c = c;
        _prepackedB = prepackedB;
        (_aRowStride, _aDepthStride, _bDepthStride, _bColumnStride) = (aRowStride, aDepthStride, bDepthStride, bColumnStride);
        (_m, _n, _k, _accumulate) = (m, n, k, accumulate);
        _blockDepth = BlockDepth(k);
        _mr = TileRows(path);
        _nr = GemmMicroKernel.VectorsPerRow * VectorWidth(path);
        _bPanels = CeilDiv(n, _nr);

        int blockRows = Math.Max(_mr, MaxPackedA / k / _mr * _mr);
        bool parallel = threads > 1 && (long)m * n * k >= (ComputeTeam.IsHeld ? Gemm.InRunParallelThreshold : Gemm.ParallelThreshold);
        using var team = parallel && !ComputeTeam.IsHeld ? ComputeTeam.Enter(threads) : default;
        // The products are what the helpers are for: work handed to them in the background finishes first.
        if (parallel) ComputeTeam.FinishBackground();
        _cancellation = GemmCancellation.Current;
        for (_rowStart = 0; _rowStart < m; _rowStart += blockRows)
        {
            _rowCount = Math.Min(blockRows, m - _rowStart);
            _aPanels = CeilDiv(_rowCount, _mr);
            _rowGroups = CeilDiv(_aPanels, APanelsPerComputeChunk);
            EnsurePackedA(parallel ? ComputeTeam.MemberCount(threads) : 1, (long)_aPanels * _mr * k);
            _block++;
            var compute = new ComputeWork(this);
            ComputeTeam.Run(ref compute, _rowGroups * _bPanels, parallel ? threads : 1);
            if (_cancellation.IsCancellationRequested) break;
        }

        _a = _b = _c = _prepackedB = null;
        _cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>The calling thread's copy of packed A, holding the panels of row group <paramref name="group"/> (packed now if it did not).</summary>
    private float* PackedAFor(int group, int firstPanel, int endPanel)
    {
        var copy = _packedA[_members == 1 ? 0 : ComputeTeam.MemberIndex];
        if (copy.GroupBlocks[group] == _block) return copy.Start;
        for (int panel = firstPanel; panel < endPanel; panel++)
        {
            int row = _rowStart + panel * _mr;
            int rows = Math.Min(_mr, _m - row);
            // A last panel of 8 or 4 rows on the tall tile is computed by a tile of as many rows: its padding is never read.
            GemmPacking.PackPanel(_a + row * _aRowStride, _aRowStride, _aDepthStride, rows, _mr, _k,
                copy.Start + (nint)panel * _mr * _k, clearPadding: TileRowsFor(rows) > rows);
        }
        copy.GroupBlocks[group] = _block;
        return copy.Start;
    }

    private void ComputeChunk(int chunk)
    {
        switch (_path)
        {
            case GemmPath.Avx512: ComputeChunk<Avx512Ops, Vector512<float>>(chunk); break;
            case GemmPath.Avx2: ComputeChunk<Avx2Ops, Vector256<float>>(chunk); break;
            default: ComputeChunk<PortableOps, Vector128<float>>(chunk); break;
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeChunk<TOps, TVector>(int chunk) where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        const int AlignFloats = 16;
        float* scratch = stackalloc float[GemmTallMicroKernel.Rows * MaxPanelColumns];
        float* bStorage = stackalloc float[MaxBlockDepth * MaxPanelColumns + AlignFloats];
        float* packedB = (float*)(((nint)bStorage + 63) & ~(nint)63);
        int mr = _mr, nr = _nr;
        int group = chunk / _bPanels, bPanel = chunk % _bPanels;
        int firstAPanel = group * APanelsPerComputeChunk;
        int endAPanel = Math.Min(_aPanels, firstAPanel + APanelsPerComputeChunk);
        float* packedA = PackedAFor(group, firstAPanel, endAPanel);
        int col = bPanel * nr;
        int cols = Math.Min(nr, _n - col);

        // Packing a B slice pays off only when many A panels reuse it; a full-width slice of a
        // row-major B can be read where it is.
        bool readBInPlace = _bColumnStride == 1 && cols == nr && endAPanel - firstAPanel <= MaxAPanelsReadingBInPlace;
        for (int depthStart = 0; depthStart < _k; depthStart += _blockDepth)
        {
            int depth = Math.Min(_blockDepth, _k - depthStart);
            bool overwrite = depthStart == 0 && !_accumulate;
            float* b = _b + col * _bColumnStride + depthStart * _bDepthStride;
            nint ldb = _bDepthStride;
            if (_prepackedB != null)
            {
                b = _prepackedB + ((nint)bPanel * _k + depthStart) * nr;
                ldb = nr;
            }
            else if (!readBInPlace)
            {
                GemmPacking.PackPanel(b, _bColumnStride, _bDepthStride, cols, nr, depth, packedB);
                b = packedB;
                ldb = nr;
            }

            for (int panel = firstAPanel; panel < endAPanel; panel++)
            {
                float* a = packedA + ((nint)panel * _k + depthStart) * mr;
                int row = _rowStart + panel * mr;
                int rows = Math.Min(mr, _m - row);
                int tileRows = TileRowsFor(rows);
                if (!_transposedC && rows == tileRows && cols == nr)
                {
                    RunTile<TOps, TVector>(tileRows, a, b, ldb, depth, _c + (nint)row * _n + col, _n, overwrite);
                }
                else
                {
                    RunTile<TOps, TVector>(tileRows, a, b, ldb, depth, scratch, nr, overwrite: true);
                    if (_transposedC) StoreTransposed(scratch, nr, _c + (nint)col * _m + row, _m, rows, cols, overwrite);
                    else Store(scratch, nr, _c + (nint)row * _n + col, _n, rows, cols, overwrite);
                }
            }
        }
    }

    /// <summary>C[r, j] = tile[r, j] (or C[r, j] + tile[r, j]) for the first <paramref name="rows"/> × <paramref name="cols"/> values of a tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* tile, int tileStride, float* c, nint ldc, int rows, int cols, bool overwrite)
    {
        for (int r = 0; r < rows; r++)
        {
            var from = new ReadOnlySpan<float>(tile + r * tileStride, cols);
            var to = new Span<float>(c + r * ldc, cols);
            if (overwrite) from.CopyTo(to);
            else TensorPrimitives.Add(to, from, to);
        }
    }

    /// <summary>C[j, r] = tile[r, j] (or C[j, r] + tile[r, j]): a tile of Cᵀ written to C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTransposed(float* tile, int tileStride, float* c, nint ldc, int rows, int cols, bool overwrite)
    {
        for (int j = 0; j < cols; j++)
        {
            for (int r = 0; r < rows; r++)
            {
                c[j * ldc + r] = overwrite ? tile[r * tileStride + j] : c[j * ldc + r] + tile[r * tileStride + j];
            }
        }
    }

    /// <summary>
    /// True when a product of <paramref name="m"/> × <paramref name="n"/> (at most <see cref="MaxTransposedColumns"/> columns)
    /// computes fewer tile values as Cᵀ (n × m) than as C: the 32 × 10 output of a 10-class layer at batch 32 takes three
    /// tiles of 32 columns for its 10 (1,024 values) one way, one tile of 12 rows × 32 the other (384). Depends only on the
    /// shape and the path, never on the thread count.
    /// </summary>
    internal static bool ComputesTransposed(GemmPath path, int m, int n) =>
        n <= MaxTransposedColumns && TileValues(path, n, m) < TileValues(path, m, n);

    /// <summary>Values the register tiles compute for an m × n product on <paramref name="path"/>, padding included.</summary>
    private static long TileValues(GemmPath path, int m, int n)
    {
        int mr = TileRows(path), nr = GemmMicroKernel.VectorsPerRow * VectorWidth(path);
        int lastPanel = m % mr;
        long rows = (long)(m - lastPanel) + (lastPanel == 0 ? 0 : TileRowsFor(mr, lastPanel));
        return rows * ((long)CeilDiv(n, nr) * nr);
    }

    /// <summary>Rows of the tile that computes a panel of this product holding <paramref name="rows"/> rows.</summary>
    private int TileRowsFor(int rows) => TileRowsFor(_mr, rows);

    /// <summary>
    /// Rows of the tile that computes a panel holding <paramref name="rows"/> rows when panels are <paramref name="mr"/> rows
    /// wide: the tall kernel's smallest row count covering them (so a last panel of 8 or 4 rows is computed without padding
    /// rows), else the panel width.
    /// </summary>
    private static int TileRowsFor(int mr, int rows) => mr == GemmTallMicroKernel.Rows ? GemmTallMicroKernel.TileRowsFor(rows) : mr;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RunTile<TOps, TVector>(int tileRows, float* a, float* b, nint ldb, int depth, float* c, nint ldc, bool overwrite)
        where TOps : IGemmVectorOps<TVector> where TVector : struct
    {
        if (_mr == GemmTallMicroKernel.Rows) GemmTallMicroKernel.Run<TOps, TVector>(tileRows, a, b, ldb, depth, c, ldc, overwrite);
        else GemmMicroKernel.Run<TOps, TVector>(a, b, ldb, depth, c, ldc, overwrite);
    }

    /// <summary>Makes <paramref name="members"/> copies of packed A of at least <paramref name="floats"/> floats and <see cref="_rowGroups"/> group stamps each.</summary>
    private void EnsurePackedA(int members, long floats)
    {
        _members = members;
        if (_packedA.Length < members) Array.Resize(ref _packedA, members);
        for (int member = 0; member < members; member++)
        {
            ref var copy = ref _packedA[member];
            if (copy is null || copy.Floats < floats || copy.GroupBlocks.Length < _rowGroups)
                copy = new PackedA(Math.Max(floats, copy?.Floats ?? 0), Math.Max(_rowGroups, copy?.GroupBlocks.Length ?? 0));
        }
    }

    /// <summary>One thread's packed A: a 64-byte-aligned pinned buffer and, per row group, the block whose panels it holds.</summary>
    private sealed class PackedA
    {
        private const int AlignFloats = 16;
        private readonly float[] _store;

        public PackedA(long floats, int groups)
        {
            _store = GC.AllocateUninitializedArray<float>(checked((int)floats + AlignFloats), pinned: true);
            Start = (float*)(((nint)Unsafe.AsPointer(ref _store[0]) + 63) & ~(nint)63);
            Floats = floats;
            GroupBlocks = new long[groups];
        }

        /// <summary>The aligned start.</summary>
        public float* Start { get; }

        /// <summary>Floats from <see cref="Start"/>.</summary>
        public long Floats { get; }

        /// <summary>Per row group, the <see cref="_block"/> number whose panels the buffer holds.</summary>
        public long[] GroupBlocks { get; }
    }

    /// <summary>
    /// The k steps a tile sums before writing C: the depth split into equal blocks of at most <see cref="MaxBlockDepth"/>.
    /// Every kernel uses it, so an element's sum has the same blocks whoever computes it.
    /// </summary>
    internal static int BlockDepth(int k) => CeilDiv(k, CeilDiv(k, MaxBlockDepth));

    /// <summary>Rows of C per register tile on <paramref name="path"/>.</summary>
    internal static int TileRows(GemmPath path) => path == GemmPath.Avx512 ? GemmTallMicroKernel.Rows : GemmMicroKernel.Rows;

    /// <summary>Floats per vector on <paramref name="path"/>.</summary>
    internal static int VectorWidth(GemmPath path) => path switch
    {
        GemmPath.Avx512 => Avx512Ops.Width,
        GemmPath.Avx2 => Avx2Ops.Width,
        _ => PortableOps.Width,
    };

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;

    /// <summary>Chunk i: B panel i mod (B panels) against A panel group i / (B panels); skipped once the run is cancelled.</summary>
    private readonly struct ComputeWork(GemmJob job) : IChunkedWork
    {
        public void Run(int chunk)
        {
            if (!job._cancellation.IsCancellationRequested) job.ComputeChunk(chunk);
        }
    }
}
