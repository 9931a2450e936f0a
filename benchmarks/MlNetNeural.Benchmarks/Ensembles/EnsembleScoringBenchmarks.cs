using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Benchmarks.Ensembles;

/// <summary>
/// Scoring a seed ensemble of 5 (docs/trainers.md, EnsembleSize): one member alone (baseline), the five members run one
/// after the other and averaged, the merged network as <see cref="NetworkEnsemble.Merge"/> builds it (these layers are below
/// its size for sparse storage, so dense with zeros), and the merged network with every layer that is at most half
/// non-zero stored sparse, for one row (PredictionEngine) and a block of 64 rows (Transform's batches). Three
/// shapes on 57 features (spam's width), each with input scaling: the trainer's defaults (periodic embeddings of every
/// feature, [64, 32]), the search's most frequent choice ([256] with embeddings) and a wide network without them ([256, 256]).
/// </summary>
[Config(typeof(FineTuningConfig))]
public class EnsembleScoringBenchmarks
{
    private const int Features = 57, Members = 5;
    private Network[] _members = [];
    private Network _merged = null!, _mergedSparse = null!;
    private NetworkWorkspace[] _memberWorkspaces = [];
    private NetworkWorkspace _mergedWorkspace = null!, _mergedSparseWorkspace = null!;
    private float[] _input = [];
    private float[] _mean = [];

    /// <summary>The members' shape.</summary>
    [Params("defaults [64, 32] + embeddings", "[256] + embeddings", "[256, 256]")]
    public string Shape { get; set; } = "";

    /// <summary>Rows scored together.</summary>
    [Params(1, 64)]
    public int Rows { get; set; }

    /// <summary>Builds the members, merges them, stores the merged network both ways and checks that the three ways agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _members = Enumerable.Range(0, Members).Select(member => Architecture().Build(new DeterministicRandom((ulong)(100 + member)))).ToArray();
        _merged = NetworkEnsemble.Merge(_members);
        _mergedSparse = new Network(_merged.Layers.Select(layer => layer is DenseLayer dense && dense.NonZeroWeightCount <= dense.Weights.Values.Length / 2
            ? SparseDenseLayer.FromDense(dense) : layer).ToArray());
        _memberWorkspaces = _members.Select(member => member.CreateScoringWorkspace(Rows)).ToArray();
        _mergedWorkspace = _merged.CreateScoringWorkspace(Rows);
        _mergedSparseWorkspace = _mergedSparse.CreateScoringWorkspace(Rows);
        var random = new DeterministicRandom(7);
        _input = Enumerable.Range(0, Rows * Features).Select(_ => 3f * random.NextGaussian()).ToArray();
        _mean = new float[Rows];
        MembersAveraged();
        float[] expected = (float[])_mean.Clone();
        foreach (var (network, workspace) in new[] { (_merged, _mergedWorkspace), (_mergedSparse, _mergedSparseWorkspace) })
        {
            float[] actual = network.Forward(_input, workspace, Rows, ForwardMode.Inference).ToArray();
            for (int i = 0; i < Rows; i++)
                if (MathF.Abs(actual[i] - expected[i]) > 1e-4f * Math.Max(1, MathF.Abs(expected[i]))) throw new InvalidOperationException($"Row {i}: {actual[i]} against the members' mean {expected[i]}.");
        }
    }

    /// <summary>One member.</summary>
    [Benchmark(Baseline = true)]
    public float OneMember() => _members[0].Forward(_input, _memberWorkspaces[0], Rows, ForwardMode.Inference)[0];

    /// <summary>The five members one after the other, averaged.</summary>
    [Benchmark]
    public float MembersAveraged()
    {
        Array.Clear(_mean);
        for (int m = 0; m < Members; m++)
        {
            var output = _members[m].Forward(_input, _memberWorkspaces[m], Rows, ForwardMode.Inference);
            for (int i = 0; i < Rows; i++) _mean[i] += output[i] / Members;
        }
        return _mean[0];
    }

    /// <summary>The merged network as <see cref="NetworkEnsemble.Merge"/> builds it.</summary>
    [Benchmark]
    public float Merged() => _merged.Forward(_input, _mergedWorkspace, Rows, ForwardMode.Inference)[0];

    /// <summary>The merged network with its mostly-zero layers stored sparse.</summary>
    [Benchmark]
    public float MergedSparse() => _mergedSparse.Forward(_input, _mergedSparseWorkspace, Rows, ForwardMode.Inference)[0];

    private NetworkArchitecture Architecture()
    {
        var random = new DeterministicRandom(3);
        float[] shift = Enumerable.Range(0, Features).Select(_ => random.NextGaussian()).ToArray();
        float[] scale = Enumerable.Range(0, Features).Select(_ => 0.5f + random.NextFloat()).ToArray();
        var scaling = new FeatureScalingSpec(shift, scale, ClipBound: 3f);
        int[] hidden = Shape.StartsWith("defaults", StringComparison.Ordinal) ? [64, 32] : Shape.StartsWith("[256, 256]", StringComparison.Ordinal) ? [256, 256] : [256];
        var mlp = new NetworkArchitecture(Features, hidden, Activation.ReLU, 0.1f, 1).Layers;
        LayerSpec[] front = Shape.EndsWith("embeddings", StringComparison.Ordinal) ? [scaling, new PeriodicEmbeddingSpec(Enumerable.Range(0, Features).ToArray())] : [scaling];
        return new NetworkArchitecture(Features, [.. front, .. mlp]);
    }
}
