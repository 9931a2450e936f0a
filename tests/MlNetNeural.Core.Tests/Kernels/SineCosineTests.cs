using MlNetNeural.Core.Kernels;

namespace MlNetNeural.Tests.Kernels;

public class SineCosineTests
{
    private static (float[] Sines, float[] Cosines) Of(float[] angles)
    {
        float[] sines = new float[angles.Length], cosines = new float[angles.Length];
        SineCosine.Compute(angles, sines, cosines);
        return (sines, cosines);
    }

    [Theory]
    [InlineData(10f, 2e-7)]      // the range the periodic embeddings use
    [InlineData(8192f, 5e-7)]    // the largest the three-part reduction takes
    [InlineData(1e6f, 2e-7)]     // the library's functions beyond it
    public void AgreeWithTheFunctionsInDoublePrecision(float range, double tolerance)
    {
        var random = new Random(3);
        float[] angles = [.. Enumerable.Range(0, 20_001).Select(_ => (float)((random.NextDouble() * 2 - 1) * range))];

        var (sines, cosines) = Of(angles);

        for (int i = 0; i < angles.Length; i++)
        {
            Assert.True(Math.Abs(sines[i] - Math.Sin(angles[i])) <= tolerance, $"sin({angles[i]:R}) = {sines[i]:R}, exact {Math.Sin(angles[i]):R}.");
            Assert.True(Math.Abs(cosines[i] - Math.Cos(angles[i])) <= tolerance, $"cos({angles[i]:R}) = {cosines[i]:R}, exact {Math.Cos(angles[i]):R}.");
        }
    }

    [Fact]
    public void EveryQuadrantAndSignIsRight()
    {
        // Multiples of π/4 and points between them, both signs: each octant and each sign flip of the reduction.
        float[] angles = [.. Enumerable.Range(-40, 81).Select(i => i * MathF.PI / 8f)];

        var (sines, cosines) = Of(angles);

        for (int i = 0; i < angles.Length; i++)
        {
            Assert.Equal(Math.Sin(angles[i]), sines[i], 2e-7);
            Assert.Equal(Math.Cos(angles[i]), cosines[i], 2e-7);
        }
    }

    [Fact]
    public void SpecialValues()
    {
        var (sines, cosines) = Of([0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 8193f]);

        Assert.Equal(0, BitConverter.SingleToInt32Bits(sines[0]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(sines[1]));
        Assert.Equal([1f, 1f], cosines[..2]);
        Assert.All(sines[2..5], value => Assert.True(float.IsNaN(value)));
        Assert.All(cosines[2..5], value => Assert.True(float.IsNaN(value)));
        Assert.Equal(MathF.Sin(8193f), sines[5]);
        Assert.Equal(MathF.Cos(8193f), cosines[5]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(13)]
    [InlineData(37)]
    public void EveryValueGetsTheSameBitsWhereverItSitsInTheSpan(int length)
    {
        var random = new Random(length);
        float[] angles = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 20 - 10))];

        var (sines, cosines) = Of(angles);

        for (int i = 0; i < length; i++)
        {
            var (sine, cosine) = Of([angles[i]]);
            Assert.Equal(BitConverter.SingleToInt32Bits(sines[i]), BitConverter.SingleToInt32Bits(sine[0]));
            Assert.Equal(BitConverter.SingleToInt32Bits(cosines[i]), BitConverter.SingleToInt32Bits(cosine[0]));
        }
    }
}
