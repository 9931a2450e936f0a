using SkiaSharp;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// The sans-serif font the charts are drawn and measured with. SkiaSharp's Linux build without fontconfig (the one
/// ML.NET ImageAnalytics also uses) does not alias "Arial" to an installed font and falls back to a serif face, so
/// the first installed family from a list of common sans-serif fonts is used instead.
/// </summary>
internal static class ChartFont
{
    private static readonly string[] Candidates = ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans", "Segoe UI", "Noto Sans", "Roboto"];

    /// <summary>Family name for OxyPlot (PNG drawing and SVG text measurement).</summary>
    public static string Family { get; } = Candidates.FirstOrDefault(IsInstalled) ?? "Arial";

    /// <summary>
    /// CSS font list for SVG text: the measured family first, then widespread sans-serif fonts, so a viewer without the
    /// measured font still shows a sans-serif face of similar or smaller width (no clipped labels).
    /// </summary>
    public static string SvgFontList { get; } = string.Join(", ", new[] { Family }.Concat(["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans", "sans-serif"]).Distinct());

    private static bool IsInstalled(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        return typeface is not null;
    }
}
