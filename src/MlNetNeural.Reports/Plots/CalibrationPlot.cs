using System.Globalization;
using MlNetNeural.Reports.Curves;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Reliability diagram: observed positive share against mean predicted probability per bin (upper panel) and
/// how many rows each bin of the evaluated model holds (lower panel), so sparse bins are not over-read.
/// </summary>
internal static class CalibrationPlot
{
    private const string CountAxisKey = "rows";

    /// <param name="series">Series to draw; the last one is the evaluated model, whose bin counts are shown.</param>
    public static PlotModel Create(IReadOnlyList<(string Name, CalibrationCurve Curve)> series)
    {
        var model = PlotStyle.NewModel("Calibration (reliability) curve");
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Bottom, "Mean predicted probability (per bin)", -0.01, 1.01));
        var share = PlotStyle.Axis(AxisPosition.Left, "Observed share of positives", -0.02, 1.02);
        share.StartPosition = 0.3;
        share.MajorStep = 0.2;
        model.Axes.Add(share);
        var rows = PlotStyle.Axis(AxisPosition.Left, "Rows", 0);
        rows.Key = CountAxisKey;
        rows.EndPosition = 0.22;
        rows.MinimumPadding = 0;
        rows.MaximumPadding = 0.15;
        model.Axes.Add(rows);

        model.Series.Add(ReferenceLines.Segment("Perfect calibration", 0, 0, 1, 1));
        OxyColor[] colors = [PlotStyle.Orange, PlotStyle.Green, PlotStyle.Blue];
        MarkerType[] markers = [MarkerType.Square, MarkerType.Diamond, MarkerType.Circle];
        for (var i = 0; i < series.Count; i++)
        {
            // The evaluated model (last) is always blue circles, whatever else is compared.
            var style = i == series.Count - 1 ? colors.Length - 1 : i % (colors.Length - 1);
            var line = new LineSeries
            {
                Title = series[i].Name,
                Color = colors[style],
                StrokeThickness = 2,
                MarkerType = markers[style],
                MarkerSize = 5,
                MarkerFill = colors[style],
            };
            line.Points.AddRange(series[i].Curve.Bins.Select(b => new DataPoint(b.MeanPredicted, b.ObservedPositiveRate)));
            model.Series.Add(line);
        }
        model.Series.Add(BinCounts(series[^1]));
        PlotStyle.AddLegend(model, LegendPosition.LeftTop);
        return model;
    }

    private static RectangleBarSeries BinCounts((string Name, CalibrationCurve Curve) evaluated)
    {
        var bars = new RectangleBarSeries
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Rows per bin ({evaluated.Name})"),
            YAxisKey = CountAxisKey,
            FillColor = OxyColor.FromAColor(110, PlotStyle.Blue),
            StrokeColor = PlotStyle.Blue,
            StrokeThickness = 1,
        };
        foreach (var bin in evaluated.Curve.Bins)
            bars.Items.Add(new RectangleBarItem(bin.Lower, 0, bin.Upper, bin.Count));
        return bars;
    }
}
