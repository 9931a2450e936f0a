using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Workloads;
using System.Diagnostics;

namespace MlNetNeural.Benchmarks.Torch;

/// <summary>
/// Not a benchmark: trains the TorchSharp peer of workload W (batch 128), by default for
/// <see cref="WorkloadW.AccuracyEpochs"/> epochs, and prints the test accuracy after each epoch, so the
/// speed comparison can be read next to what each side learns with the same recipe.
/// </summary>
public static class TorchAccuracy
{
    /// <summary>Default batch size of the accuracy run.</summary>
    public const int BatchSize = 128;

    /// <summary>Runs the training and writes one line per epoch to <paramref name="output"/>.</summary>
    /// <param name="output">Where the progress lines go.</param>
    /// <param name="epochs">Epochs to train (fewer than the default only for a quick check).</param>
    /// <param name="batchSize">Rows per optimizer step.</param>
    /// <returns>Test accuracy after the last epoch.</returns>
    public static double Run(TextWriter output, int epochs = WorkloadW.AccuracyEpochs, int batchSize = BatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        var (trainImages, testImages) = FashionMnist.Load();
        using var train = new TorchDataset(trainImages);
        using var test = new TorchDataset(testImages);
        using var mlp = new TorchMlp();
        output.WriteLine($"TorchSharp, workload W: batch {batchSize}, {WorkloadW.Threads} threads, {train.Count} training rows, {test.Count} test rows");
        double accuracy = 0;
        var clock = Stopwatch.StartNew();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            mlp.TrainEpoch(train, WorkloadW.ShuffledOrder(train.Count, epoch), batchSize);
            accuracy = mlp.Accuracy(test);
            output.WriteLine($"epoch {epoch + 1,2}: test accuracy {accuracy:P2} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        return accuracy;
    }
}
