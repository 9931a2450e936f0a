namespace MlNetNeural.Core.Training;

/// <summary>Pre-sized contiguous copies of a mini-batch's rows (features, targets, weights), filled without allocating.</summary>
internal sealed class BatchBuffer
{
    private readonly float[] _features;
    private readonly float[] _targets;
    private readonly float[] _weights;

    public BatchBuffer(int maxBatch, int featureCount, int targetWidth)
    {
        _features = new float[maxBatch * featureCount];
        _targets = new float[maxBatch * targetWidth];
        _weights = new float[maxBatch];
    }

    public int Count { get; private set; }

    public bool HasWeights { get; private set; }

    public ReadOnlySpan<float> Features => _features;

    public ReadOnlySpan<float> Targets => _targets;

    public ReadOnlySpan<float> Weights => HasWeights ? _weights.AsSpan(0, Count) : default;

    /// <summary>Copies the rows named by <paramref name="rows"/> from <paramref name="data"/>.</summary>
    public void Fill(TrainingData data, ReadOnlySpan<int> rows)
    {
        int f = data.FeatureCount, t = data.TargetWidth;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            data.Features.AsSpan(row * f, f).CopyTo(_features.AsSpan(i * f, f));
            data.Targets.AsSpan(row * t, t).CopyTo(_targets.AsSpan(i * t, t));
            if (data.Weights is { } weights) _weights[i] = weights[row];
        }
        Count = rows.Length;
        HasWeights = data.Weights is not null;
    }
}
