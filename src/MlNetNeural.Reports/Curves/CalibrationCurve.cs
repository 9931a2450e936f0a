namespace MlNetNeural.Reports.Curves;

/// <summary>Rows whose predicted probability fell into [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
/// <param name="Lower">Lower bin edge.</param>
/// <param name="Upper">Upper bin edge (the last bin includes 1).</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability of those rows.</param>
/// <param name="ObservedPositiveRate">Share of those rows that are actually positive.</param>
public readonly record struct CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedPositiveRate);

/// <summary>Reliability curve: observed positive rate against mean predicted probability in equal-width bins.</summary>
public sealed class CalibrationCurve
{
    private CalibrationCurve(IReadOnlyList<CalibrationBin> bins) => Bins = bins;

    /// <summary>Non-empty bins in increasing probability order.</summary>
    public IReadOnlyList<CalibrationBin> Bins { get; }

    /// <summary>Bins the probabilities into <paramref name="binCount"/> equal-width bins over [0, 1].</summary>
    /// <param name="data">Labels with predicted probabilities as scores; probabilities must lie in [0, 1].</param>
    /// <param name="binCount">Number of bins (at least 2).</param>
    public static CalibrationCurve Compute(LabeledScores data, int binCount)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 2);
        var counts = new int[binCount];
        var positives = new int[binCount];
        var probabilitySums = new double[binCount];
        for (var row = 0; row < data.Scores.Count; row++)
        {
            var probability = data.Scores[row];
            if (probability is < 0 or > 1)
                throw new ArgumentException(
                    $"Row {row} has probability {probability}; calibration needs probabilities in [0, 1]. Pass a calibrated probability column, not the raw score.",
                    nameof(data));
            var bin = Math.Min((int)(probability * binCount), binCount - 1);
            counts[bin]++;
            probabilitySums[bin] += probability;
            if (data.Labels[row]) positives[bin]++;
        }
        var bins = Enumerable.Range(0, binCount)
            .Where(bin => counts[bin] > 0)
            .Select(bin => new CalibrationBin(
                (double)bin / binCount,
                (double)(bin + 1) / binCount,
                counts[bin],
                probabilitySums[bin] / counts[bin],
                (double)positives[bin] / counts[bin]))
            .ToArray();
        return new CalibrationCurve(bins);
    }
}
