namespace MlNetNeural.Core.Training;

/// <summary>
/// In-memory training rows: a row-major feature matrix, targets and optional example weights.
/// The arrays are used in place, never copied.
/// </summary>
public sealed class TrainingData
{
    /// <summary>Wraps arrays as training data after checking their shapes and values.</summary>
    /// <param name="features">rows × featureCount values, row-major; all finite.</param>
    /// <param name="featureCount">Values per row, at least 1.</param>
    /// <param name="targets">rows × targetWidth values (class index, 0/1 label, or regression targets).</param>
    /// <param name="targetWidth">Targets per row, at least 1.</param>
    /// <param name="weights">One finite, non-negative weight per row, or null for all 1.</param>
    public TrainingData(float[] features, int featureCount, float[] targets, int targetWidth = 1, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetWidth, 1);
        if (features.Length % featureCount != 0)
            throw new ArgumentException($"The feature array holds {features.Length} values, which is not a whole number of rows of {featureCount}.", nameof(features));
        int rows = features.Length / featureCount;
        if (targets.Length != (long)rows * targetWidth)
            throw new ArgumentException($"There are {rows} feature rows but {targets.Length} target values; expected {rows * targetWidth} ({targetWidth} per row).", nameof(targets));
        if (weights is not null && weights.Length != rows)
            throw new ArgumentException($"There are {rows} rows but {weights.Length} example weights; give one per row.", nameof(weights));
        int bad = Kernels.FiniteValues.IndexOfNonFinite(features);
        if (bad >= 0)
            throw new InvalidTrainingDataException(TrainingDataPart.Feature, bad / featureCount, bad % featureCount, features[bad],
                "features must be finite numbers (replace or drop missing values first)");
        if (weights is not null)
        {
            double total = 0;
            for (int i = 0; i < rows; i++)
            {
                if (!(float.IsFinite(weights[i]) && weights[i] >= 0f))
                    throw new InvalidTrainingDataException(TrainingDataPart.Weight, i, 0, weights[i], "weights must be finite and not negative");
                total += weights[i];
            }
            if (rows > 0 && total == 0)
                throw new ArgumentException($"All {rows} example weights are 0: no row would count in the loss, so nothing could be learned. Give the rows to learn from a weight above 0.", nameof(weights));
        }
        Features = features;
        FeatureCount = featureCount;
        Targets = targets;
        TargetWidth = targetWidth;
        Weights = weights;
        Rows = rows;
    }

    /// <summary>Row-major features.</summary>
    public float[] Features { get; }

    /// <summary>Values per row.</summary>
    public int FeatureCount { get; }

    /// <summary>Targets, <see cref="TargetWidth"/> per row.</summary>
    public float[] Targets { get; }

    /// <summary>Targets per row.</summary>
    public int TargetWidth { get; }

    /// <summary>Example weights, or null when every row weighs 1.</summary>
    public float[]? Weights { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>
    /// The row indices of each class (rows grouped by their first target), in ascending class order; new arrays on every call,
    /// so callers may shuffle them. Meaningful for classification targets.
    /// </summary>
    public IReadOnlyList<int[]> RowsByClass() =>
        [.. Enumerable.Range(0, Rows).GroupBy(row => Targets[row * TargetWidth]).OrderBy(rows => rows.Key).Select(rows => rows.ToArray())];
}
