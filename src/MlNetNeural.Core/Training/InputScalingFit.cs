using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Fits the shift and scale of a <see cref="FeatureScalingLayer"/> on training rows, in place (the rows are read,
/// never copied whole). A feature that is constant on the training rows gets scale 0, so it stays constant (0) when
/// scored. Quantiles are taken from at most <see cref="QuantileSampleRows"/> evenly spaced rows, which bounds the cost
/// on large data and keeps the result deterministic.
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
    public static FeatureScalingSpec? Fit(TrainingData data, InputScaling scaling, float clipBound, bool learnableGain)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rows == 0) throw new ArgumentException("Input scaling is fitted on training rows, and there are none.", nameof(data));
        var (shift, scale) = scaling switch
        {
            InputScaling.None => (null, null),
            InputScaling.Standardize => Standardize(data),
            InputScaling.Robust => Robust(data),
            _ => throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown input scaling."),
        };
        return shift is null ? null : new FeatureScalingSpec(shift, scale!, clipBound, learnableGain);
    }

    private static (float[] Shift, float[] Scale) Standardize(TrainingData data)
    {
        int width = data.FeatureCount;
        var sum = new double[width];
        var sumOfSquares = new double[width];
        for (int row = 0; row < data.Rows; row++)
        {
            var values = data.Features.AsSpan(row * width, width);
            for (int j = 0; j < width; j++)
            {
                sum[j] += values[j];
                sumOfSquares[j] += (double)values[j] * values[j];
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

    private static (float[] Shift, float[] Scale) Robust(TrainingData data)
    {
        int width = data.FeatureCount, rows = data.Rows, sampled = Math.Min(rows, QuantileSampleRows);
        var (minimum, maximum) = Extremes(data);
        var shift = new float[width];
        var scale = new float[width];
        var column = new float[sampled];
        for (int j = 0; j < width; j++)
        {
            for (int i = 0; i < sampled; i++) column[i] = data.Features[(int)((long)i * rows / sampled) * width + j];
            Array.Sort(column);
            double iqr = Quantile(column, 0.75) - Quantile(column, 0.25);
            // Quartiles that coincide (a mostly constant or binary feature): half the range of ALL rows, so that a
            // value the sample happened to miss still counts.
            if (iqr == 0) iqr = 0.5 * ((double)maximum[j] - minimum[j]);
            shift[j] = (float)Quantile(column, 0.5);
            scale[j] = Inverse(iqr);
        }
        return (shift, scale);
    }

    private static (float[] Minimum, float[] Maximum) Extremes(TrainingData data)
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
    private static double Quantile(float[] sorted, double q)
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
