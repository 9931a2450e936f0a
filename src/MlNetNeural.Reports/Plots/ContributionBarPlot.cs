using System.Globalization;
using MlNetNeural.Explanations;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Horizontal bars of one row's largest contributions, largest on top: vermillion raises the output, blue lowers it; the
/// features left out are summed into one grey bar, so the bars still add up to the output's change from the baseline.
/// </summary>
internal static class ContributionBarPlot
{
    private static readonly OxyColor Rest = OxyColor.FromRgb(0xA0, 0xA0, 0xA0);

    public static PlotModel Create(string title, IReadOnlyList<FeatureReason> features, string outputName, int maxBars)
    {
        var shown = features.OrderByDescending(f => Math.Abs(f.Contribution)).Take(maxBars).ToArray();
        int left = features.Count - shown.Length;
        var model = PlotStyle.NewModel(title);
        double total = features.Sum(f => (double)f.Contribution);
        model.Subtitle = PlotStyle.Wrap(string.Create(CultureInfo.InvariantCulture,
            $"All {features.Count} contributions add up to {total:+0.###;-0.###;0}: {outputName} minus its value at the baseline"), 70);
        model.SubtitleFontSize = 12;
        var labels = shown.Select(Label);
        if (left > 0) labels = labels.Append(string.Create(CultureInfo.InvariantCulture, $"all {left} other features"));
        model.Axes.Add(PlotStyle.RowLabels(labels));
        var values = PlotStyle.Axis(AxisPosition.Bottom, $"Contribution to {outputName}");
        values.MinimumPadding = 0.2; // room for the value labels beyond the longest bars
        values.MaximumPadding = 0.2;
        model.Axes.Add(values);
        var bars = new BarSeries { StrokeThickness = 0, LabelFormatString = "{0:+0.###;-0.###;0}", LabelPlacement = LabelPlacement.Outside, FontSize = 11 };
        bars.Items.AddRange(shown.Select(f => new BarItem(f.Contribution) { Color = f.Contribution >= 0 ? DivergingColors.Raises : DivergingColors.Lowers }));
        if (left > 0) bars.Items.Add(new BarItem(total - shown.Sum(f => (double)f.Contribution)) { Color = Rest });
        model.Series.Add(bars);
        model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = 0, Color = OxyColors.Black, StrokeThickness = 1, LineStyle = LineStyle.Solid });
        return model;
    }

    /// <summary>Plot height that leaves each bar readable.</summary>
    public static int HeightFor(int bars, int minimumHeight) => Math.Max(minimumHeight, 130 + 28 * bars);

    private static string Label(FeatureReason feature) =>
        $"{feature.Feature} = {feature.Category ?? feature.Value.ToString("G6", CultureInfo.InvariantCulture)}";
}
