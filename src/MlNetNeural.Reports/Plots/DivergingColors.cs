using OxyPlot;
using OxyPlot.Axes;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// The colour scale of signed values (contributions, weights): blue below 0, white at 0, vermillion above (Okabe–Ito
/// colours, distinguishable with the common colour-vision deficiencies), symmetric so that equal magnitudes look equally strong.
/// </summary>
internal static class DivergingColors
{
    /// <summary>Colour of values that lower the output (negative).</summary>
    public static readonly OxyColor Lowers = PlotStyle.Blue;

    /// <summary>Colour of values that raise the output (positive).</summary>
    public static readonly OxyColor Raises = PlotStyle.Orange;

    /// <summary>A colour axis from −<paramref name="limit"/> (blue) through 0 (white) to +<paramref name="limit"/> (vermillion).</summary>
    public static LinearColorAxis Axis(double limit, string title, string? key = null) => new()
    {
        Key = key,
        Position = AxisPosition.Right,
        Palette = OxyPalette.Interpolate(201, Lowers, OxyColors.White, Raises),
        Minimum = -Positive(limit),
        Maximum = Positive(limit),
        Title = title,
        TitleFontSize = 12,
        MajorGridlineStyle = LineStyle.None,
    };

    /// <summary>
    /// The same scale with transparency growing towards 0, for laying signed values over an image: strong values cover
    /// it, values near 0 let it show through.
    /// </summary>
    public static LinearColorAxis OverlayAxis(double limit, string title, string key)
    {
        var axis = Axis(limit, title, key);
        axis.Palette = new OxyPalette(axis.Palette.Colors.Select((color, index) =>
        {
            double strength = Math.Abs(index - 100) / 100.0;
            return OxyColor.FromAColor((byte)(40 + 215 * Math.Sqrt(strength)), color);
        }));
        return axis;
    }

    /// <summary>The largest absolute value, or 1 when all are 0 (so the scale stays valid).</summary>
    public static double Limit(IEnumerable<double> values)
    {
        double largest = values.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return largest > 0 ? largest : 1;
    }

    private static double Positive(double limit) => limit > 0 && double.IsFinite(limit) ? limit : 1;
}
