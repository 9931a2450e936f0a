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

    public NetworkEvaluator(Network network, ILoss loss, int featureCount, int targetWidth, int threads)
    {
        _network = network;
        _loss = loss;
        _threads = threads;
        _workspace = network.CreateWorkspace(EvaluationBatch);
        _batch = new BatchBuffer(EvaluationBatch, featureCount, targetWidth);
    }

    /// <summary>Weighted mean loss and metric over <paramref name="rows"/> of <paramref name="data"/>.</summary>
    public (double Loss, double Metric) Evaluate(TrainingData data, ReadOnlySpan<int> rows)
    {
        double lossSum = 0, metricSum = 0;
        var mode = new ForwardMode(false, null, _threads) { ForwardOnly = true };
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
