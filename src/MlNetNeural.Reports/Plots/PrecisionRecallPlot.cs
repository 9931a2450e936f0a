using System.Globalization;
using MlNetNeural.Reports.Curves;
using OxyPlot;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

internal static class PrecisionRecallPlot
{
    /// <param name="curve">The curve.</param>
    /// <param name="mlNetAreaUnderPrecisionRecall">ML.NET's AUPRC, shown in the title.</param>
    /// <param name="operatingPoint">Recall and precision of the report's decisions, and the rule that made them; null for none.</param>
    public static PlotModel Create(PrecisionRecallCurve curve, double mlNetAreaUnderPrecisionRecall, (double Recall, double Precision, string Rule)? operatingPoint = null)
    {
        var model = PlotStyle.NewModel(string.Create(CultureInfo.InvariantCulture, $"Precision-recall curve (AUPRC = {mlNetAreaUnderPrecisionRecall:F4})"));
        PlotStyle.AddUnitAxes(model, "Recall (sensitivity)", "Precision (positive predictive value)");
        model.Series.Add(ReferenceLines.Segment(
            string.Create(CultureInfo.InvariantCulture, $"Chance (positive rate {curve.PositiveRate:F3})"),
            0, curve.PositiveRate, 1, curve.PositiveRate));
        var line = new LineSeries { Title = "Model", Color = PlotStyle.Blue, StrokeThickness = 2.5 };
        line.Points.AddRange(PointThinning.Curve(curve.Points.Select(p => new DataPoint(p.Recall, p.Precision)).ToArray()));
        model.Series.Add(line);
        if (operatingPoint is var (recall, precision, rule))
            model.Series.Add(OperatingPointMarker.Create(recall, precision, "recall", "precision", rule));
        PlotStyle.AddLegend(model, LegendPosition.LeftBottom);
        return model;
    }
}
