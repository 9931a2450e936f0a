using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

public class GemmArgumentTests
{
    private delegate void Product(float[] a, float[] b, float[] c, int m, int n, int k, bool accumulate, int threads);

    private static Product For(GemmKind kind) => kind switch
    {
        GemmKind.TransposedB => (a, b, c, m, n, k, acc, t) => Gemm.MultiplyTransposedB(a, b, c, m, n, k, acc, t),
        GemmKind.Plain => (a, b, c, m, n, k, acc, t) => Gemm.Multiply(a, b, c, m, n, k, acc, t),
        _ => (a, b, c, m, n, k, acc, t) => Gemm.MultiplyTransposedA(a, b, c, m, n, k, acc, t),
    };

    [Theory]
    [InlineData(GemmKind.TransposedB)]
    [InlineData(GemmKind.Plain)]
    [InlineData(GemmKind.TransposedA)]
    public void TooShortOperandIsNamed(GemmKind kind)
    {
        var product = For(kind);
        const int m = 3, n = 4, k = 5;
        var error = Assert.Throws<ArgumentException>(() => product(new float[m * k - 1], new float[n * k], new float[m * n], m, n, k, false, 1));
        Assert.Equal("a", error.ParamName);
        Assert.Contains("needs 15", error.Message);
        error = Assert.Throws<ArgumentException>(() => product(new float[m * k], new float[n * k - 1], new float[m * n], m, n, k, false, 1));
        Assert.Equal("b", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => product(new float[m * k], new float[n * k], new float[m * n - 1], m, n, k, false, 1));
        Assert.Equal("c", error.ParamName);
    }

    [Theory]
    [InlineData(GemmKind.TransposedB)]
    [InlineData(GemmKind.Plain)]
    [InlineData(GemmKind.TransposedA)]
    public void NegativeSizesAndZeroThreadsAreRejected(GemmKind kind)
    {
        var product = For(kind);
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => product([], [], [], -1, 1, 1, false, 1)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => product([], [], [], 1, -1, 1, false, 1)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => product([], [], [], 1, 1, -1, false, 1)).ParamName);
        Assert.Equal("threads", Assert.Throws<ArgumentOutOfRangeException>(() => product([1], [1], [1], 1, 1, 1, false, 0)).ParamName);
    }

    [Fact]
    public void SizesWhoseProductOverflowsAnIntAreReportedAsTooShort()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[4], new float[4], new float[4], 70000, 2, 70000));
        Assert.Equal("a", error.ParamName);
    }
}
