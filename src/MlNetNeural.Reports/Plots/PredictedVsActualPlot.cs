using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>Scatter of predictions against true values with the y = x line of perfect prediction.</summary>
internal static class PredictedVsActualPlot
{
    public static PlotModel Create(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, string labelName)
    {
        var model = PlotStyle.NewModel("Predicted vs actual");
        var low = Math.Min(actual.Min(), predicted.Min());
        var high = Math.Max(actual.Max(), predicted.Max());
        var margin = (high - low) * 0.03;
        if (margin == 0) margin = 1;
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Bottom, $"Actual {labelName}", low - margin, high + margin));
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Left, $"Predicted {labelName}", low - margin, high + margin));
        model.Series.Add(ReferenceLines.Segment("Perfect prediction (y = x)", low, low, high, high));
        var stride = PointThinning.ScatterStride(actual.Count);
        var points = new ScatterSeries
        {
            Title = stride == 1 ? "Test rows" : string.Create(CultureInfo.InvariantCulture, $"Test rows (1 in {stride} of {actual.Count:N0} shown)"),
            MarkerType = MarkerType.Circle,
            MarkerSize = 3.5,
            MarkerFill = OxyColor.FromAColor(140, PlotStyle.Blue),
            MarkerStroke = OxyColors.Undefined,
        };
        for (var i = 0; i < actual.Count; i += stride)
            points.Points.Add(new ScatterPoint(actual[i], predicted[i]));
        model.Series.Add(points);
        PlotStyle.AddLegend(model, LegendPosition.LeftTop);
        return model;
    }
}
