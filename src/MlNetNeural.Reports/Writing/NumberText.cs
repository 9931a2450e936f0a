using System.Globalization;

namespace MlNetNeural.Reports.Writing;

/// <summary>Number formatting shared by the HTML and Markdown writers (always invariant culture).</summary>
internal static class NumberText
{
    /// <summary>For readers: 4 decimals for ordinary magnitudes, general format for very large or tiny values.</summary>
    public static string Display(double value)
    {
        if (!double.IsFinite(value))
            return value.ToString(CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude >= 1e5 || magnitude < 1e-3)
            ? value.ToString("G4", CultureInfo.InvariantCulture)
            : value.ToString("F4", CultureInfo.InvariantCulture);
    }

    /// <summary>For machines: round-trips to the exact double.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Counts (confusion-matrix cells, supports), without a fraction when whole.</summary>
    public static string Count(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Share as a percentage with one decimal.</summary>
    public static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
