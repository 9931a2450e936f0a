namespace MlNetNeural.Reports.Curves;

/// <summary>One point of a precision-recall curve: predicting positive for scores ≥ <paramref name="Threshold"/>.</summary>
/// <param name="Threshold">Score threshold.</param>
/// <param name="Recall">True positives / positives.</param>
/// <param name="Precision">True positives / predicted positives.</param>
public readonly record struct PrecisionRecallPoint(double Threshold, double Recall, double Precision);

/// <summary>Precision-recall curve computed from labels and scores.</summary>
public sealed class PrecisionRecallCurve
{
    private PrecisionRecallCurve(IReadOnlyList<PrecisionRecallPoint> points, double positiveRate)
    {
        Points = points;
        PositiveRate = positiveRate;
    }

    /// <summary>One point per distinct score, from the highest threshold (lowest recall) down to recall 1.</summary>
    public IReadOnlyList<PrecisionRecallPoint> Points { get; }

    /// <summary>Share of positive rows: the precision of a model that guesses at random (the baseline).</summary>
    public double PositiveRate { get; }

    /// <summary>Computes the curve; the data must hold both classes.</summary>
    /// <param name="data">Labels and scores.</param>
    public static PrecisionRecallCurve Compute(LabeledScores data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.RequireBothClasses("precision-recall curve");
        var points = ThresholdSweep.Run(data)
            .Select(step => new PrecisionRecallPoint(
                step.Threshold,
                (double)step.TruePositives / data.PositiveCount,
                (double)step.TruePositives / (step.TruePositives + step.FalsePositives)))
            .ToArray();
        return new PrecisionRecallCurve(points, (double)data.PositiveCount / data.Labels.Count);
    }
}
