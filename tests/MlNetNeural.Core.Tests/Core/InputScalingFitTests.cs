using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

/// <summary>Fitting the input-scaling layer: robust quartiles, the fallbacks for point masses, binary and constant features, standardization.</summary>
public sealed class InputScalingFitTests
{
    /// <summary>Training rows made of the given feature columns (targets 0).</summary>
    internal static TrainingData Columns(params float[][] columns)
    {
        int rows = columns[0].Length, width = columns.Length;
        var features = new float[rows * width];
        for (int r = 0; r < rows; r++) for (int j = 0; j < width; j++) features[r * width + j] = columns[j][r];
        return new TrainingData(features, width, new float[rows]);
    }

    [Fact]
    public void RobustScalingUsesTheMedianAndTheInterquartileRange()
    {
        // 1..5 and an outlier-heavy column: median 3, quartiles 2 and 4 in both, whatever the outlier.
        var spec = InputScalingFit.Fit(Columns([1f, 2f, 3f, 4f, 5f], [1f, 2f, 3f, 4f, 1e9f]), InputScaling.Robust, 3f, learnableGain: false)!;
        Assert.Equal([3f, 3f], spec.Shift);
        Assert.Equal([0.5f, 0.5f], spec.Scale);
        Assert.Equal(3f, spec.ClipBound);
    }

    [Fact]
    public void CoincidingQuartilesFallBackToHalfTheRangeAndConstantsToZero()
    {
        float[] mostlyZero = [0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 4f];
        float[] constant = Enumerable.Repeat(7f, 10).ToArray();
        var spec = InputScalingFit.Fit(Columns(mostlyZero, constant), InputScaling.Robust, 0f, learnableGain: true)!;
        Assert.Equal([0f, 7f], spec.Shift);
        Assert.Equal([0.5f, 0f], spec.Scale); // 1 / (0.5 · (4 − 0)); a constant feature is silenced
        Assert.True(spec.LearnableGain);
    }

    [Fact]
    public void APointMassOfHalfTheRowsScalesTheOtherValuesByTheirOwnQuartiles()
    {
        // 16 zeros and 1, 2, 3, 9: the quartiles are both 0. The non-zero values' quartiles (NumPy's linear rule on
        // 1, 2, 3, 9) are 1.75 and 4.5, so the scale is 1 / 2.75, not 1 / (0.5 · 9) as half the range would give.
        float[] mostlyZero = [.. Enumerable.Repeat(0f, 16), 1f, 2f, 3f, 9f];
        float[] binary = [.. Enumerable.Repeat(0f, 16), 1f, 1f, 1f, 1f];
        var spec = InputScalingFit.Fit(Columns(mostlyZero, binary), InputScaling.Robust, 3f, learnableGain: false)!;
        Assert.Equal([0f, 0f], spec.Shift);
        Assert.Equal(1f / 2.75f, spec.Scale[0], 6);
        Assert.Equal(2f, spec.Scale[1]); // the other values are all 1: no spread, so half the range as before
    }

    [Fact]
    public void ThePointMassNeedNotBeZeroAndItsValueIsLeftOut()
    {
        // 5 appears 7 times of 11; the others, 1, 2, 8, 20, have quartiles 1.75 and 11: scale 1 / 9.25, shift 5.
        var spec = InputScalingFit.Fit(Columns([1f, 2f, 5f, 5f, 5f, 5f, 5f, 5f, 5f, 8f, 20f]), InputScaling.Robust, 0f, false)!;
        Assert.Equal(5f, spec.Shift[0]);
        Assert.Equal(1f / 9.25f, spec.Scale[0], 6);
    }

    [Fact]
    public void ARareValueBeyondTheQuantileSampleStillSetsTheScale()
    {
        int rows = InputScalingFit.QuantileSampleRows * 3;
        var column = new float[rows];
        column[1] = 10f; // row 1 is not among the evenly spaced sample rows (0, 3, 6, ...)
        var spec = InputScalingFit.Fit(Columns(column), InputScaling.Robust, 3f, false)!;
        Assert.Equal(0.2f, spec.Scale[0]);
    }

    [Fact]
    public void StandardizationUsesMeanAndStandardDeviation()
    {
        var spec = InputScalingFit.Fit(Columns([1f, 3f, 1f, 3f], [5f, 5f, 5f, 5f]), InputScaling.Standardize, 0f, false)!;
        Assert.Equal([2f, 5f], spec.Shift);
        Assert.Equal([1f, 0f], spec.Scale);
        Assert.Null(InputScalingFit.Fit(Columns([1f, 2f]), InputScaling.None, 3f, false));
    }

    [Fact]
    public void AFittedLayerMapsTheTrainingQuartilesToMinusOneHalfZeroAndOneHalfBeforeTheClip()
    {
        var data = Columns(Enumerable.Range(1, 101).Select(i => (float)i).ToArray());
        var layer = (FeatureScalingLayer)InputScalingFit.Fit(data, InputScaling.Robust, 0f, false)!.Build(1, 0, new(1));
        var buffers = layer.CreateBuffers(3);
        layer.Forward([26f, 51f, 76f], buffers, 3, ForwardMode.Inference);
        Assert.Equal([-0.5f, 0f, 0.5f], buffers.Output);
    }
}
