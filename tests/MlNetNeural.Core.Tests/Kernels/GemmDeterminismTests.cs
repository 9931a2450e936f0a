using MlNetNeural.Core.Kernels;
using MlNetNeural.Tests.Measuring;

namespace MlNetNeural.Tests.Kernels;

public class GemmDeterminismTests
{
    public static TheoryData<GemmKind, string, int, int, int> ParallelShapes()
    {
        var data = new TheoryData<GemmKind, string, int, int, int>();
        foreach (var kind in Enum.GetValues<GemmKind>())
            foreach (var path in GemmReference.SupportedPaths)
            {
                data.Add(kind, path.ToString(), 267, 400, 331); // large enough to use the helper pool
                data.Add(kind, path.ToString(), 451, 197, 383); // odd sizes
                data.Add(kind, path.ToString(), 8200, 10, 420); // narrow: computed as Cᵀ, its chunks are groups of C's rows
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(ParallelShapes))]
    public void ResultIsBitIdenticalForOneTwoAndThreeThreads(GemmKind kind, string pathName, int m, int n, int k)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        Assert.True((long)m * n * k >= Gemm.ParallelThreshold, "The shape must be large enough to be split across threads.");
        var random = new Random(11);
        var a = GemmReference.Random(random, m * k);
        var b = GemmReference.Random(random, n * k);
        var start = GemmReference.Random(random, m * n);
        foreach (var accumulate in new[] { false, true })
        {
            var single = (float[])start.Clone();
            GemmReference.Run(kind, a, b, single, m, n, k, accumulate, threads: 1, path);
            foreach (var threads in new[] { 2, 3 })
            {
                var parallel = (float[])start.Clone();
                GemmReference.Run(kind, a, b, parallel, m, n, k, accumulate, threads, path);
                int mismatch = Enumerable.Range(0, single.Length).FirstOrDefault(
                    i => BitConverter.SingleToInt32Bits(single[i]) != BitConverter.SingleToInt32Bits(parallel[i]), -1);
                Assert.True(mismatch < 0, $"threads={threads} accumulate={accumulate}: element {mismatch} differs from the single-threaded result.");
            }
        }
    }

    [Theory]
    [InlineData(32, 300)] // tiles of 12, 12 and 8 rows; two depth blocks
    [InlineData(28, 33)]  // 12, 12 and 4
    [InlineData(16, 7)]   // 12 and 4
    public void RowsOfAShortLastTileMatchTheSameRowsInAFullTile(int m, int k)
    {
        // The same rows computed inside a product with a whole number of full tiles (the 12-row tile of AVX-512, the 6-row
        // tile elsewhere) must get the same bits as in the product whose last tile is shorter.
        const int n = 70, fullRows = 36;
        var random = new Random(23);
        foreach (var kind in Enum.GetValues<GemmKind>())
            foreach (var path in GemmReference.SupportedPaths)
                foreach (var accumulate in new[] { false, true })
                {
                    var aFull = GemmReference.Random(random, fullRows * k);
                    var a = new float[m * k];
                    for (int i = 0; i < m; i++)
                        for (int p = 0; p < k; p++)
                            a[kind == GemmKind.TransposedA ? p * m + i : i * k + p] = GemmReference.A(kind, aFull, i, p, fullRows, k);
                    var b = GemmReference.Random(random, n * k);
                    var cFull = GemmReference.Random(random, fullRows * n);
                    var c = cFull[..(m * n)];

                    GemmReference.Run(kind, aFull, b, cFull, fullRows, n, k, accumulate, threads: 1, path);
                    GemmReference.Run(kind, a, b, c, m, n, k, accumulate, threads: 1, path);

                    int mismatch = Enumerable.Range(0, m * n).FirstOrDefault(
                        e => BitConverter.SingleToInt32Bits(c[e]) != BitConverter.SingleToInt32Bits(cFull[e]), -1);
                    Assert.True(mismatch < 0, $"{kind} {path} accumulate={accumulate} m={m} k={k}: C[{mismatch / n},{mismatch % n}] differs from the same row in a full tile.");
                }
    }

    [Theory]
    [InlineData(32, 10, 256)]  // the 10-class output layer at batch 32
    [InlineData(128, 10, 300)] // batch 128, two depth blocks
    [InlineData(32, 1, 33)]    // a binary or regression output
    [InlineData(45, 12, 7)]    // rows not a whole number of tiles
    public void ColumnsOfANarrowProductMatchTheSameColumnsInAWideProduct(int m, int n, int k)
    {
        // A product with few columns is computed as Cᵀ (GemmJob.ComputesTransposed); each of its elements must get the same
        // bits as the same element computed the usual way inside a product with many columns.
        const int wideColumns = 70;
        Assert.Contains(GemmReference.SupportedPaths, path => GemmJob.ComputesTransposed(path, m, n));
        Assert.DoesNotContain(GemmReference.SupportedPaths, path => GemmJob.ComputesTransposed(path, m, wideColumns));
        var random = new Random(29);
        foreach (var kind in Enum.GetValues<GemmKind>())
            foreach (var path in GemmReference.SupportedPaths)
                foreach (var accumulate in new[] { false, true })
                {
                    var a = GemmReference.Random(random, m * k);
                    var bWide = GemmReference.Random(random, wideColumns * k);
                    var b = new float[n * k];
                    for (int p = 0; p < k; p++)
                        for (int j = 0; j < n; j++)
                            b[kind == GemmKind.TransposedB ? j * k + p : p * n + j] = GemmReference.B(kind, bWide, p, j, wideColumns, k);
                    var cWide = GemmReference.Random(random, m * wideColumns);
                    var c = new float[m * n];
                    for (int i = 0; i < m; i++) Array.Copy(cWide, i * wideColumns, c, i * n, n);

                    GemmReference.Run(kind, a, bWide, cWide, m, wideColumns, k, accumulate, threads: 1, path);
                    GemmReference.Run(kind, a, b, c, m, n, k, accumulate, threads: 1, path);

                    int mismatch = Enumerable.Range(0, m * n).FirstOrDefault(
                        e => BitConverter.SingleToInt32Bits(c[e]) != BitConverter.SingleToInt32Bits(cWide[e / n * wideColumns + e % n]), -1);
                    Assert.True(mismatch < 0, $"{kind} {path} accumulate={accumulate} {m} × {n}, k={k}: C[{mismatch / n},{mismatch % n}] differs from the same element in a wide product.");
                }
    }

    [Fact]
    public void ConcurrentCallersEachGetTheSingleThreadedResult()
    {
        const int m = 260, n = 330, k = 400, callers = 4, rounds = 2;
        Assert.True((long)m * n * k >= Gemm.ParallelThreshold, "The shape must be large enough to use the helper pool.");
        var random = new Random(23);
        var inputs = Enumerable.Range(0, callers)
            .Select(_ => (A: GemmReference.Random(random, m * k), B: GemmReference.Random(random, n * k))).ToArray();
        var expected = inputs.Select(input =>
        {
            var c = new float[m * n];
            Gemm.MultiplyTransposedB(input.A, input.B, c, m, n, k, threads: 1);
            return c;
        }).ToArray();

        var results = new float[callers][];
        var threads = Enumerable.Range(0, callers).Select(caller => new Thread(() =>
        {
            var c = new float[m * n];
            for (int round = 0; round < rounds; round++)
            {
                Gemm.MultiplyTransposedB(inputs[caller].A, inputs[caller].B, c, m, n, k, threads: 2);
                if (!c.AsSpan().SequenceEqual(expected[caller])) return;
            }

            results[caller] = c;
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        for (int caller = 0; caller < callers; caller++)
        {
            Assert.True(results[caller] is not null, $"Caller {caller} got a result different from the single-threaded one.");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RepeatedCallsDoNotAllocate(int threads)
    {
        const int m = 200, n = 420, k = 400;
        Assert.True((long)m * n * k >= Gemm.ParallelThreshold, "With threads = 2 the shape must be large enough to use the helper pool.");
        var random = new Random(2);
        var a = GemmReference.Random(random, m * k);
        var b = GemmReference.Random(random, n * k);
        var c = new float[m * n];
        var path = GemmPaths.Best;
        var kinds = Enum.GetValues<GemmKind>();
        foreach (var kind in kinds) GemmReference.Run(kind, a, b, c, m, n, k, false, threads, path);

        Assert.Equal(0, ThreadAllocations.Least(() =>
        {
            foreach (var kind in kinds) GemmReference.Run(kind, a, b, c, m, n, k, true, threads, path);
        }));
    }
}
