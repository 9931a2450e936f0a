using MlNetNeural.Benchmarks.Workloads;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlNetNeural.Benchmarks.Torch;

/// <summary>
/// The TorchSharp peer of workload W: 784-256 (ReLU) - Dropout(0.2) - 10, CrossEntropyLoss (softmax +
/// negative log-likelihood), Adam(lr 1e-3), written the way a TorchSharp user would write it.
/// </summary>
public sealed class TorchMlp : IDisposable
{
    private readonly Sequential model;
    private readonly optim.Optimizer optimizer;
    private readonly nn.Module<Tensor, Tensor, Tensor> loss = nn.CrossEntropyLoss();

    /// <summary>Creates the network and its optimizer; weights and dropout masks follow <see cref="WorkloadW.Seed"/>.</summary>
    public TorchMlp()
    {
        TorchRuntime.Initialize();
        manual_seed(WorkloadW.Seed);
        model = nn.Sequential(
            ("hidden", nn.Linear(WorkloadW.Inputs, WorkloadW.Hidden)),
            ("relu", nn.ReLU()),
            ("dropout", nn.Dropout(WorkloadW.Dropout)),
            ("output", nn.Linear(WorkloadW.Hidden, WorkloadW.Classes)));
        optimizer = optim.Adam(model.parameters(), lr: WorkloadW.LearningRate);
    }

    /// <summary>One pass over <paramref name="train"/> in <paramref name="order"/>, in mini-batches of <paramref name="batchSize"/> (the last batch may be smaller).</summary>
    /// <param name="train">Training rows.</param>
    /// <param name="order">Row indices in visiting order, e.g. <see cref="WorkloadW.ShuffledOrder"/>.</param>
    /// <param name="batchSize">Rows per optimizer step.</param>
    public void TrainEpoch(TorchDataset train, int[] order, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (order.Length != train.Count)
            throw new ArgumentException($"The visiting order has {order.Length} entries but the data has {train.Count} rows.", nameof(order));
        model.train();
        using var visitOrder = tensor(order.Select(i => (long)i).ToArray());
        for (int start = 0; start < order.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var rows = visitOrder.narrow(0, start, Math.Min(batchSize, order.Length - start));
            var x = train.Images.index_select(0, rows);
            var y = train.Labels.index_select(0, rows);
            optimizer.zero_grad();
            loss.forward(model.forward(x), y).backward();
            optimizer.step();
        }
    }

    /// <summary>Fraction of <paramref name="test"/> rows whose highest-scoring class is the label (dropout off).</summary>
    /// <param name="test">Rows to score.</param>
    public double Accuracy(TorchDataset test)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long correct = model.forward(test.Images).argmax(1).eq(test.Labels).sum().item<long>();
        return (double)correct / test.Count;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        loss.Dispose();
    }
}
