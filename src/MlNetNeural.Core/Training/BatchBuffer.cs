using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Pre-sized contiguous copies of a mini-batch's rows (features, targets, weights), filled without allocating, at once
/// (<see cref="Fill"/>) or by the compute team's helpers while the caller works on another batch (<see cref="StartFill"/>).
/// </summary>
internal sealed unsafe class BatchBuffer
{
    // Pinned, like the gather's description, so that helpers can fill them after StartFill has returned.
    private readonly float[] _features;
    private readonly float[] _targets;
    private readonly float[] _weights;
    private readonly byte[] _gather = GC.AllocateArray<byte>(sizeof(Gather), pinned: true);

    // The source arrays of a fill in progress, pinned until CompleteFill.
    private GCHandle _sourceFeatures, _sourceTargets, _sourceWeights, _sourceRows;

    public BatchBuffer(int maxBatch, int featureCount, int targetWidth)
    {
        _features = GC.AllocateArray<float>(maxBatch * featureCount, pinned: true);
        _targets = GC.AllocateArray<float>(maxBatch * targetWidth, pinned: true);
        _weights = GC.AllocateArray<float>(maxBatch, pinned: true);
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
    public void Fill(TrainingData data, ReadOnlySpan<int> rows, int threads = 1)
    {
        fixed (float* features = data.Features, targets = data.Targets, weights = data.Weights)
        fixed (int* order = rows)
        {
            var work = Describe(data, features, targets, weights, order, rows.Length, out int chunks);
            ComputeTeam.Run(ref work, chunks, rows.Length * data.FeatureCount >= AffineActivation.SplitFromValues ? threads : 1);
        }
    }

    /// <summary>
    /// Starts copying rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1 of
    /// <paramref name="order"/> on the compute team's helpers (<see cref="ComputeTeam.StartBackground"/>; at once without
    /// them); the buffer holds them after <see cref="CompleteFill"/>. <paramref name="data"/> and <paramref name="order"/>
    /// stay pinned, and must not change, until then.
    /// </summary>
    public void StartFill(TrainingData data, int[] order, int start, int count, int threads)
    {
        CompleteFill();
        _sourceFeatures = GCHandle.Alloc(data.Features, GCHandleType.Pinned);
        _sourceTargets = GCHandle.Alloc(data.Targets, GCHandleType.Pinned);
        if (data.Weights is not null) _sourceWeights = GCHandle.Alloc(data.Weights, GCHandleType.Pinned);
        _sourceRows = GCHandle.Alloc(order, GCHandleType.Pinned);
        var work = (Gather*)Unsafe.AsPointer(ref _gather[0]);
        *work = Describe(data, (float*)_sourceFeatures.AddrOfPinnedObject(), (float*)_sourceTargets.AddrOfPinnedObject(),
            _sourceWeights.IsAllocated ? (float*)_sourceWeights.AddrOfPinnedObject() : null, (int*)_sourceRows.AddrOfPinnedObject() + start, count, out int chunks);
        ComputeTeam.StartBackground(work, chunks, count * data.FeatureCount >= AffineActivation.SplitFromValues ? threads : 1);
    }

    /// <summary>Waits for the fill <see cref="StartFill"/> began, if any (running what the helpers have not), and unpins its sources.</summary>
    public void CompleteFill()
    {
        if (!_sourceRows.IsAllocated) return;
        ComputeTeam.FinishBackground();
        _sourceFeatures.Free();
        _sourceTargets.Free();
        if (_sourceWeights.IsAllocated) _sourceWeights.Free();
        _sourceRows.Free();
    }

    /// <summary>The gather of <paramref name="count"/> rows named at <paramref name="rows"/> into this buffer, and its chunk count; sets <see cref="Count"/> and <see cref="HasWeights"/>.</summary>
    private Gather Describe(TrainingData data, float* features, float* targets, float* weights, int* rows, int count, out int chunks)
    {
        int f = data.FeatureCount;
        int rowsPerChunk = Math.Max(1, AffineActivation.ChunkValues / Math.Max(1, f));
        chunks = (count + rowsPerChunk - 1) / rowsPerChunk;
        Count = count;
        HasWeights = data.Weights is not null;
        return new Gather(features, targets, weights, (float*)Unsafe.AsPointer(ref _features[0]), (float*)Unsafe.AsPointer(ref _targets[0]),
            (float*)Unsafe.AsPointer(ref _weights[0]), rows, f, data.TargetWidth, count, rowsPerChunk);
    }

    /// <summary>
    /// Chunk i: rows i·r to i·r + r − 1 of the batch (features, targets and the weight when there are weights). Each row's
    /// features are fetched into the cache while the row before it is copied: the rows sit at random places in the training
    /// data, mostly in main memory, and the processor's own prefetcher only starts on a row once its first lines have missed.
    /// Workload W at batch 128 on two threads: the copy's share of the epoch's CPU samples halved (3.3 → 1.8 %), the epoch
    /// 0.5-14 % faster in four alternated pairs, and about 4 % faster by the medians of BenchmarkDotNet jobs against the build
    /// without it, at batch 32 and 128 (docs/benchmarks.md, <i>The gather's prefetch</i>).
    /// </summary>
    private readonly unsafe struct Gather(float* features, float* targets, float* weights, float* toFeatures, float* toTargets,
        float* toWeights, int* rows, int f, int t, int count, int rowsPerChunk) : IChunkedWork
    {
        public void Run(int chunk)
        {
            for (int i = chunk * rowsPerChunk, end = Math.Min(count, i + rowsPerChunk); i < end; i++)
            {
                nint row = rows[i];
                if (i + 1 < end) Prefetch(features + rows[i + 1] * (nint)f, f);
                new ReadOnlySpan<float>(features + row * f, f).CopyTo(new Span<float>(toFeatures + (nint)i * f, f));
                new ReadOnlySpan<float>(targets + row * t, t).CopyTo(new Span<float>(toTargets + (nint)i * t, t));
                if (weights != null) toWeights[i] = weights[row];
            }
        }

        /// <summary>Asks for the cache lines of <paramref name="floats"/> values from <paramref name="start"/> (a hint; nothing on processors without it).</summary>
        private static void Prefetch(float* start, int floats)
        {
            if (!Sse.IsSupported) return;
            byte* end = (byte*)(start + floats);
            for (byte* line = (byte*)((nint)start & ~(nint)(CacheLineBytes - 1)); line < end; line += CacheLineBytes) Sse.Prefetch0(line);
        }
    }

    /// <summary>Bytes per cache line on x64 processors (the only ones <see cref="Gather"/> prefetches on).</summary>
    private const int CacheLineBytes = 64;
}
