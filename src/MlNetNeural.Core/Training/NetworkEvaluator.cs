using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;

namespace MlNetNeural.Core.Training;

/// <summary>Computes a loss and its metric over a set of rows in inference mode, batch by batch.</summary>
internal sealed class NetworkEvaluator
{
    private const int EvaluationBatch = 256;
    private readonly Network _network;
    private readonly ILoss _loss;
    private readonly NetworkWorkspace _workspace;
    private readonly BatchBuffer _batch;
    private readonly int _threads;
    private readonly bool _inTrainingRun;

    /// <param name="network">The network to evaluate.</param>
    /// <param name="loss">The loss and metric.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="targetWidth">Target values per row.</param>
    /// <param name="threads">Threads for the forward passes.</param>
    /// <param name="inTrainingRun">
    /// True for a training run's validation after each epoch: the forward passes take the run's own kernels (a periodic
    /// embedding's faster sine and cosine), as its steps do, since only the run reads these losses. False for a loss that is
    /// reported with the trained model: computed exactly as the saved model scores.
    /// </param>
    public NetworkEvaluator(Network network, ILoss loss, int featureCount, int targetWidth, int threads, bool inTrainingRun = false)
    {
        _network = network;
        _loss = loss;
        _threads = threads;
        _inTrainingRun = inTrainingRun;
        _workspace = network.CreateWorkspace(EvaluationBatch);
        _batch = new BatchBuffer(EvaluationBatch, featureCount, targetWidth);
    }

    /// <summary>Weighted mean loss and metric over <paramref name="rows"/> of <paramref name="data"/>.</summary>
    public (double Loss, double Metric) Evaluate(TrainingData data, ReadOnlySpan<int> rows)
    {
        double lossSum = 0, metricSum = 0;
        var mode = new ForwardMode(false, null, _threads) { ForwardOnly = true, InTrainingRun = _inTrainingRun };
        for (int start = 0; start < rows.Length; start += EvaluationBatch)
        {
            var chunk = rows.Slice(start, Math.Min(EvaluationBatch, rows.Length - start));
            _batch.Fill(data, chunk);
            var outputs = _network.Forward(_batch.Features, _workspace, chunk.Length, mode);
            lossSum += _loss.Compute(outputs, _batch.Targets, _batch.Weights, chunk.Length, default) * chunk.Length;
            metricSum += _loss.MetricSum(outputs, _batch.Targets, chunk.Length);
        }
        return (lossSum / rows.Length, _loss.FinishMetric(metricSum, rows.Length));
    }
}
