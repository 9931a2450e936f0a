using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Threading;

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

    /// <summary>
    /// Copies the rows named by <paramref name="rows"/> from <paramref name="data"/>, split between the compute team's
    /// threads in blocks of rows (each row is a copy, so the result is the same for any thread count).
    /// </summary>
    public unsafe void Fill(TrainingData data, ReadOnlySpan<int> rows, int threads = 1)
    {
        int f = data.FeatureCount;
        fixed (float* features = data.Features, targets = data.Targets, weights = data.Weights, toFeatures = _features, toTargets = _targets, toWeights = _weights)
        fixed (int* order = rows)
        {
            int rowsPerChunk = Math.Max(1, AffineActivation.ChunkValues / Math.Max(1, f));
            var work = new Gather(features, targets, weights, toFeatures, toTargets, toWeights, order, f, data.TargetWidth, rows.Length, rowsPerChunk);
            ComputeTeam.Run(ref work, (rows.Length + rowsPerChunk - 1) / rowsPerChunk, rows.Length * f >= AffineActivation.SplitFromValues ? threads : 1);
        }
        Count = rows.Length;
        HasWeights = data.Weights is not null;
    }

    /// <summary>Chunk i: rows i·r to i·r + r − 1 of the batch (features, targets and the weight when there are weights).</summary>
    private readonly unsafe struct Gather(float* features, float* targets, float* weights, float* toFeatures, float* toTargets,
        float* toWeights, int* rows, int f, int t, int count, int rowsPerChunk) : IChunkedWork
    {
        public void Run(int chunk)
        {
            for (int i = chunk * rowsPerChunk, end = Math.Min(count, i + rowsPerChunk); i < end; i++)
            {
                nint row = rows[i];
                new ReadOnlySpan<float>(features + row * f, f).CopyTo(new Span<float>(toFeatures + (nint)i * f, f));
                new ReadOnlySpan<float>(targets + row * t, t).CopyTo(new Span<float>(toTargets + (nint)i * t, t));
                if (weights != null) toWeights[i] = weights[row];
            }
        }
    }
}
