namespace MlNetNeural.Reports.Curves;

/// <summary>Binary labels paired with one score per row (rows with a missing label or score already removed).</summary>
public sealed class LabeledScores
{
    /// <summary>Pairs labels with scores; both lists must have the same length and scores must not be NaN.</summary>
    /// <param name="labels"><c>true</c> for the positive class.</param>
    /// <param name="scores">Higher means more likely positive.</param>
    public LabeledScores(IReadOnlyList<bool> labels, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
            throw new ArgumentException($"{labels.Count} labels but {scores.Count} scores; every row needs both.", nameof(scores));
        for (var i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i]))
                throw new ArgumentException($"Score of row {i} is NaN; remove rows with missing scores first.", nameof(scores));
        }
        Labels = labels.ToArray();
        Scores = scores.ToArray();
        PositiveCount = Labels.Count(label => label);
        NegativeCount = Labels.Count - PositiveCount;
    }

    /// <summary>Labels, <c>true</c> = positive.</summary>
    public IReadOnlyList<bool> Labels { get; }

    /// <summary>Scores, aligned with <see cref="Labels"/>.</summary>
    public IReadOnlyList<double> Scores { get; }

    /// <summary>Number of positive rows.</summary>
    public int PositiveCount { get; }

    /// <summary>Number of negative rows.</summary>
    public int NegativeCount { get; }

    internal void RequireBothClasses(string curveName)
    {
        if (PositiveCount == 0 || NegativeCount == 0)
            throw new InvalidOperationException(
                $"The {curveName} needs positive and negative rows, but the scored data holds {PositiveCount} positive and {NegativeCount} negative rows. Evaluate on a test set that contains both classes.");
    }
}
