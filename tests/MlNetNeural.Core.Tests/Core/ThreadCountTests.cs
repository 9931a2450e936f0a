using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.Measuring;

namespace MlNetNeural.Tests.Core;

/// <summary>
/// Training on one, two or three threads gives the same bits, for every layer kind and fine-tuning hook. The layers are
/// wide enough (batch 32 × 300 inputs × 128 or 512 units) that the training step splits its element-wise passes, its
/// update and its matrix products (from <see cref="MlNetNeural.Core.Kernels.Gemm.InRunParallelThreshold"/> multiply-adds
/// inside a run) between the threads.
/// </summary>
public class ThreadCountTests
{
    private const int Features = 300, Classes = 3, Rows = 160;

    public static TheoryData<string> Setups() => new(Setup.All.Keys);

    [Theory]
    [MemberData(nameof(Setups))]
    public void TrainingGivesTheSameBitsOnOneTwoAndThreeThreads(string name)
    {
        var setup = Setup.All[name];
        byte[] reference = Train(setup, threads: 1);
        Assert.Equal(reference, Train(setup, threads: 2));
        Assert.Equal(reference, Train(setup, threads: 3));
    }

    [Fact]
    public void AStepOnTwoThreadsAllocatesNothing()
    {
        const int rows = 1280; // 40 mini-batches per epoch
        var data = Data(rows);
        void Train(int epochs, int threads)
        {
            var settings = new TrainerSettings { MaxEpochs = epochs, BatchSize = 32, L2Penalty = 1e-4f, GradientClipNorm = 1f, Threads = threads, Seed = 1 };
            var network = Setup.All["dense"].Architecture.Build(new DeterministicRandom(1));
            new NetworkTrainer(settings).Train(network, new SoftmaxCrossEntropyLoss(Classes), data);
        }
        Train(3, threads: 2);
        Train(3, threads: 1);
        // Each epoch allocates its history record (TrainingAllocationTests bounds one thread's steps): two threads may
        // allocate nothing more than one thread does.
        long Least(int epochs, int threads) => ThreadAllocations.Least(() => Train(epochs, threads));
        long two = Least(6, 2) - Least(2, 2);
        long one = Least(6, 1) - Least(2, 1);
        const int ExtraSteps = 4 * rows / 32;
        Assert.True(two - one < ExtraSteps * 8, $"4 extra epochs ({ExtraSteps} mini-batches) allocated {two} bytes on 2 threads, {one} on 1");
    }

    private static byte[] Train(Setup setup, int threads)
    {
        var network = setup.Architecture.Build(new DeterministicRandom(7));
        var settings = setup.Settings(network) with { MaxEpochs = 3, BatchSize = 32, Seed = 3, Threads = threads };
        return NetworkSerializer.ToBytes(new NetworkTrainer(settings).Train(network, new SoftmaxCrossEntropyLoss(Classes), Data()).Network);
    }

    private static TrainingData Data(int rows = Rows)
    {
        var random = new DeterministicRandom(99);
        var x = new float[rows * Features];
        var y = new float[rows];
        for (int row = 0; row < rows; row++)
        {
            y[row] = row % Classes;
            for (int j = 0; j < Features; j++) x[row * Features + j] = random.NextGaussian() + (j % Classes == row % Classes ? 0.5f : 0f);
        }
        return new TrainingData(x, Features, y);
    }

    private sealed record Setup(NetworkArchitecture Architecture, Func<Network, TrainerSettings> Settings)
    {
        private static readonly Activation Relu = Activation.ReLU;

        private static float[] Filled(float value) => Enumerable.Repeat(value, Features).ToArray();

        public static readonly IReadOnlyDictionary<string, Setup> All = new Dictionary<string, Setup>
        {
            ["dense"] = new(new NetworkArchitecture(Features,
                [new FeatureScalingSpec(Filled(0.1f), Filled(0.9f), ClipBound: 3f, LearnableGain: true), new DenseSpec(512, new Activation(ActivationKind.Gelu)), new DropoutSpec(0.2f), new DenseSpec(Classes, Activation.Identity)]),
                _ => new TrainerSettings { L2Penalty = 1e-3f, GradientClipNorm = 0.5f }),
            ["embeddings"] = new(new NetworkArchitecture(Features,
                [new PeriodicEmbeddingSpec(Enumerable.Range(0, 40).ToArray()), new DenseSpec(128, Relu), new DenseSpec(Classes, Activation.Identity)]),
                _ => new TrainerSettings()),
            ["lora and freezing"] = new(new NetworkArchitecture(Features,
                [new DenseSpec(128, Relu), new LoraDenseSpec(128, Relu, Rank: 4), new DenseSpec(Classes, Activation.Identity)]),
                _ => new TrainerSettings { TrainableLayers = [1, 2] }),
            ["sparse"] = new(new NetworkArchitecture(Features,
                [new SparseDenseSpec(128, Relu, Density: 0.5f), new DenseSpec(Classes, Activation.Identity)]),
                _ => new TrainerSettings { Optimizer = new OptimizerSettings { Kind = OptimizerKind.Sgd, Momentum = 0.9f } }),
            ["pruning and proximal"] = new(new NetworkArchitecture(Features,
                [new DenseSpec(128, Relu), new DenseSpec(64, Relu), new DenseSpec(Classes, Activation.Identity)]),
                network => new TrainerSettings { Pruning = PruningSettings.Gradual(0.6f, rampEpochs: 2), Proximal = ProximalAnchor.AtCurrentWeights(network, 0.01f), GradientClipNorm = 1f }),
        };
    }
}
