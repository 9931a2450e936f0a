using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

public class PackedWeightsTests
{
    public static TheoryData<string, int, int> Shapes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var path in GemmReference.SupportedPaths)
        {
            data.Add(path.ToString(), 256, 784); // workload W's hidden layer: four-panel groups, four k blocks
            data.Add(path.ToString(), 10, 256);  // its output layer: one edge panel
            data.Add(path.ToString(), 77, 300);  // full and edge panels, two unequal-looking k blocks
            data.Add(path.ToString(), 3, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ProductGivesTheBitsOfTheUnpackedProductForAnyRowCount(string pathName, int n, int k)
    {
        var path = Enum.Parse<GemmPath>(pathName);
        var random = new Random(n * 1000 + k);
        const int maxRows = 30;
        var a = GemmReference.Random(random, maxRows * k);
        for (int i = 0; i < a.Length; i += 3) a[i] = i % 2 == 0 ? 0f : -0f; // a third of the inputs zero, for the packs that skip them
        var w = GemmReference.Random(random, n * k);
        foreach (bool skipZeroInputs in new[] { false, true })
        {
            var packed = PackedWeights.Pack(w, n, k, path, skipZeroInputs);
            Assert.Equal(skipZeroInputs, packed.SkipsZeroInputs);
            foreach (int m in new[] { 1, 2, 5, 11, 12, 13, 24, maxRows })
            {
                var expected = new float[m * n];
                Gemm.MultiplyTransposedB(a, w, expected, m, n, k, accumulate: false, threads: 1, path);
                var actual = Enumerable.Repeat(float.NaN, m * n).ToArray();
                Gemm.MultiplyTransposedB(a, packed, actual, m, threads: 1);
                int mismatch = Enumerable.Range(0, expected.Length).FirstOrDefault(
                    i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]), -1);
                Assert.True(mismatch < 0, $"skip {skipZeroInputs}, m={m}: element {mismatch} is {(mismatch < 0 ? 0 : actual[mismatch])}, unpacked {(mismatch < 0 ? 0 : expected[mismatch])}.");
            }
        }
    }

    [Fact]
    public void ZeroInputsAreSkippedOnlyWhenEveryWeightIsFinite()
    {
        float[] w = [1f, float.PositiveInfinity, 2f, 3f];
        var packed = PackedWeights.Pack(w, 2, 2, GemmPaths.Best, skipZeroInputs: true);
        Assert.False(packed.SkipsZeroInputs);
        var c = new float[2];
        Gemm.MultiplyTransposedB([1f, 0f], packed, c, 1, threads: 1);
        Assert.True(float.IsNaN(c[0]), $"0·∞ must make the first output NaN, as in the unpacked product; it is {c[0]}");
        Assert.Equal(2f, c[1]);
    }

    [Fact]
    public void ProductMatchesTheDoubleReference()
    {
        const int m = 3, n = 40, k = 520;
        var random = new Random(5);
        var a = GemmReference.Random(random, m * k);
        var w = GemmReference.Random(random, n * k);
        var c = new float[m * n];
        Gemm.MultiplyTransposedB(a, PackedWeights.Pack(w, n, k, GemmPaths.Best, skipZeroInputs: false), c, m, threads: 1);
        var (value, scale) = GemmReference.Expected(GemmKind.TransposedB, a, w, new float[m * n], m, n, k, accumulate: false);
        for (int i = 0; i < c.Length; i++) Assert.True(Math.Abs(c[i] - value[i]) <= 1e-5 * scale[i], $"element {i}: {c[i]} vs {value[i]}");
    }

    [Fact]
    public void PackingCopiesTheWeightsAndChecksTheirLength()
    {
        var w = new float[] { 1, 2, 3, 4, 5, 6 };
        var packed = PackedWeights.Pack(w, 2, 3, GemmPaths.Best, skipZeroInputs: true);
        w[0] = 100;
        var c = new float[2];
        Gemm.MultiplyTransposedB([1f, 1f, 1f], packed, c, 1, threads: 1);
        Assert.Equal(new[] { 6f, 15f }, c);
        Assert.Throws<ArgumentException>(() => PackedWeights.Pack(w, 3, 3, GemmPaths.Best, skipZeroInputs: true));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposedB([1f, 1f], packed, c, 1, threads: 1));
    }
}
