using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Tests;

public sealed class SparsityCurvesTests
{
    [Fact]
    public void Each_curve_is_a_line_over_sparsity_in_percent_with_its_spread_as_error_bars()
    {
        var plot = SparsityCurves.Plot(
            [
                new SparsityCurve("five seeds", [new SparsityPoint(0.9, 0.92, 0.91, 0.935), new SparsityPoint(0, 0.93, 0.925, 0.94)]),
                new SparsityCurve("one model", [new SparsityPoint(0.5, 0.95), new SparsityPoint(0.95, 0.94)]),
            ],
            "Test accuracy", "caption", "0.0%");

        var lines = plot.Model.Series.OfType<LineSeries>().ToArray();
        Assert.Equal(["five seeds", "one model"], lines.Select(line => line.Title));
        Assert.Equal([(0.0, 0.93), (90.0, 0.92)], lines[0].Points.Select(p => (p.X, p.Y)));
        var spread = Assert.Single(plot.Model.Series.OfType<ScatterErrorSeries>());
        Assert.Equal([(0.0, 0.9325, 0.0075), (90.0, 0.9225, 0.0125)], spread.Points.Select(p => (p.X, Math.Round(p.Y, 6), Math.Round(p.ErrorY, 6))));
        Assert.Equal("0.0%", plot.Model.Axes.Single(axis => axis.Position == AxisPosition.Left).StringFormat);
        Assert.Equal("sparsity", plot.Key);
        Assert.True(plot.ToPng().Length > 1000);
        Assert.Contains("five seeds", plot.ToSvg());
    }

    [Fact]
    public void A_chart_without_points_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SparsityCurves.Plot([], "Accuracy", "caption"));
        Assert.Throws<ArgumentException>(() => SparsityCurves.Plot([new SparsityCurve("empty", [])], "Accuracy", "caption"));
    }
}
