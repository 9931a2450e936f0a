using MlNetNeural.Reports.Curves;
using MlNetNeural.Reports.Plots;
using OxyPlot;
using OxyPlot.Annotations;

namespace MlNetNeural.Reports.Tests;

public sealed class PlotTests
{
    [Fact]
    public void Curve_thinning_keeps_the_ends_and_drops_only_points_within_tolerance_of_the_last_kept_one()
    {
        // 20,000 distinct scores with labels alternating in blocks of 7: a ROC staircase of 20,001 points.
        var labels = Enumerable.Range(0, 20_000).Select(i => i / 7 % 2 == 0).ToArray();
        var scores = Enumerable.Range(0, 20_000).Select(i => (double)i).ToArray();
        var points = RocCurve.Compute(new LabeledScores(labels, scores)).Points
            .Select(p => new DataPoint(p.FalsePositiveRate, p.TruePositiveRate)).ToArray();

        var kept = PointThinning.Curve(points);

        Assert.InRange(kept.Count, 100, points.Length / 5);
        Assert.Equal(points[0], kept[0]);
        Assert.Equal(points[^1], kept[^1]);
        var lastKept = points[0];
        var next = 1;
        foreach (var point in points.Skip(1))
        {
            if (next < kept.Count && point.Equals(kept[next]))
            {
                lastKept = point;
                next++;
                continue;
            }
            Assert.True(Math.Abs(point.X - lastKept.X) < PointThinning.UnitSquareTolerance && Math.Abs(point.Y - lastKept.Y) < PointThinning.UnitSquareTolerance);
        }
        Assert.Equal(kept.Count, next);
    }

    [Fact]
    public void Scatter_stride_caps_the_number_of_dots()
    {
        Assert.Equal(1, PointThinning.ScatterStride(PointThinning.MaxScatterPoints));
        Assert.Equal(2, PointThinning.ScatterStride(PointThinning.MaxScatterPoints + 1));
        var stride = PointThinning.ScatterStride(100_001);
        Assert.InRange((100_001 + stride - 1) / stride, PointThinning.MaxScatterPoints / 2, PointThinning.MaxScatterPoints);
    }

    [Fact]
    public void Loss_chart_without_validation_is_titled_training_loss()
    {
        Assert.Equal("Training loss", TrainingCurvePlots.Loss(new TrainingHistory([0.7, 0.5, 0.4])).Title);
        Assert.Equal("Training and validation loss", TrainingCurvePlots.Loss(SampleCards.History()).Title);
    }

    [Theory]
    [InlineData(12, VerticalAlignment.Bottom)] // last epoch: the label goes left of the line, inside the chart
    [InlineData(3, VerticalAlignment.Top)]
    public void Best_epoch_label_is_placed_on_the_side_with_room(int bestEpoch, VerticalAlignment expected)
    {
        var history = SampleCards.History();
        var plot = TrainingCurvePlots.Loss(new TrainingHistory(history.TrainLoss, history.ValidationLoss, bestEpoch: bestEpoch));

        var marker = Assert.IsType<LineAnnotation>(Assert.Single(plot.Annotations));
        Assert.Equal(bestEpoch, marker.X);
        Assert.Equal(expected, marker.TextVerticalAlignment);
    }
}
