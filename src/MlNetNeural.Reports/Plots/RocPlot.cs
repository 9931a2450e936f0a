using System.Globalization;
using MlNetNeural.Reports.Curves;
using OxyPlot;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

internal static class RocPlot
{
    /// <param name="curve">The curve.</param>
    /// <param name="mlNetAuc">ML.NET's AUC, shown in the title.</param>
    /// <param name="operatingPoint">False and true positive rate of the report's decisions, and the rule that made them; null for none.</param>
    public static PlotModel Create(RocCurve curve, double mlNetAuc, (double FalsePositiveRate, double TruePositiveRate, string Rule)? operatingPoint = null)
    {
        var model = PlotStyle.NewModel(string.Create(CultureInfo.InvariantCulture, $"ROC curve (AUC = {mlNetAuc:F4})"));
        PlotStyle.AddUnitAxes(model, "False positive rate (1 − specificity)", "True positive rate (sensitivity)");
        model.Series.Add(ReferenceLines.Segment("Chance", 0, 0, 1, 1));
        var line = new LineSeries { Title = "Model", Color = PlotStyle.Blue, StrokeThickness = 2.5 };
        line.Points.AddRange(PointThinning.Curve(curve.Points.Select(p => new DataPoint(p.FalsePositiveRate, p.TruePositiveRate)).ToArray()));
        model.Series.Add(line);
        if (operatingPoint is var (fpr, tpr, rule))
            model.Series.Add(OperatingPointMarker.Create(fpr, tpr, "FPR", "TPR", rule));
        PlotStyle.AddLegend(model, LegendPosition.RightBottom);
        return model;
    }
}
