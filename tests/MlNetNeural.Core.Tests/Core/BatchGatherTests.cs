using MlNetNeural.Core.Threading;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

/// <summary>The mini-batch gather, split between the compute team's threads in blocks of rows.</summary>
public class BatchGatherTests
{
    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, false, false)]
    [InlineData(3, true, false)]
    [InlineData(1, true, true)]
    [InlineData(2, false, true)]
    [InlineData(3, true, true)]
    public void CopiesTheNamedRowsInOrderOnAnyThreadCount(int threads, bool weighted, bool inBackground)
    {
        const int Rows = 200, Features = 300;
        var features = new float[Rows * Features];
        for (int i = 0; i < features.Length; i++) features[i] = i * 0.5f;
        var targets = new float[Rows];
        for (int i = 0; i < Rows; i++) targets[i] = i % 3;
        float[]? weights = weighted ? Enumerable.Range(0, Rows).Select(i => 1f + i).ToArray() : null;
        var data = new TrainingData(features, Features, targets, 1, weights);
        int[] order = Enumerable.Range(0, 90).Select(i => (i * 37 + 11) % Rows).ToArray();

        var batch = new BatchBuffer(order.Length, Features, 1);
        using (ComputeTeam.Enter(threads))
        {
            if (inBackground)
            {
                // The rows to copy start at an offset of the order, as the next mini-batch's do in a training run.
                int[] epochOrder = [.. Enumerable.Range(0, 7), .. order];
                batch.StartFill(data, epochOrder, 7, order.Length, threads);
                batch.CompleteFill();
            }
            else
            {
                batch.Fill(data, order, threads);
            }
        }

        Assert.Equal(order.Length, batch.Count);
        Assert.Equal(weighted, batch.HasWeights);
        for (int i = 0; i < order.Length; i++)
        {
            Assert.True(batch.Features.Slice(i * Features, Features).SequenceEqual(features.AsSpan(order[i] * Features, Features)), $"row {i}");
            Assert.Equal(targets[order[i]], batch.Targets[i]);
            if (weighted) Assert.Equal(weights![order[i]], batch.Weights[i]);
        }
    }
}
