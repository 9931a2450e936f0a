using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.TestData;

namespace MlNetNeural.Tests.Core;

/// <summary>The seed example on real digits: 784-256(ReLU)-dropout 0.2-10, Adam 1e-3, batch 32, 10 epochs, 8,000 / 2,000 split.</summary>
public class MnistLearningTests
{
    [Fact]
    [Trait("Category", "Learning")]
    public void ReachesAtLeast95PercentTestAccuracyWithin10Epochs()
    {
        var (pixels, labels) = MnistDigits.All;
        int[] order = Enumerable.Range(0, labels.Length).ToArray();
        new DeterministicRandom(2024).Shuffle(order);
        TrainingData Subset(ReadOnlySpan<int> rows)
        {
            var x = new float[rows.Length * MnistDigits.Pixels];
            var y = new float[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                pixels.AsSpan(rows[i] * MnistDigits.Pixels, MnistDigits.Pixels).CopyTo(x.AsSpan(i * MnistDigits.Pixels));
                y[i] = labels[rows[i]];
            }
            return new TrainingData(x, MnistDigits.Pixels, y);
        }
        var train = Subset(order.AsSpan(0, 8000));
        var test = Subset(order.AsSpan(8000));

        var settings = new TrainerSettings { LearningRate = 1e-3f, BatchSize = 32, MaxEpochs = 10, ValidationFraction = 0f, Seed = 1 };
        var loss = new SoftmaxCrossEntropyLoss(10);
        var result = new NetworkTrainer(settings).Train(new NetworkArchitecture(MnistDigits.Pixels, [256], Activation.ReLU, 0.2f, 10), loss, train);

        double accuracy = new NetworkEvaluator(result.Network, loss, MnistDigits.Pixels, 1, 1).Evaluate(test, Enumerable.Range(0, test.Rows).ToArray()).Metric;
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P2} after {result.History.Epochs.Count} epochs");
    }
}
