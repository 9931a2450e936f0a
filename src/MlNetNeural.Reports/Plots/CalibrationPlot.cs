using System.Globalization;
using MlNetNeural.Reports.Curves;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Reliability diagram: observed positive share against mean predicted probability per bin, with the 95 % Wilson
/// interval of the evaluated model's shares (upper panel), and how the evaluated model's predicted probabilities are
/// spread over [0, 1] (lower panel), so a reader sees how many rows stand behind each part of the curve.
/// </summary>
internal static class CalibrationPlot
{
    private const string CountAxisKey = "rows";

    /// <param name="series">Series to draw; the last one is the evaluated model, whose intervals and histogram are shown.</param>
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
            bool evaluated = i == series.Count - 1;
            var style = evaluated ? colors.Length - 1 : i % (colors.Length - 1);
            var curve = series[i].Curve;
            if (evaluated) AddIntervals(model, curve, colors[style]);
            var line = new LineSeries
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"{series[i].Name} ({curve.Bins.Count} bins, {BinSize(curve)})"),
                Color = colors[style],
                StrokeThickness = 2,
                MarkerType = markers[style],
                MarkerSize = 5,
                MarkerFill = colors[style],
            };
            line.Points.AddRange(curve.Bins.Select(b => new DataPoint(b.MeanPredicted, b.ObservedPositiveRate)));
            model.Series.Add(line);
        }
        model.Series.Add(Histogram(series[^1]));
        PlotStyle.AddLegend(model, LegendPosition.LeftTop);
        return model;
    }

    private static string BinSize(CalibrationCurve curve)
    {
        var counts = curve.Bins.Select(b => b.Count).ToArray();
        return counts.Min() == counts.Max()
            ? string.Create(CultureInfo.InvariantCulture, $"{counts[0]} rows each")
            : string.Create(CultureInfo.InvariantCulture, $"{counts.Min()}–{counts.Max()} rows each");
    }

    /// <summary>One vertical whisker per bin from the lower to the upper end of its Wilson interval; one legend entry for all.</summary>
    private static void AddIntervals(PlotModel model, CalibrationCurve curve, OxyColor color)
    {
        var whiskerColor = OxyColor.FromAColor(150, color);
        for (var i = 0; i < curve.Bins.Count; i++)
        {
            var bin = curve.Bins[i];
            var whisker = new LineSeries
            {
                Title = i == 0 ? "95 % interval of the observed share (Wilson)" : null,
                Color = whiskerColor,
                StrokeThickness = 1.5,
            };
            whisker.Points.Add(new DataPoint(bin.MeanPredicted, bin.ObservedLower));
            whisker.Points.Add(new DataPoint(bin.MeanPredicted, bin.ObservedUpper));
            model.Series.Add(whisker);
        }
    }

    private static RectangleBarSeries Histogram((string Name, CalibrationCurve Curve) evaluated)
    {
        var bars = new RectangleBarSeries
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Rows per 0.05 of predicted probability ({evaluated.Name})"),
            YAxisKey = CountAxisKey,
            FillColor = OxyColor.FromAColor(110, PlotStyle.Blue),
            StrokeColor = PlotStyle.Blue,
            StrokeThickness = 1,
        };
        var histogram = evaluated.Curve.PredictionHistogram;
        for (var i = 0; i < histogram.Count; i++)
        {
            if (histogram[i] > 0)
                bars.Items.Add(new RectangleBarItem((double)i / histogram.Count, 0, (double)(i + 1) / histogram.Count, histogram[i]));
        }
        return bars;
    }
}
