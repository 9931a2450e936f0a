using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Torch;
using MlNetNeural.Benchmarks.Workloads;

namespace MlNetNeural.Benchmarks.Tests;

public class TorchSharpPeerTests
{
    [Fact]
    public void LibtorchLoadsAndMultipliesCorrectly()
    {
        Assert.StartsWith("TorchSharp OK", TorchCheck.Run());
    }

    [Fact]
    public void TheWorkloadWNetworkLearnsSeparableClasses()
    {
        var data = Prototypes(rows: 640, seed: 1);
        using var train = new TorchDataset(data);
        using var mlp = new TorchMlp();
        double before = mlp.Accuracy(train);

        for (int epoch = 0; epoch < 3; epoch++)
            mlp.TrainEpoch(train, WorkloadW.ShuffledOrder(train.Count, epoch), batchSize: 32);

        Assert.InRange(before, 0, 0.5);
        Assert.True(mlp.Accuracy(train) > 0.95, $"accuracy after training {mlp.Accuracy(train):P1}");
    }

    [Fact]
    public void TrainingRejectsAnOrderOfTheWrongLength()
    {
        using var train = new TorchDataset(Prototypes(rows: 10, seed: 2));
        using var mlp = new TorchMlp();

        Assert.Throws<ArgumentException>(() => mlp.TrainEpoch(train, [0, 1, 2], batchSize: 2));
    }

    /// <summary>Each class is a random 784-pixel prototype plus noise.</summary>
    private static LabelledImages Prototypes(int rows, int seed)
    {
        var random = new Random(seed);
        var prototypes = Enumerable.Range(0, WorkloadW.Classes)
            .Select(_ => Enumerable.Range(0, WorkloadW.Inputs).Select(_ => random.NextSingle()).ToArray()).ToArray();
        var images = new float[rows * WorkloadW.Inputs];
        var labels = new int[rows];
        for (int row = 0; row < rows; row++)
        {
            labels[row] = row % WorkloadW.Classes;
            for (int pixel = 0; pixel < WorkloadW.Inputs; pixel++)
                images[row * WorkloadW.Inputs + pixel] = Math.Clamp(prototypes[labels[row]][pixel] + 0.3f * (random.NextSingle() - 0.5f), 0f, 1f);
        }
        return new LabelledImages(images, labels, WorkloadW.Inputs);
    }
}
