using OxyPlot;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>Dashed grey reference lines (chance, perfect calibration, y = x) that appear in the legend.</summary>
internal static class ReferenceLines
{
    public static LineSeries Segment(string title, double x0, double y0, double x1, double y1)
    {
        var line = new LineSeries
        {
            Title = title,
            Color = PlotStyle.Reference,
            LineStyle = LineStyle.Dash,
            StrokeThickness = 1.5,
        };
        line.Points.Add(new DataPoint(x0, y0));
        line.Points.Add(new DataPoint(x1, y1));
        return line;
    }
}
