using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Torch;
using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks;

/// <summary>
/// One training epoch of workload W (see <see cref="WorkloadW"/>) over the 60,000 Fashion-MNIST training
/// images, each iteration starting from freshly initialised weights, under both process setups of
/// <see cref="EpochConfig"/>. TorchSharp is the baseline.
/// </summary>
[Config(typeof(EpochConfig))]
public class WorkloadWBenchmarks
{
    private LabelledImages train = null!;
    private int[] order = [];
    private TorchDataset? torchTrain;
    private TorchMlp? torchMlp;

    /// <summary>Rows per optimizer step.</summary>
    [Params(32, 128)]
    public int BatchSize { get; set; }

    // ------------------------------------------------------------------ TorchSharp (baseline)

    /// <summary>Loads the data and copies it into tensors once per process.</summary>
    [GlobalSetup(Target = nameof(TorchSharpEpoch))]
    public void SetupTorchSharp()
    {
        LoadData();
        torchTrain = new TorchDataset(train);
    }

    /// <summary>Fresh weights and optimizer state before every timed epoch.</summary>
    [IterationSetup(Target = nameof(TorchSharpEpoch))]
    public void NewTorchSharpModel()
    {
        torchMlp?.Dispose();
        torchMlp = new TorchMlp();
    }

    /// <summary>One epoch with TorchSharp-cpu 0.107.0 (libtorch 2.10).</summary>
    [Benchmark(Baseline = true)]
    public void TorchSharpEpoch() => torchMlp!.TrainEpoch(torchTrain!, order, BatchSize);

    /// <summary>Releases the tensors.</summary>
    [GlobalCleanup(Target = nameof(TorchSharpEpoch))]
    public void CleanupTorchSharp()
    {
        torchMlp?.Dispose();
        torchTrain?.Dispose();
    }

    // ------------------------------------------------------------------ MlNetNeural (our trainer)
    // INTEGRATOR: add our trainer here, mirroring the TorchSharp block above:
    //   [GlobalSetup(Target = nameof(MlNetNeuralEpoch))]    LoadData(); copy `train` into the trainer's own arrays
    //   [IterationSetup(Target = nameof(MlNetNeuralEpoch))] fresh network + Adam state seeded with WorkloadW.Seed
    //   [Benchmark] public void MlNetNeuralEpoch()         one epoch over `order` in BatchSize batches
    // Same recipe as TorchMlp: 784-256 ReLU, dropout WorkloadW.Dropout, 10-way softmax + cross-entropy,
    // Adam(WorkloadW.LearningRate), WorkloadW.Threads threads, last partial batch kept (60000 % 128 = 96 rows).

    // ------------------------------------------------------------------ shared

    private void LoadData()
    {
        train = FashionMnist.Load().Train;
        order = WorkloadW.ShuffledOrder(train.Count, epoch: 0);
    }
}
