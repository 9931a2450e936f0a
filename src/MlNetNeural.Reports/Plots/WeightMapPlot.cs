using System.Globalization;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// The first dense layer's weights as one heat map: a row per input feature (named), a column per hidden unit, on one
/// symmetric diverging scale, so strong connections stand out whatever their sign.
/// </summary>
internal static class WeightMapPlot
{
    public static PlotModel Create(FirstLayerWeights weights, IReadOnlyList<string> featureNames)
    {
        int features = featureNames.Count, units = weights.Units.Length;
        var values = new double[units, features];
        for (int u = 0; u < units; u++)
            for (int f = 0; f < features; f++)
                values[u, f] = weights.Weight(weights.Units[u], f);
        var model = PlotStyle.NewModel(units < weights.UnitCount
            ? string.Create(CultureInfo.InvariantCulture, $"First-layer weights ({units} of {weights.UnitCount} units, largest weight norms)")
            : "First-layer weights");
        var rows = new CategoryAxis { Position = AxisPosition.Left, StartPosition = 1, EndPosition = 0, GapWidth = 0, TickStyle = TickStyle.None, IsZoomEnabled = false, IsPanEnabled = false };
        rows.Labels.AddRange(featureNames);
        model.Axes.Add(rows);
        var columns = new CategoryAxis { Position = AxisPosition.Bottom, GapWidth = 0, TickStyle = TickStyle.None, Title = "Hidden unit", IsZoomEnabled = false, IsPanEnabled = false, Angle = units > 24 ? -90 : 0 };
        columns.Labels.AddRange(weights.Units.Select(unit => unit.ToString(CultureInfo.InvariantCulture)));
        model.Axes.Add(columns);
        model.Axes.Add(DivergingColors.Axis(DivergingColors.Limit(values.Cast<double>()), weights.ScaledInputs ? "Weight (on the scaled feature)" : "Weight"));
        model.Series.Add(new HeatMapSeries
        {
            Data = values,
            X0 = 0, X1 = units - 1, Y0 = 0, Y1 = features - 1,
            Interpolate = false,
            RenderMethod = HeatMapRenderMethod.Rectangles,
        });
        return model;
    }

    /// <summary>Plot height that leaves each feature's row readable.</summary>
    public static int HeightFor(int features, int minimumHeight) => Math.Max(minimumHeight, 140 + 18 * features);
}
