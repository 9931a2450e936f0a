using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;
using static MlNetNeural.Tests.Core.InputScalingFitTests;

namespace MlNetNeural.Tests.Core;

/// <summary>Which features are log-compressed, with what scale, and the input scaling fitted on the compressed values.</summary>
public sealed class SkewedFeatureFitTests
{
    /// <summary>A long right tail: 0, then 1, 2, 4, … 2^k, most values small.</summary>
    private static float[] LongTailed(int rows) => Enumerable.Range(0, rows).Select(i => i % 10 == 0 ? 0f : MathF.Pow(2f, i % 10 == 9 ? 12 : i % 4)).ToArray();

    [Fact]
    public void OnlyNonNegativeSkewedFeaturesWithMoreThanTwoValuesAreCompressed()
    {
        const int rows = 200;
        float[] tailed = LongTailed(rows);
        float[] shiftedBelowZero = tailed.Select(v => v - 1f).ToArray();           // the same tail, but negative values
        float[] indicator = Enumerable.Range(0, rows).Select(i => i % 20 == 0 ? 1f : 0f).ToArray(); // skewed, but two values
        float[] symmetric = Enumerable.Range(0, rows).Select(i => (float)(i % 7)).ToArray();
        var spec = SkewedFeatureFit.Fit(Columns(tailed, shiftedBelowZero, indicator, symmetric), skewnessThreshold: 1f)!;

        Assert.Equal([0], spec.CompressedFeatures);
        // The median of the positive values 1, 2, 4, 8, 4096 in their proportions.
        float[] positives = tailed.Where(v => v > 0f).Order().ToArray();
        Assert.Equal((positives[(positives.Length - 1) / 2] + positives[positives.Length / 2]) / 2, spec.Scales[0]);
        Assert.Equal(0f, spec.Scales[1]);
        Assert.True(SkewedFeatureFit.Skewness(tailed) > 1);
        Assert.True(SkewedFeatureFit.Skewness(indicator) > 1);
    }

    [Fact]
    public void TheThresholdDecidesAndNoQualifyingFeatureMeansNoLayer()
    {
        float[] mild = Enumerable.Range(0, 300).Select(i => (float)Math.Sqrt(i % 50) * (i % 50)).ToArray();
        double skewness = SkewedFeatureFit.Skewness(mild);
        Assert.NotNull(SkewedFeatureFit.Fit(Columns(mild), (float)skewness - 0.01f));
        Assert.Null(SkewedFeatureFit.Fit(Columns(mild), (float)skewness + 0.01f));
        Assert.True(double.IsNaN(SkewedFeatureFit.Skewness([3f, 3f, 3f])));
        Assert.Throws<ArgumentOutOfRangeException>(() => SkewedFeatureFit.Fit(Columns(mild), float.NaN));
    }

    [Fact]
    public void TheInputScalingIsFittedOnTheCompressedValues()
    {
        float[] tailed = LongTailed(400);
        var data = Columns(tailed);
        var compression = SkewedFeatureFit.Fit(data, 1f)!;
        var scaling = InputScalingFit.Fit(data, InputScaling.Robust, 3f, false, compression)!;
        var direct = InputScalingFit.Fit(Columns(tailed.Select(v => compression.Apply(0, v)).ToArray()), InputScaling.Robust, 3f, false)!;
        Assert.Equal(direct.Shift, scaling.Shift);
        Assert.Equal(direct.Scale, scaling.Scale);
        var standardized = InputScalingFit.Fit(data, InputScaling.Standardize, 0f, false, compression)!;
        double mean = tailed.Average(v => (double)compression.Apply(0, v));
        Assert.Equal(mean, standardized.Shift[0], 5);
        Assert.Throws<ArgumentException>(() => InputScalingFit.Fit(Columns(tailed, tailed), InputScaling.Robust, 3f, false, compression));
    }
}
