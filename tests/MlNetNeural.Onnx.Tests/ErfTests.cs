using MlNetNeural.Onnx.Tests.TestSupport;

namespace MlNetNeural.Onnx.Tests;

/// <summary>The reference GELU is only as good as its erf: checked against known values (Python's math.erf).</summary>
public sealed class ErfTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(2.5, 0.999593047982555)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.0, -0.8427007929497149)]
    public void MatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, Erf.Of(x), 1e-14);

    [Theory]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    public void TailIsAccurate(double x, double expectedComplement) =>
        Assert.Equal(expectedComplement, 1.0 + Erf.Of(-x), 1e-15);
}
