using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Picks the features a <see cref="LogCompressionLayer"/> compresses, and their scales, on training rows. A feature is
/// compressed when it is never negative on the training rows, takes more than two distinct values (one-hot columns and
/// missing-value indicators never are) and its sample skewness is at least the threshold: the long-tailed amounts,
/// counts and frequencies whose tail a robust scaling with a clip would flatten. Its scale is the median of its positive
/// values, so a typical non-zero value maps to ln 2 and the compression bites only in the tail. Skewness, distinct values
/// and median come from the same evenly spaced row sample the input scaling's quantiles use
/// (<see cref="InputScalingFit.QuantileSampleRows"/> rows at most), the sign from every row.
/// </summary>
public static class SkewedFeatureFit
{
    /// <summary>The log compression for <paramref name="data"/>, or null when no feature qualifies.</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="skewnessThreshold">Smallest sample skewness (third standardized moment) of a compressed feature; finite.</param>
    public static LogCompressionSpec? Fit(TrainingData data, float skewnessThreshold)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!float.IsFinite(skewnessThreshold))
            throw new ArgumentOutOfRangeException(nameof(skewnessThreshold), skewnessThreshold, "The skewness threshold must be a finite number.");
        if (data.Rows == 0) throw new ArgumentException("Log compression is fitted on training rows, and there are none.", nameof(data));
        int width = data.FeatureCount;
        var (minimum, _) = InputScalingFit.Extremes(data);
        var column = new float[InputScalingFit.SampledRows(data.Rows)];
        var scales = new float[width];
        bool any = false;
        for (int j = 0; j < width; j++)
        {
            if (minimum[j] < 0f) continue;
            InputScalingFit.SampleColumn(data, j, column);
            if (!HasMoreThanTwoValues(column) || !(Skewness(column) >= skewnessThreshold)) continue;
            int firstPositive = column.AsSpan().IndexOfAnyExcept(0f);
            scales[j] = (float)InputScalingFit.Quantile(column.AsSpan(firstPositive), 0.5);
            any = true;
        }
        return any ? new LogCompressionSpec(scales) : null;
    }

    /// <summary>The sample skewness m₃ / m₂^(3/2) (population moments), or NaN for a constant column.</summary>
    /// <param name="values">The values.</param>
    public static double Skewness(ReadOnlySpan<float> values)
    {
        double mean = 0;
        foreach (float v in values) mean += v;
        mean /= values.Length;
        double m2 = 0, m3 = 0;
        foreach (float v in values)
        {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= values.Length;
        m3 /= values.Length;
        return m2 > 0 ? m3 / Math.Pow(m2, 1.5) : double.NaN;
    }

    private static bool HasMoreThanTwoValues(ReadOnlySpan<float> sorted)
    {
        int changes = 0;
        for (int i = 1; i < sorted.Length && changes < 2; i++)
            if (sorted[i] != sorted[i - 1]) changes++;
        return changes >= 2;
    }
}
