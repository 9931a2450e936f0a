using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>Per-epoch loss curves and validation metric from a <see cref="TrainingHistory"/>.</summary>
internal static class TrainingCurvePlots
{
    public static PlotModel Loss(TrainingHistory history)
    {
        var model = PlotStyle.NewModel(history.ValidationLoss is null ? "Training loss" : "Training and validation loss");
        AddEpochAxis(model, history);
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Left, "Loss"));
        model.Series.Add(EpochLine("Training loss", history.TrainLoss, PlotStyle.Blue));
        if (history.ValidationLoss is { } validationLoss)
            model.Series.Add(EpochLine("Validation loss", validationLoss, PlotStyle.Orange));
        AddBestEpochMarker(model, history, labelAtTop: true); // losses fall: the top is free
        PlotStyle.AddLegend(model, LegendPosition.RightTop);
        return model;
    }

    public static PlotModel ValidationMetric(TrainingHistory history, IReadOnlyList<double> metric, string metricName)
    {
        var model = PlotStyle.NewModel($"Validation {metricName} per epoch");
        AddEpochAxis(model, history);
        model.Axes.Add(PlotStyle.Axis(AxisPosition.Left, metricName));
        model.Series.Add(EpochLine($"Validation {metricName}", metric, PlotStyle.Green));
        AddBestEpochMarker(model, history, labelAtTop: false); // quality metrics rise: the bottom is free
        PlotStyle.AddLegend(model, LegendPosition.RightBottom);
        return model;
    }

    private static void AddEpochAxis(PlotModel model, TrainingHistory history)
    {
        var axis = PlotStyle.Axis(AxisPosition.Bottom, "Epoch");
        axis.MinimumMajorStep = 1;
        axis.MinimumMinorStep = 1;
        model.Axes.Add(axis);
    }

    private static LineSeries EpochLine(string title, IReadOnlyList<double> values, OxyColor color)
    {
        var line = new LineSeries
        {
            Title = title,
            Color = color,
            StrokeThickness = 2,
            MarkerType = values.Count <= 40 ? MarkerType.Circle : MarkerType.None,
            MarkerSize = 3,
            MarkerFill = color,
        };
        line.Points.AddRange(values.Select((value, i) => new DataPoint(i + 1, value)));
        return line;
    }

    private static void AddBestEpochMarker(PlotModel model, TrainingHistory history, bool labelAtTop)
    {
        if (history.BestEpoch is not { } best)
            return;
        model.Annotations.Add(new LineAnnotation
        {
            Type = LineAnnotationType.Vertical,
            X = best,
            Color = PlotStyle.Reference,
            LineStyle = LineStyle.Dot,
            StrokeThickness = 1.5,
            Text = string.Create(CultureInfo.InvariantCulture, $"best epoch {best}"),
            TextColor = OxyColor.FromRgb(0x40, 0x40, 0x40),
            TextOrientation = AnnotationTextOrientation.Vertical,
            TextLinePosition = labelAtTop ? 1 : 0,
            TextHorizontalAlignment = labelAtTop ? HorizontalAlignment.Right : HorizontalAlignment.Left,
            // The rotated label sits beside the line; in the right half of the chart put it on the left side so the
            // plot edge does not cut it off (e.g. when the last epoch was the best).
            TextVerticalAlignment = best > (1 + history.EpochCount) / 2.0 ? VerticalAlignment.Bottom : VerticalAlignment.Top,
        });
    }
}
