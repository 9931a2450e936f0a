using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Fits the shift and scale of a <see cref="FeatureScalingLayer"/> on training rows, in place (the rows are read,
/// never copied whole). A feature that is constant on the training rows gets scale 0, so it stays constant (0) when
/// scored. Quantiles are taken from at most <see cref="QuantileSampleRows"/> evenly spaced rows, which bounds the cost
/// on large data and keeps the result deterministic. With a <see cref="LogCompressionSpec"/> in front, the statistics are
/// those of the compressed values, as the scaling layer receives them.
/// </summary>
public static class InputScalingFit
{
    /// <summary>Rows used for the robust quantiles: 16,384 (the quartiles' sampling error is then below 1% of the IQR for smooth distributions).</summary>
    public const int QuantileSampleRows = 16_384;

    /// <summary>The first-layer spec that applies <paramref name="scaling"/> fitted on <paramref name="data"/>, or null for <see cref="InputScaling.None"/>.</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="scaling">How to scale.</param>
    /// <param name="clipBound">The smooth clip's bound (0 for none).</param>
    /// <param name="learnableGain">Train a per-feature gain after the clip.</param>
    /// <param name="compression">The log compression that stands before the scaling, or null for none.</param>
    public static FeatureScalingSpec? Fit(TrainingData data, InputScaling scaling, float clipBound, bool learnableGain, LogCompressionSpec? compression = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows == 0) throw new ArgumentException("Input scaling is fitted on training rows, and there are none.", nameof(data));
        var (shift, scale) = scaling switch
        {
            InputScaling.None => (null, null),
            InputScaling.Standardize => Standardize(data, compression),
            InputScaling.Robust => Robust(data, compression),
            _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown input scaling."),
        };
        return shift is null ? null : new FeatureScalingSpec(shift, scale!, clipBound, learnableGain);
    }

    private static (float[] Shift, float[] Scale) Standardize(TrainingData data, LogCompressionSpec? compression)
    {
        var compressed = Compressed(compression, data.FeatureCount);
        int width = data.FeatureCount;
        var sum = new double[width];
        var sumOfSquares = new double[width];
        for (int row = 0; row < data.Rows; row++)
        {
            var values = data.Features.AsSpan(row * width, width);
            for (int j = 0; j < width; j++)
            {
                double value = compressed[j] ? compression!.Apply(j, values[j]) : values[j];
                sum[j] += value;
                sumOfSquares[j] += value * value;
            }
        }
        var shift = new float[width];
        var scale = new float[width];
        for (int j = 0; j < width; j++)
        {
            double mean = sum[j] / data.Rows;
            double sd = Math.Sqrt(Math.Max(0, sumOfSquares[j] / data.Rows - mean * mean));
            shift[j] = (float)mean;
            scale[j] = Inverse(sd);
        }
        return (shift, scale);
    }

    private static (float[] Shift, float[] Scale) Robust(TrainingData data, LogCompressionSpec? compression)
    {
        int width = data.FeatureCount, rows = data.Rows, sampled = SampledRows(rows);
        var (minimum, maximum) = Extremes(data);
        var compressed = Compressed(compression, width);
        var shift = new float[width];
        var scale = new float[width];
        var column = new float[sampled];
        var others = new float[sampled];
        for (int j = 0; j < width; j++)
        {
            SampleColumn(data, j, column);
            // The compression is increasing: compressing the sorted values keeps them sorted, and compresses the extremes.
            if (compressed[j]) for (int i = 0; i < sampled; i++) column[i] = compression!.Apply(j, column[i]);
            double iqr = Quantile(column, 0.75) - Quantile(column, 0.25);
            // Quartiles that coincide: a point mass holding half the rows or more (a mostly zero amount or count). The
            // other values are then scaled by their own interquartile range, not squeezed towards the point.
            if (iqr == 0) iqr = SpreadBesidesTheMedian(column, others);
            // No spread there either (a binary or mostly constant feature): half the range of ALL rows, so that a
            // value the sample happened to miss still counts.
            if (iqr == 0) iqr = 0.5 * (compressed[j]
                ? (double)compression!.Apply(j, maximum[j]) - compression.Apply(j, minimum[j])
                : (double)maximum[j] - minimum[j]);
            shift[j] = (float)Quantile(column, 0.5);
            scale[j] = Inverse(iqr);
        }
        return (shift, scale);
    }

    /// <summary>
    /// The interquartile range of the sorted values that differ from their median (copied into <paramref name="others"/>),
    /// or 0 when the median is not one of the values, fewer than two values differ from it, or those have no spread.
    /// </summary>
    internal static double SpreadBesidesTheMedian(float[] sorted, float[] others)
    {
        float median = (float)Quantile(sorted, 0.5);
        int first = Array.IndexOf(sorted, median), end = Array.LastIndexOf(sorted, median) + 1;
        int count = sorted.Length - (end - first);
        if (first < 0 || count < 2) return 0;
        sorted.AsSpan(0, first).CopyTo(others);
        sorted.AsSpan(end).CopyTo(others.AsSpan(first));
        return Quantile(others.AsSpan(0, count), 0.75) - Quantile(others.AsSpan(0, count), 0.25);
    }

    private static bool[] Compressed(LogCompressionSpec? compression, int width)
    {
        if (compression is not null && compression.Scales.Length != width)
            throw new ArgumentException($"The log compression covers {compression.Scales.Length} features but the rows have {width}.", nameof(compression));
        return Enumerable.Range(0, width).Select(j => compression is not null && compression.Scales[j] > 0f).ToArray();
    }

    /// <summary>Rows in the quantile sample of <paramref name="rows"/> rows.</summary>
    internal static int SampledRows(int rows) => Math.Min(rows, QuantileSampleRows);

    /// <summary>Feature <paramref name="feature"/> of the evenly spaced sample rows, sorted, into <paramref name="column"/> (<see cref="SampledRows"/> long).</summary>
    internal static void SampleColumn(TrainingData data, int feature, float[] column)
    {
        int rows = data.Rows, width = data.FeatureCount, sampled = column.Length;
        for (int i = 0; i < sampled; i++) column[i] = data.Features[(int)((long)i * rows / sampled) * width + feature];
        Array.Sort(column);
    }

    /// <summary>Each feature's smallest and largest value over every row.</summary>
    internal static (float[] Minimum, float[] Maximum) Extremes(TrainingData data)
    {
        int width = data.FeatureCount;
        float[] minimum = data.Features.AsSpan(0, width).ToArray(), maximum = (float[])minimum.Clone();
        for (int row = 1; row < data.Rows; row++)
        {
            var values = data.Features.AsSpan(row * width, width);
            System.Numerics.Tensors.TensorPrimitives.Min(minimum, values, minimum);
            System.Numerics.Tensors.TensorPrimitives.Max(maximum, values, maximum);
        }
        return (minimum, maximum);
    }

    /// <summary>The q-quantile of sorted values with linear interpolation between order statistics (NumPy's default).</summary>
    internal static double Quantile(ReadOnlySpan<float> sorted, double q)
    {
        double position = (sorted.Length - 1) * q;
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * ((double)sorted[above] - sorted[below]);
    }

    /// <summary>1 / spread, or 0 for a feature without spread (constant on the training rows).</summary>
    private static float Inverse(double spread)
    {
        if (!(spread > 0)) return 0f;
        float inverse = (float)(1 / spread);
        return float.IsFinite(inverse) ? inverse : 0f;
    }
}
