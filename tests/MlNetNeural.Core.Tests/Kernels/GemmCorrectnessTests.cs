using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

public class GemmCorrectnessTests
{
    private const int Sentinels = 40;

    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 7, 1), (7, 1, 31), (7, 7, 7), (31, 33, 7), (9, 31, 257), (257, 33, 31),
        (7, 257, 33), (1, 257, 257), (257, 1, 33), (31, 257, 1), (5, 40, 600), (32, 64, 300), (16, 40, 9),
    ];

    public static TheoryData<GemmKind, string, bool> KindsPathsModes()
    {
        var data = new TheoryData<GemmKind, string, bool>();
        foreach (var kind in Enum.GetValues<GemmKind>())
            foreach (var path in GemmReference.SupportedPaths)
                foreach (var accumulate in new[] { false, true })
                    data.Add(kind, path.ToString(), accumulate);
        return data;
    }

    [Theory]
    [MemberData(nameof(KindsPathsModes))]
    public void MatchesDoublePrecisionReferenceOnOddShapes(GemmKind kind, string pathName, bool accumulate)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        var random = new Random(17);
        foreach (var (m, n, k) in Shapes)
        {
            var a = GemmReference.Random(random, m * k);
            var b = GemmReference.Random(random, n * k);
            var c = GemmReference.Random(random, m * n + Sentinels);
            var before = (float[])c.Clone();

            GemmReference.Run(kind, a, b, c, m, n, k, accumulate, threads: 2, path);

            var (expected, scale) = GemmReference.Expected(kind, a, b, before, m, n, k, accumulate);
            for (int e = 0; e < m * n; e++)
            {
                double tolerance = 1e-6 * (k + 1) * scale[e] + 1e-30;
                Assert.True(Math.Abs(c[e] - expected[e]) <= tolerance,
                    $"{kind} {path} accumulate={accumulate} m={m} n={n} k={k}: C[{e / n},{e % n}] = {c[e]}, expected {expected[e]} ± {tolerance}.");
            }

            Assert.Equal(before[(m * n)..], c[(m * n)..]);
        }
    }

    [Theory]
    [MemberData(nameof(KindsPathsModes))]
    public void EmptyInnerDimensionClearsOrKeepsOutput(GemmKind kind, string pathName, bool accumulate)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        var c = new float[] { 1, 2, 3, 4, 5, 6, 9 };
        GemmReference.Run(kind, [], [], c, 2, 3, 0, accumulate, threads: 1, path);
        Assert.Equal(accumulate ? new float[] { 1, 2, 3, 4, 5, 6, 9 } : [0, 0, 0, 0, 0, 0, 9], c);
    }

    [Theory]
    [InlineData(GemmKind.TransposedB, 13, 1, GemmJob.MaxPackedA / 12)]
    [InlineData(GemmKind.Plain, 13, 1, GemmJob.MaxPackedA / 12)]
    [InlineData(GemmKind.TransposedA, 13, 1, GemmJob.MaxPackedA / 12)]
    public void TallShapesSpanningSeveralPackedBlocksAreCorrect(GemmKind kind, int m, int n, int k)
    {
        // With this k a packed-A block holds 12 rows (6 on 256/128-bit paths), so the product spans several blocks.
        var random = new Random(5);
        var a = GemmReference.Random(random, m * k);
        var b = GemmReference.Random(random, n * k);
        var c = new float[m * n];
        GemmReference.Run(kind, a, b, c, m, n, k, accumulate: false, threads: 2, GemmPaths.Best);
        var (expected, scale) = GemmReference.Expected(kind, a, b, c, m, n, k, accumulate: false);
        for (int e = 0; e < m * n; e++)
        {
            Assert.True(Math.Abs(c[e] - expected[e]) <= 1e-6 * (k + 1) * scale[e], $"C[{e / n},{e % n}] = {c[e]}, expected {expected[e]}.");
        }
    }

    [Fact]
    public void PublicEntryPointsUseTheFastestSupportedPath()
    {
        var random = new Random(3);
        const int m = 9, n = 40, k = 20;
        var a = GemmReference.Random(random, m * k);
        var b = GemmReference.Random(random, n * k);
        var viaPublic = new float[m * n];
        var viaBest = new float[m * n];
        Gemm.MultiplyTransposedB(a, b, viaPublic, m, n, k);
        Gemm.MultiplyTransposedB(a, b, viaBest, m, n, k, false, 1, GemmPaths.Best);
        Assert.Equal(viaBest, viaPublic);
        Assert.Equal(GemmReference.SupportedPaths.Max(), GemmPaths.Best);
    }
}
