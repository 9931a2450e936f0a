using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>Horizontal bars of the most important features, most important on top, whiskers = ±1 standard deviation.</summary>
internal static class FeatureImportancePlot
{
    public static PlotModel Create(PermutationImportance importance, IReadOnlyList<FeatureImportance> shown)
    {
        var title = shown.Count < importance.Features.Count
            ? $"Permutation feature importance (top {shown.Count} of {importance.Features.Count})"
            : "Permutation feature importance";
        var model = PlotStyle.NewModel(title);
        model.Axes.Add(PlotStyle.RowLabels(shown.Select(f => f.FeatureName)));
        model.Axes.Add(PlotStyle.Axis(
            AxisPosition.Bottom,
            string.Create(CultureInfo.InvariantCulture, $"Decrease in {importance.MetricName} when the feature is shuffled (mean ± SD)")));
        var bars = new ErrorBarSeries
        {
            FillColor = PlotStyle.Blue,
            StrokeThickness = 0,
            ErrorStrokeThickness = 1.5,
            ErrorWidth = 0.4,
        };
        bars.Items.AddRange(shown.Select(f => new ErrorBarItem(f.MetricDecrease, f.StandardDeviation)));
        model.Series.Add(bars);
        return model;
    }

    /// <summary>The <paramref name="count"/> features with the largest decrease.</summary>
    public static IReadOnlyList<FeatureImportance> Top(PermutationImportance importance, int count)
        => importance.Features.OrderByDescending(f => f.MetricDecrease).Take(count).ToArray();

    /// <summary>Plot height that leaves each bar readable.</summary>
    public static int HeightFor(int featureCount, int minimumHeight) => Math.Max(minimumHeight, 110 + 28 * featureCount);
}
