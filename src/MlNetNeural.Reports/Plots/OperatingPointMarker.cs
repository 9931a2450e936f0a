using System.Globalization;
using OxyPlot;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>The point of a curve where the report's decisions lie (the confusion matrix's rates), drawn as a labelled marker.</summary>
internal static class OperatingPointMarker
{
    /// <summary>An orange diamond at (<paramref name="x"/>, <paramref name="y"/>) whose legend entry names the decision rule and the two rates.</summary>
    public static ScatterSeries Create(double x, double y, string xName, string yName, string decisionRule)
    {
        var marker = new ScatterSeries
        {
            Title = string.Create(CultureInfo.InvariantCulture, $"Operating point ({xName} {x:F3}, {yName} {y:F3})\n{PlotStyle.Wrap(decisionRule, 70)}"),
            MarkerType = MarkerType.Diamond,
            MarkerSize = 8,
            MarkerFill = PlotStyle.Orange,
            MarkerStroke = OxyColors.Black,
            MarkerStrokeThickness = 1,
        };
        marker.Points.Add(new ScatterPoint(x, y));
        return marker;
    }
}
