using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Benchmarks.FineTuning;

/// <summary>
/// Scoring through a pruned 784 → 256 layer (the hidden layer of workload W): the dense kernel on the weights with their
/// zeros (baseline) against the sparse kernel on the stored weights only, at 50, 70, 80, 90 and 95% sparsity (magnitude
/// pruning of He-normal weights), for one row (PredictionEngine) and a block of 64 rows (Transform's batches).
/// </summary>
[Config(typeof(FineTuningConfig))]
public class SparseKernelBenchmarks
{
    private const int Inputs = 784, Units = 256;
    private float[] _dense = [];
    private CsrMatrix _sparse = null!;
    private float[] _input = [];
    private float[] _output = [];
    private float[] _scratch = [];

    /// <summary>Fraction of the weights pruned.</summary>
    [Params(0.5f, 0.7f, 0.8f, 0.9f, 0.95f)]
    public float Sparsity { get; set; }

    /// <summary>Rows scored together.</summary>
    [Params(1, 64)]
    public int Rows { get; set; }

    /// <summary>Prunes the layer and checks that both kernels agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new DeterministicRandom(42);
        var network = new Network([new DenseSpec(Units, Activation.ReLU).Build(Inputs, 0, random)]);
        MagnitudePruning.Prune(network, Sparsity);
        _dense = network.DenseLayers.Single().Weights.Values;
        _sparse = CsrMatrix.FromDense(_dense, Units, Inputs);
        _input = Enumerable.Range(0, Rows * Inputs).Select(_ => random.NextFloat()).ToArray();
        _output = new float[Rows * Units];
        _scratch = new float[SparseGemm.ForwardScratchLength(Rows, Inputs)];
        Dense();
        float[] expected = (float[])_output.Clone();
        Sparse();
        for (int i = 0; i < expected.Length; i++)
            if (MathF.Abs(expected[i] - _output[i]) > 1e-3f) throw new InvalidOperationException($"The kernels disagree at {i}: {expected[i]} and {_output[i]}.");
    }

    /// <summary>The dense matrix product over all 784 × 256 weights.</summary>
    [Benchmark(Baseline = true)]
    public void Dense() => Gemm.MultiplyTransposedB(_input, _dense, _output, Rows, Units, Inputs);

    /// <summary>The sparse kernel over the stored weights.</summary>
    [Benchmark]
    public void Sparse() => SparseGemm.MultiplyTransposedB(_input, _sparse, _output, Rows, _scratch);
}
