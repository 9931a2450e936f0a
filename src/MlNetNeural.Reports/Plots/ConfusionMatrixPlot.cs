using System.Globalization;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Heat map of the confusion matrix. Cell colour = share of the actual class (row) that got this prediction,
/// so a perfect model has a dark diagonal whatever the class balance; the text gives the count and that share.
/// </summary>
internal static class ConfusionMatrixPlot
{
    // Above this many classes the cell text no longer fits; colours still show the pattern.
    private const int MaxLabelledClasses = 20;
    private static readonly OxyColor Empty = OxyColors.White;
    private static readonly OxyColor Full = OxyColor.FromRgb(0x08, 0x30, 0x6B);

    /// <param name="matrix">The counts.</param>
    /// <param name="decisionRule">How the predicted classes were decided, shown under the title.</param>
    public static PlotModel Create(ConfusionMatrixCounts matrix, string decisionRule)
    {
        var classCount = matrix.ClassNames.Count;
        var model = PlotStyle.NewModel("Confusion matrix");
        model.Subtitle = PlotStyle.Wrap("Decisions: " + decisionRule, MaxSubtitleLine);
        model.SubtitleFontSize = 12;
        model.Axes.Add(ClassAxis(AxisPosition.Bottom, "Predicted class", matrix.ClassNames, reversed: false));
        model.Axes.Add(ClassAxis(AxisPosition.Left, "Actual class", matrix.ClassNames, reversed: true));
        var fontSize = classCount <= 4 ? 15 : classCount <= 10 ? 11 : 9;
        for (var actual = 0; actual < classCount; actual++)
        {
            var rowTotal = matrix.Counts[actual].Sum();
            for (var predicted = 0; predicted < classCount; predicted++)
            {
                var count = matrix.Counts[actual][predicted];
                var share = rowTotal > 0 ? count / rowTotal : 0;
                model.Annotations.Add(new RectangleAnnotation
                {
                    MinimumX = predicted - 0.5, MaximumX = predicted + 0.5,
                    MinimumY = actual - 0.5, MaximumY = actual + 0.5,
                    Fill = OxyColor.Interpolate(Empty, Full, share),
                    Stroke = OxyColors.White,
                    StrokeThickness = 1,
                    Layer = AnnotationLayer.BelowSeries,
                });
                if (classCount > MaxLabelledClasses)
                    continue;
                model.Annotations.Add(new TextAnnotation
                {
                    TextPosition = new DataPoint(predicted, actual),
                    // Empty cells get a bare grey "0" so the eye goes to the cells that matter.
                    Text = count == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{count:0.##}\n{share:P1}"),
                    TextHorizontalAlignment = HorizontalAlignment.Center,
                    TextVerticalAlignment = VerticalAlignment.Middle,
                    FontSize = fontSize,
                    TextColor = count == 0 ? OxyColors.Gray : share > 0.5 ? OxyColors.White : OxyColors.Black,
                    Stroke = OxyColors.Undefined,
                    StrokeThickness = 0,
                    Background = OxyColors.Undefined,
                });
            }
        }
        return model;
    }

    /// <summary>Characters per subtitle line that fit the default chart width.</summary>
    private const int MaxSubtitleLine = 95;

    private static CategoryAxis ClassAxis(AxisPosition position, string title, IReadOnlyList<string> classNames, bool reversed)
    {
        var axis = new CategoryAxis
        {
            Position = position,
            Title = title,
            TitleFontSize = 13,
            AxisTitleDistance = 10,
            Minimum = -0.5,
            Maximum = classNames.Count - 0.5,
            IsZoomEnabled = false,
            IsPanEnabled = false,
            GapWidth = 0,
            TickStyle = TickStyle.None,
            StartPosition = reversed ? 1 : 0,
            EndPosition = reversed ? 0 : 1,
        };
        axis.Labels.AddRange(classNames);
        return axis;
    }
}
