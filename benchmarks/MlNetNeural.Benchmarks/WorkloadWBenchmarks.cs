using BenchmarkDotNet.Attributes;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Ours;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;
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
    private TrainingData? ourTrain;
    private Network? ourNetwork;

    /// <summary>Loads the data into the trainer's arrays once per process (used in place, never copied).</summary>
    [GlobalSetup(Targets = [nameof(MlNetNeuralEpoch), nameof(MlNetNeuralEpochOneThread)])]
    public void SetupMlNetNeural()
    {
        LoadData();
        ourTrain = OurWorkloadW.ToTrainingData(train);
    }

    /// <summary>Fresh weights (and, inside the trainer, fresh Adam state) before every timed epoch.</summary>
    [IterationSetup(Targets = [nameof(MlNetNeuralEpoch), nameof(MlNetNeuralEpochOneThread)])]
    public void NewMlNetNeuralModel() => ourNetwork = OurWorkloadW.NewNetwork();

    /// <summary>One epoch with MlNetNeural's trainer (the trainer shuffles from the workload seed).</summary>
    [Benchmark]
    public void MlNetNeuralEpoch() => OurWorkloadW.TrainEpoch(ourNetwork!, ourTrain!, BatchSize);

    /// <summary>The same epoch on one thread: the two-thread speed-up is the ratio of the two rows.</summary>
    [Benchmark]
    public void MlNetNeuralEpochOneThread() => OurWorkloadW.TrainEpoch(ourNetwork!, ourTrain!, BatchSize, threads: 1);

    // ------------------------------------------------------------------ shared

    private void LoadData()
    {
        train = FashionMnist.Load().Train;
        order = WorkloadW.ShuffledOrder(train.Count, epoch: 0);
    }
}
