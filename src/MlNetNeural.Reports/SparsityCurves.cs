using MlNetNeural.Reports.Plots;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports;

/// <summary>One measured point of a pruned model: its sparsity and a quality metric, optionally with a spread (e.g. over seeds).</summary>
/// <param name="Sparsity">Fraction of pruned weights, in [0, 1].</param>
/// <param name="Value">The metric (e.g. test accuracy).</param>
/// <param name="Low">Lower end of the spread, or null.</param>
/// <param name="High">Upper end of the spread, or null.</param>
public sealed record SparsityPoint(double Sparsity, double Value, double? Low = null, double? High = null);

/// <summary>A named series of <see cref="SparsityPoint"/>s, e.g. one model pruned to several sparsities.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">The points, in any order.</param>
public sealed record SparsityCurve(string Name, IReadOnlyList<SparsityPoint> Points);

/// <summary>The chart of a pruning study: a quality metric against sparsity, one line per curve, with the spreads as error bars.</summary>
public static class SparsityCurves
{
    /// <summary>A chart of <paramref name="metricName"/> against sparsity (in percent) for each curve.</summary>
    /// <param name="curves">One or more curves.</param>
    /// <param name="metricName">Name of the metric on the vertical axis, e.g. "Test accuracy".</param>
    /// <param name="caption">What the chart shows and how it was measured.</param>
    /// <param name="valueFormat">.NET format of the vertical axis' labels, e.g. "0.0%" for fractions; null for plain numbers.</param>
    public static ReportPlot Plot(IReadOnlyList<SparsityCurve> curves, string metricName, string caption, string? valueFormat = null)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0 || curves.Any(curve => curve.Points.Count == 0))
            throw new ArgumentException("Give at least one curve, each with at least one point.", nameof(curves));
        var model = PlotStyle.NewModel($"{metricName} against sparsity");
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Bottom, "Pruned weights (%)", -2, 102));
        var valueAxis = PlotStyle.Axis(AxisPosition.Left, metricName);
        if (valueFormat is not null) valueAxis.StringFormat = valueFormat;
        model.Axes.Add(valueAxis);
        OxyColor[] colours = [PlotStyle.Blue, PlotStyle.Orange, PlotStyle.Green, PlotStyle.Reference];
        for (int i = 0; i < curves.Count; i++)
        {
            var colour = colours[i % colours.Length];
            var points = curves[i].Points.OrderBy(point => point.Sparsity).ToArray();
            var line = new LineSeries { Title = curves[i].Name, Color = colour, StrokeThickness = 2, MarkerType = MarkerType.Circle, MarkerSize = 4, MarkerFill = colour };
            line.Points.AddRange(points.Select(point => new DataPoint(100 * point.Sparsity, point.Value)));
            model.Series.Add(line);
            if (points.Any(point => point.Low is not null || point.High is not null))
            {
                var spread = new ScatterErrorSeries { MarkerType = MarkerType.None, ErrorBarColor = colour, ErrorBarStrokeThickness = 1.5, ErrorBarStopWidth = 4 };
                foreach (var point in points)
                {
                    double low = point.Low ?? point.Value, high = point.High ?? point.Value;
                    spread.Points.Add(new ScatterErrorPoint(100 * point.Sparsity, (low + high) / 2, 0, (high - low) / 2));
                }
                model.Series.Add(spread);
            }
        }
        // Below the plot area: the curves may run anywhere inside it.
        model.Legends.Add(new Legend
        {
            LegendPlacement = LegendPlacement.Outside, LegendPosition = LegendPosition.BottomCenter, LegendOrientation = LegendOrientation.Horizontal,
            LegendFontSize = 12, LegendBorder = OxyColors.Undefined,
        });
        return new ReportPlot("sparsity", caption, model, 720, 460);
    }

}
