using OxyPlot;

namespace MlNetNeural.Reports.Plots;

/// <summary>
/// Keeps charts of large test sets small: a ROC or PR curve has one point per distinct score, which for 100k rows
/// would put 100k points into every SVG although a few hundred draw the same picture.
/// </summary>
internal static class PointThinning
{
    /// <summary>Below this distance (in axis units of a [0, 1] × [0, 1] chart) a point is not drawn: well under a pixel.</summary>
    public const double UnitSquareTolerance = 0.001;

    /// <summary>Maximum dots in a scatter chart.</summary>
    public const int MaxScatterPoints = 5000;

    /// <summary>
    /// Drops points that lie within <see cref="UnitSquareTolerance"/> of the last kept point on both axes; the first
    /// and last points are always kept, so the curve's ends and shape are unchanged at any readable resolution.
    /// </summary>
    public static IReadOnlyList<DataPoint> Curve(IReadOnlyList<DataPoint> points)
    {
        if (points.Count <= 2)
            return points;
        var kept = new List<DataPoint> { points[0] };
        for (var i = 1; i < points.Count - 1; i++)
        {
            var last = kept[^1];
            if (Math.Abs(points[i].X - last.X) >= UnitSquareTolerance || Math.Abs(points[i].Y - last.Y) >= UnitSquareTolerance)
                kept.Add(points[i]);
        }
        kept.Add(points[^1]);
        return kept;
    }

    /// <summary>Every k-th index (k as small as possible) so that at most <see cref="MaxScatterPoints"/> remain.</summary>
    public static int ScatterStride(int count) => Math.Max(1, (count + MaxScatterPoints - 1) / MaxScatterPoints);
}
