namespace MlNetNeural.Reports.Curves;

/// <summary>One point of a ROC curve: predicting positive for scores ≥ <paramref name="Threshold"/> gives these rates.</summary>
/// <param name="Threshold">Score threshold (positive infinity for the starting point (0, 0)).</param>
/// <param name="FalsePositiveRate">False positives / negatives.</param>
/// <param name="TruePositiveRate">True positives / positives (recall, sensitivity).</param>
public readonly record struct RocPoint(double Threshold, double FalsePositiveRate, double TruePositiveRate);

/// <summary>Receiver operating characteristic curve with its area, computed from labels and scores.</summary>
public sealed class RocCurve
{
    private RocCurve(IReadOnlyList<RocPoint> points, double areaUnderCurve)
    {
        Points = points;
        AreaUnderCurve = areaUnderCurve;
    }

    /// <summary>Points from (0, 0) to (1, 1), one per distinct score.</summary>
    public IReadOnlyList<RocPoint> Points { get; }

    /// <summary>
    /// Trapezoidal area under <see cref="Points"/>. Because tied scores form one diagonal step, this equals the
    /// probability that a random positive outscores a random negative, counting ties as one half.
    /// </summary>
    public double AreaUnderCurve { get; }

    /// <summary>Computes the curve; the data must hold both classes.</summary>
    /// <param name="data">Labels and scores.</param>
    public static RocCurve Compute(LabeledScores data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireBothClasses("ROC curve");
        var points = new List<RocPoint> { new(double.PositiveInfinity, 0, 0) };
        var area = 0.0;
        foreach (var (threshold, truePositives, falsePositives) in ThresholdSweep.Run(data))
        {
            var point = new RocPoint(threshold, (double)falsePositives / data.NegativeCount, (double)truePositives / data.PositiveCount);
            var previous = points[^1];
            area += (point.FalsePositiveRate - previous.FalsePositiveRate) * (point.TruePositiveRate + previous.TruePositiveRate) / 2;
            points.Add(point);
        }
        return new RocCurve(points, area);
    }
}
