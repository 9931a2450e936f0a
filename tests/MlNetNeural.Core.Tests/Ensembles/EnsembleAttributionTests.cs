using MlNetNeural.Core.Attribution;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>Integrated gradients on a merged ensemble (still piecewise linear after its front) and on sparse layers (taken as the dense layers they compute) stay exact.</summary>
public sealed class EnsembleAttributionTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // a log compression in front: a curved per-feature map, like the smooth clip
    public void AMergedEnsembleIsAttributedByLinearPiecesAndItsContributionsAddUp(bool compressed)
    {
        var merged = NetworkEnsemble.Merge(NetworkEnsembleTests.Members(4, 1, 2, embeddings: true, learnableGain: true, mapBack: false, compressed: compressed));
        int features = merged.InputSize;
        float[] baseline = new float[features];
        var attributor = new FeatureAttributor(merged, baseline, new AttributionSettings());
        Assert.True(attributor.IsExact);
        var workspace = merged.CreateWorkspace(1);
        float atBaseline = merged.Forward(baseline, workspace, 1, ForwardMode.Inference)[0];
        var random = new DeterministicRandom(8);
        var contributions = new float[features];
        for (int trial = 0; trial < 10; trial++)
        {
            float[] x = Enumerable.Range(0, features).Select(_ => (compressed ? 20f : 2f) * random.NextGaussian()).ToArray();
            attributor.Attribute(x, 1, [0], contributions);
            float change = merged.Forward(x, workspace, 1, ForwardMode.Inference)[0] - atBaseline;
            Assert.True(Math.Abs(contributions.Sum() - change) <= 1e-4f * Math.Abs(change) + 1e-5f, $"trial {trial}: {contributions.Sum()} vs {change}");
        }
    }

    [Fact]
    public void APrunedSparseLayerIsPiecewiseLinearToo()
    {
        var network = NetworkEnsembleTests.Members(1, 1, 2, embeddings: false, learnableGain: false, mapBack: false)[0];
        MagnitudePruning.Prune(network, 0.7f);
        var sparse = new Network(network.Layers.Select(layer => layer is DenseLayer { OutputSize: > 1 } dense ? SparseDenseLayer.FromDense(dense) : layer).ToArray());
        Assert.True(new FeatureAttributor(sparse, new float[sparse.InputSize], new AttributionSettings()).IsExact);
    }
}
