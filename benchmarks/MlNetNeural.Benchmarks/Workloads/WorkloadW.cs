namespace MlNetNeural.Benchmarks.Workloads;

/// <summary>
/// Workload W, the recipe both trainers run in the comparison: a 784-256-10 multilayer perceptron
/// (ReLU hidden layer, dropout 0.2 after it, softmax output with cross-entropy loss), Adam with
/// learning rate 1e-3, mini-batches of 32 or 128, one epoch over the 60,000 Fashion-MNIST training
/// images in a fixed-seed shuffled order, two compute threads.
/// </summary>
public static class WorkloadW
{
    /// <summary>Input width: 28×28 pixels.</summary>
    public const int Inputs = 784;

    /// <summary>Hidden-layer width.</summary>
    public const int Hidden = 256;

    /// <summary>Output width: Fashion-MNIST classes.</summary>
    public const int Classes = 10;

    /// <summary>Dropout probability after the hidden layer (training only).</summary>
    public const float Dropout = 0.2f;

    /// <summary>Adam learning rate (β1 0.9, β2 0.999, ε 1e-8: the defaults on both sides).</summary>
    public const double LearningRate = 1e-3;

    /// <summary>Compute threads for every library in the comparison.</summary>
    public const int Threads = 2;

    /// <summary>Seed for weight initialisation, dropout and the shuffle order.</summary>
    public const int Seed = 20240607;

    /// <summary>Epochs for the accuracy check (not a benchmark).</summary>
    public const int AccuracyEpochs = 10;

    /// <summary>
    /// The order rows are visited in during <paramref name="epoch"/> (0-based): a Fisher–Yates shuffle
    /// from a generator seeded with <see cref="Seed"/> and the epoch, so every trainer sees the same order.
    /// </summary>
    /// <param name="rows">Number of training rows.</param>
    /// <param name="epoch">Epoch index; each epoch has its own order.</param>
    public static int[] ShuffledOrder(int rows, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        var order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        new Random(unchecked(Seed * 31 + epoch)).Shuffle(order);
        return order;
    }
}
