using MlNetNeural.Reports.Curves;

namespace MlNetNeural.Reports.Tests;

/// <summary>Hand-checkable cases for the curve arithmetic (ML.NET agreement is tested on real data in the report tests).</summary>
public sealed class CurveTests
{
    [Fact]
    public void Roc_of_fully_tied_scores_is_the_diagonal_with_area_one_half()
    {
        var roc = RocCurve.Compute(new LabeledScores([true, false, true, false], [0.3, 0.3, 0.3, 0.3]));

        Assert.Equal([(0.0, 0.0), (1.0, 1.0)], roc.Points.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.Equal(0.5, roc.AreaUnderCurve, 12);
    }

    [Fact]
    public void Roc_area_counts_a_tied_positive_negative_pair_as_one_half()
    {
        // Pairs (positive score, negative score): (0.9,0.9) tie, (0.9,0.2) win, (0.5,0.9) loss, (0.5,0.2) win → (2 + 0.5) / 4.
        var roc = RocCurve.Compute(new LabeledScores([true, true, false, false], [0.9, 0.5, 0.9, 0.2]));

        Assert.Equal(0.625, roc.AreaUnderCurve, 12);
        Assert.Equal([0.0, 0.5, 0.5, 1.0], roc.Points.Select(p => p.FalsePositiveRate));
        Assert.Equal([0.0, 0.5, 1.0, 1.0], roc.Points.Select(p => p.TruePositiveRate));
    }

    [Fact]
    public void Precision_recall_points_treat_tied_scores_as_one_threshold()
    {
        var pr = PrecisionRecallCurve.Compute(new LabeledScores([true, false, true, false, true], [0.8, 0.8, 0.6, 0.4, 0.1]));

        Assert.Equal([0.8, 0.6, 0.4, 0.1], pr.Points.Select(p => p.Threshold));
        Assert.Equal([1 / 3.0, 2 / 3.0, 2 / 3.0, 1.0], pr.Points.Select(p => p.Recall));
        Assert.Equal([0.5, 2 / 3.0, 0.5, 0.6], pr.Points.Select(p => p.Precision));
        Assert.Equal(0.6, pr.PositiveRate, 12);
    }

    [Fact]
    public void Calibration_bins_are_equal_width_skip_empty_bins_and_put_one_in_the_last_bin()
    {
        var curve = CalibrationCurve.Compute(new LabeledScores([false, true, true, true, false], [0.05, 0.15, 0.95, 1.0, 0.55]), binCount: 10, CalibrationBinning.EqualWidth);

        Assert.Equal([0.0, 0.1, 0.5, 0.9], curve.Bins.Select(b => b.Lower));
        Assert.Equal([1, 1, 1, 2], curve.Bins.Select(b => b.Count));
        Assert.Equal(0.975, curve.Bins[^1].MeanPredicted, 12);
        Assert.Equal([0.0, 1.0, 0.0, 1.0], curve.Bins.Select(b => b.ObservedPositiveRate));
    }

    [Fact]
    public void Quantile_bins_hold_equal_counts_and_keep_equal_probabilities_together()
    {
        double[] probabilities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.8, 0.9, 0.95];
        bool[] labels = [false, false, true, false, true, false, true, true, true, true];

        var curve = CalibrationCurve.Compute(new LabeledScores(labels, probabilities), binCount: 5);

        Assert.Equal(CalibrationBinning.Quantile, curve.Binning);
        Assert.Equal([2, 2, 3, 1, 2], curve.Bins.Select(b => b.Count));       // the three 0.5s share one bin
        Assert.Equal([0.1, 0.3, 0.5, 0.8, 0.9], curve.Bins.Select(b => b.Lower));
        Assert.Equal([0.0, 0.5, 2.0 / 3, 1.0, 1.0], curve.Bins.Select(b => b.ObservedPositiveRate));
        Assert.All(curve.Bins, b => Assert.InRange(b.ObservedPositiveRate, b.ObservedLower, b.ObservedUpper));
        Assert.Equal(10, curve.PredictionHistogram.Sum());
        Assert.Equal(3, curve.PredictionHistogram[10]);                          // [0.50, 0.55)
    }

    [Fact]
    public void Wilson_interval_matches_the_textbook_values()
    {
        var (lower, upper) = CalibrationCurve.WilsonInterval(5, 10);          // Wilson (1927); e.g. Newcombe (1998), method 3
        Assert.Equal(0.2366, lower, 4);
        Assert.Equal(0.7634, upper, 4);
        var (zeroLower, zeroUpper) = CalibrationCurve.WilsonInterval(0, 3);
        Assert.Equal(0.0, zeroLower, 12);
        Assert.Equal(0.5615, zeroUpper, 4);
    }

    [Fact]
    public void Calibration_rejects_values_that_are_not_probabilities()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationCurve.Compute(new LabeledScores([true, false], [2.5, 0.1]), 10));
        Assert.Contains("2.5", error.Message);
    }

    [Fact]
    public void Curves_need_both_classes()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RocCurve.Compute(new LabeledScores([true, true], [0.2, 0.7])));
        Assert.Contains("2 positive and 0 negative", error.Message);
    }
}
