using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Ours;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Benchmarks.FineTuning;

/// <summary>
/// One training epoch of the workload-W network (784 → 256 ReLU → dropout 0.2 → 10, Adam, 60,000 Fashion-MNIST images,
/// batch 32, 2 threads) with every layer training (baseline), with everything but the output layer frozen, and with a
/// rank-8 LoRA adapter on the frozen hidden layer plus the output layer. Every iteration starts from the same weights.
/// </summary>
[Config(typeof(FineTuningConfig))]
public class FreezingBenchmarks
{
    private const int BatchSize = 32, OutputLayer = 2;
    private TrainingData _train = null!;
    private Network _start = null!;
    private Network _network = null!;

    /// <summary>Loads the images and builds the starting network once per process.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _train = OurWorkloadW.ToTrainingData(FashionMnist.Load().Train);
        _start = OurWorkloadW.NewNetwork();
    }

    /// <summary>A fresh copy of the starting weights before every timed epoch.</summary>
    [IterationSetup(Targets = [nameof(AllLayers), nameof(OutputLayerOnly)])]
    public void CopyNetwork() => _network = _start.Copy();

    /// <summary>A fresh copy with a rank-8 adapter on the hidden layer.</summary>
    [IterationSetup(Target = nameof(LoraOnHiddenLayer))]
    public void CopyNetworkWithAdapter() => _network = LoraAdapters.Attach(_start, [0], rank: 8, alpha: 8f, new DeterministicRandom(1));

    /// <summary>Full fine-tuning: every layer trains.</summary>
    [Benchmark(Baseline = true)]
    public void AllLayers() => Epoch(null);

    /// <summary>Only the output layer trains: no weight gradient of the 784 → 256 layer, no gradient below the output layer.</summary>
    [Benchmark]
    public void OutputLayerOnly() => Epoch([OutputLayer]);

    /// <summary>The hidden layer's adapter (8 × 784 + 256 × 8 values) and the output layer train.</summary>
    [Benchmark]
    public void LoraOnHiddenLayer() => Epoch([0, OutputLayer]);

    private void Epoch(IReadOnlyList<int>? trainable) =>
        new NetworkTrainer(OurWorkloadW.Settings(BatchSize, 1) with { TrainableLayers = trainable })
            .Train(_network, new SoftmaxCrossEntropyLoss(WorkloadW.Classes), _train);
}
