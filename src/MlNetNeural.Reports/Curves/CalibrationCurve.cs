namespace MlNetNeural.Reports.Curves;

/// <summary>Rows whose predicted probability fell into [<paramref name="Lower"/>, <paramref name="Upper"/>].</summary>
/// <param name="Lower">Lowest predicted probability in the bin (equal-width bins: the lower bin edge).</param>
/// <param name="Upper">Highest predicted probability in the bin (equal-width bins: the upper bin edge).</param>
/// <param name="Count">Rows in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability of those rows.</param>
/// <param name="ObservedPositiveRate">Share of those rows that are actually positive.</param>
/// <param name="ObservedLower">Lower end of the 95 % Wilson score interval of <paramref name="ObservedPositiveRate"/>.</param>
/// <param name="ObservedUpper">Upper end of the 95 % Wilson score interval of <paramref name="ObservedPositiveRate"/>.</param>
public readonly record struct CalibrationBin(
    double Lower, double Upper, int Count, double MeanPredicted, double ObservedPositiveRate, double ObservedLower, double ObservedUpper);

/// <summary>
/// Reliability curve: observed positive rate against mean predicted probability per bin, with a 95 % Wilson score
/// interval for each observed rate (how far it may be from the true rate by chance, given the bin's row count).
/// </summary>
public sealed class CalibrationCurve
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    private const double Z = 1.959963984540054;

    /// <summary>Number of equal-width intervals of <see cref="PredictionHistogram"/>.</summary>
    public const int HistogramIntervals = 20;

    private CalibrationCurve(IReadOnlyList<CalibrationBin> bins, CalibrationBinning binning, IReadOnlyList<int> histogram)
    {
        Bins = bins;
        Binning = binning;
        PredictionHistogram = histogram;
    }

    /// <summary>Non-empty bins in increasing probability order.</summary>
    public IReadOnlyList<CalibrationBin> Bins { get; }

    /// <summary>How the rows were binned.</summary>
    public CalibrationBinning Binning { get; }

    /// <summary>
    /// Rows per predicted-probability interval [0, 0.05), [0.05, 0.1), ..., [0.95, 1] (<see cref="HistogramIntervals"/> of
    /// them): where the model's predictions lie, whatever the binning of the curve.
    /// </summary>
    public IReadOnlyList<int> PredictionHistogram { get; }

    /// <summary>Bins the probabilities and computes each bin's observed rate with its Wilson interval.</summary>
    /// <param name="data">Labels with predicted probabilities as scores; probabilities must lie in [0, 1].</param>
    /// <param name="binCount">Number of bins (at least 2). Quantile binning gives fewer when many rows share a probability.</param>
    /// <param name="binning">Equal-count (default) or equal-width bins.</param>
    /// <exception cref="ArgumentException">A probability lies outside [0, 1].</exception>
    public static CalibrationCurve Compute(LabeledScores data, int binCount, CalibrationBinning binning = CalibrationBinning.Quantile)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 2);
        for (var row = 0; row < data.Scores.Count; row++)
        {
            if (data.Scores[row] is < 0 or > 1)
                throw new ArgumentException(
                    $"Row {row} has probability {data.Scores[row]}; calibration needs probabilities in [0, 1]. Pass a calibrated probability column, not the raw score.",
                    nameof(data));
        }
        var order = Enumerable.Range(0, data.Scores.Count).OrderBy(row => data.Scores[row]).ToArray();
        var groups = binning == CalibrationBinning.Quantile ? QuantileGroups(order, data.Scores, binCount) : EqualWidthGroups(order, data.Scores, binCount);
        var histogram = new int[HistogramIntervals];
        foreach (var probability in data.Scores) histogram[Math.Min((int)(probability * HistogramIntervals), HistogramIntervals - 1)]++;
        return new CalibrationCurve(groups.Select(group => Bin(group.Rows, group.Lower, group.Upper, data)).ToArray(), binning, histogram);
    }

    /// <summary>The 95 % Wilson score interval of a share of <paramref name="positives"/> in <paramref name="count"/> rows.</summary>
    public static (double Lower, double Upper) WilsonInterval(int positives, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        double share = (double)positives / count, z2 = Z * Z;
        double centre = (share + z2 / (2 * count)) / (1 + z2 / count);
        double halfWidth = Z / (1 + z2 / count) * Math.Sqrt(share * (1 - share) / count + z2 / (4.0 * count * count));
        return (Math.Max(0, centre - halfWidth), Math.Min(1, centre + halfWidth));
    }

    private static CalibrationBin Bin(IReadOnlyList<int> rows, double lower, double upper, LabeledScores data)
    {
        int positives = rows.Count(row => data.Labels[row]);
        var (low, high) = WilsonInterval(positives, rows.Count);
        return new CalibrationBin(lower, upper, rows.Count, rows.Average(row => data.Scores[row]), (double)positives / rows.Count, low, high);
    }

    /// <summary>Consecutive runs of the sorted rows, cut near every (count / bins)-th row but never between equal probabilities.</summary>
    private static IEnumerable<(int[] Rows, double Lower, double Upper)> QuantileGroups(int[] order, IReadOnlyList<double> scores, int binCount)
    {
        int start = 0;
        for (int bin = 1; bin <= binCount && start < order.Length; bin++)
        {
            int end = bin == binCount ? order.Length : Math.Max(start + 1, (int)Math.Round((double)order.Length * bin / binCount));
            while (end < order.Length && scores[order[end]] == scores[order[end - 1]]) end++;
            if (end <= start) continue;
            yield return (order[start..end], scores[order[start]], scores[order[end - 1]]);
            start = end;
        }
    }

    private static IEnumerable<(int[] Rows, double Lower, double Upper)> EqualWidthGroups(int[] order, IReadOnlyList<double> scores, int binCount) =>
        order.GroupBy(row => Math.Min((int)(scores[row] * binCount), binCount - 1))
            .Select(group => (group.ToArray(), (double)group.Key / binCount, (double)(group.Key + 1) / binCount));
}
