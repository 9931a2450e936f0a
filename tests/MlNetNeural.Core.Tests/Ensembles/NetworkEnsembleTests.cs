using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Ensembles;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Tests.Ensembles;

/// <summary>Merging members into one network: its output is the members' mean, its storage grows K-fold, refusals name what differs.</summary>
public sealed class NetworkEnsembleTests
{
    private const int Features = 6, Rows = 9;

    [Theory]
    [InlineData(1, 1, false, false, 2)]   // binary-shaped, one hidden layer
    [InlineData(1, 2, true, false, 3)]    // with periodic embeddings
    [InlineData(1, 3, true, true, 5)]     // with embeddings and a learnable gain, three hidden layers
    [InlineData(3, 2, false, true, 4)]    // multiclass-shaped, learnable gain without embeddings
    [InlineData(3, 1, true, true, 2)]
    [InlineData(3, 0, true, true, 3)]     // no hidden layer: the output layer reads the front directly
    public void TheMergedNetworkComputesTheMembersMean(int outputs, int depth, bool embeddings, bool learnableGain, int memberCount)
    {
        var members = Members(memberCount, outputs, depth, embeddings, learnableGain, mapBack: false);
        var merged = NetworkEnsemble.Merge(members);
        AssertComputesMean(members, merged);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void RegressionNetworksWithTheirMapBackToLabelUnitsMergeToTheMeanPrediction(bool embeddings, bool learnableGain)
    {
        var members = Members(3, 1, 2, embeddings, learnableGain, mapBack: true);
        var merged = NetworkEnsemble.Merge(members);
        Assert.IsType<FeatureScalingLayer>(merged.Layers[^1]);
        AssertComputesMean(members, merged);
    }

    [Fact]
    public void MergedLayersAreDenseUnlessLargeAndMostlyZerosThenSparseWithJustTheMembersWeights()
    {
        // Small: every merged layer dense, zeros where the members do not connect (a block-diagonal hidden layer holds
        // exactly the members' 5 × 16 × 16 weights).
        var small = NetworkEnsemble.Merge(Members(5, 1, 3, embeddings: true, learnableGain: false, mapBack: false, width: 16));
        var layers = small.Layers.OfType<IFullyConnectedLayer>().ToArray();
        Assert.All(layers, layer => Assert.IsType<DenseLayer>(layer));
        Assert.Equal(5L * 16 * 16, layers[1].NonZeroWeightCount);

        // Large: the 3,500 × 3,500 block-diagonal layer (12 million weights dense) is stored sparse, so the merged network
        // is the members' size, not five times it; the first layer (read by every member) and the output stay dense.
        var members = Members(5, 1, 2, embeddings: false, learnableGain: false, mapBack: false, width: 700);
        var large = NetworkEnsemble.Merge(members);
        layers = large.Layers.OfType<IFullyConnectedLayer>().ToArray();
        Assert.IsType<DenseLayer>(layers[0]);
        Assert.IsType<SparseDenseLayer>(layers[1]);
        Assert.Equal(5L * 700 * 700, layers[1].NonZeroWeightCount);
        Assert.IsType<DenseLayer>(layers[2]);
        Assert.InRange(large.ParameterCount, members.Sum(member => member.ParameterCount) - 10, members.Sum(member => member.ParameterCount));
        AssertComputesMean(members, large, rows: 3);
    }

    [Fact]
    public void DropoutKeepsItsRateOverTheWiderLayersAndDrawsEachMembersMasks()
    {
        var members = Members(3, 1, 2, embeddings: false, learnableGain: false, mapBack: false);
        var merged = NetworkEnsemble.Merge(members);
        var dropouts = merged.Layers.OfType<DropoutLayer>().ToArray();
        Assert.Equal(2, dropouts.Length);
        Assert.All(dropouts, dropout => Assert.Equal(0.2f, dropout.Rate));
        Assert.Equal(3 * 8, dropouts[0].InputSize);
        // Monte-Carlo dropout: training-mode passes differ from each other, and their mean comes near the inference output.
        float[] x = Inputs(new DeterministicRandom(3));
        var workspace = merged.CreateWorkspace(Rows);
        float[] exact = merged.Forward(x, workspace, Rows, ForwardMode.Inference).ToArray();
        var random = new DeterministicRandom(11);
        float[] first = merged.Forward(x, workspace, Rows, new ForwardMode(true, random, 1)).ToArray();
        Assert.NotEqual(first, merged.Forward(x, workspace, Rows, new ForwardMode(true, random, 1)).ToArray());
        var sum = new double[exact.Length];
        const int Samples = 400;
        for (int s = 0; s < Samples; s++)
        {
            var sampled = merged.Forward(x, workspace, Rows, new ForwardMode(true, random, 1));
            for (int i = 0; i < sum.Length; i++) sum[i] += sampled[i];
        }
        Assert.All(Enumerable.Range(0, exact.Length), i => Assert.InRange(sum[i] / Samples, exact[i] - 0.5, exact[i] + 0.5));
    }

    [Fact]
    public void TheMergedNetworkSavesAndLoadsScoringTheSameBits()
    {
        var merged = NetworkEnsemble.Merge(Members(4, 3, 2, embeddings: true, learnableGain: true, mapBack: false));
        var loaded = NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(merged));
        float[] x = Inputs(new DeterministicRandom(5));
        Assert.Equal(merged.Forward(x, merged.CreateWorkspace(Rows), Rows, ForwardMode.Inference).ToArray(),
            loaded.Forward(x, loaded.CreateScoringWorkspace(Rows), Rows, ForwardMode.Inference).ToArray());
        Assert.Equal(merged.Describe(), loaded.Describe());
    }

    [Fact]
    public void OneMemberMergesIntoAnEquivalentNetworkWithItsGainFolded()
    {
        var member = Members(1, 1, 2, embeddings: true, learnableGain: true, mapBack: false);
        var merged = NetworkEnsemble.Merge(member);
        Assert.Null(((FeatureScalingLayer)merged.Layers[0]).Gain);
        AssertComputesMean(member, merged);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void LogCompressedMembersShareTheirCompressionAndMergeToTheMean(bool embeddings, bool mapBack)
    {
        var members = Members(3, 1, 2, embeddings, learnableGain: true, mapBack, compressed: true);
        var merged = NetworkEnsemble.Merge(members);
        Assert.Equal(CompressionScales, Assert.IsType<LogCompressionLayer>(merged.Layers[0]).Scales.ToArray());
        AssertComputesMean(members, merged);
        var reloaded = NetworkSerializer.FromBytes(NetworkSerializer.ToBytes(merged));
        AssertComputesMean(members, reloaded);

        var otherScales = Build(1, 2, 8, embeddings, learnableGain: true, mapBack, seed: 9, compressed: true, compressionFactor: 2f);
        var error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], otherScales]));
        Assert.Contains("Member 2's layer 0", error.Message);
        Assert.Contains("feature 0 is compressed with scale 2, in member 1 with 1", error.Message);

        var uncompressed = Members(1, 1, 2, embeddings, learnableGain: true, mapBack)[0];
        Assert.Contains("share one architecture", Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], uncompressed])).Message);

        var afterScaling = new Network([members[0].Layers[1], members[0].Layers[0], .. members[0].Layers.Skip(2)]);
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([afterScaling, afterScaling]));
        Assert.Contains("layer 1 (log compression of 4 of 6 features) cannot be merged where it stands", error.Message);
    }

    [Fact]
    public void MembersThatCannotBeMergedAreRefusedNamingTheMemberAndLayer()
    {
        var members = Members(2, 1, 2, embeddings: true, learnableGain: false, mapBack: false);

        var lora = LoraAdapters.Attach(members[1], [2], rank: 2, alpha: 2, new DeterministicRandom(1));
        var error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], lora]));
        Assert.Contains("Member 2's layer 2", error.Message);
        Assert.Contains("LoraAdapters.Merge", error.Message);

        var sparse = new Network(members[1].Layers.Select((layer, i) => i == 4 ? SparseDenseLayer.FromDense((DenseLayer)layer) : layer).ToArray());
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], sparse]));
        Assert.Contains("Member 2's layer 4", error.Message);
        Assert.Contains("sparse (pruned)", error.Message);

        var wider = Members(1, 1, 2, embeddings: true, learnableGain: false, mapBack: false, width: 9)[0];
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], wider]));
        Assert.Contains("share one architecture", error.Message);

        var otherScaling = Build(1, 2, 8, embeddings: true, learnableGain: false, mapBack: false, seed: 9, shiftOffset: 0.5f);
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], otherScaling]));
        Assert.Contains("Member 2's layer 0", error.Message);
        Assert.Contains("value 0 is shifted", error.Message);

        var otherFeatures = new Network([members[1].Layers[0], NewEmbedding([0, 1, 2, 3]), .. members[1].Layers.Skip(2)]);
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], otherFeatures]));
        Assert.Contains("embeds features [0, 1, 2, 3]", error.Message);

        var sigmoidOutput = new Network([new DenseLayer(Features, 4, new Activation(ActivationKind.ReLU)), new DenseLayer(4, 1, new Activation(ActivationKind.Sigmoid))]);
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([sigmoidOutput, sigmoidOutput]));
        Assert.Contains("not linear", error.Message);

        var scalingInside = new Network([new DenseLayer(Features, 4, new Activation(ActivationKind.ReLU)), new FeatureScalingLayer(new float[4], [1, 1, 1, 1]),
            new DenseLayer(4, 1, Activation.Identity)]);
        error = Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([scalingInside, scalingInside]));
        Assert.Contains("layer 1", error.Message);
        Assert.Contains("cannot be merged where it stands", error.Message);

        Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([]));
        Assert.Contains("Member 2", Assert.Throws<ArgumentException>(() => NetworkEnsemble.Merge([members[0], null!])).Message);
    }

    [Fact]
    public void MemberOneKeepsTheRunsSeedAndTheOthersDeriveTheirs()
    {
        Assert.Equal(42, NetworkEnsemble.MemberSeed(42, 1));
        int[] seeds = Enumerable.Range(1, 5).Select(member => NetworkEnsemble.MemberSeed(42, member)).ToArray();
        Assert.Equal(5, seeds.Distinct().Count());
        Assert.Equal(seeds, Enumerable.Range(1, 5).Select(member => NetworkEnsemble.MemberSeed(42, member)));
        Assert.All(seeds.Skip(1), seed => Assert.True(seed >= 0));
    }

    /// <summary>Merged and member outputs on the same rows, by the plain and the scoring workspace: within 1e-5 of the mean, relative to its size (at least 1).</summary>
    internal static void AssertComputesMean(IReadOnlyList<Network> members, Network merged, int rows = Rows)
    {
        float[] x = Inputs(new DeterministicRandom(17), merged.InputSize, rows);
        int outputs = members[0].OutputSize;
        var mean = new double[rows * outputs];
        foreach (var member in members)
        {
            var y = member.Forward(x, member.CreateWorkspace(rows), rows, ForwardMode.Inference);
            for (int i = 0; i < mean.Length; i++) mean[i] += y[i] / (double)members.Count;
        }
        foreach (var workspace in new[] { merged.CreateWorkspace(rows), merged.CreateScoringWorkspace(rows) })
        {
            var y = merged.Forward(x, workspace, rows, ForwardMode.Inference);
            Assert.Equal(mean.Length, y.Length);
            for (int i = 0; i < mean.Length; i++)
                Assert.True(Math.Abs(y[i] - mean[i]) <= 1e-5 * Math.Max(1, Math.Abs(mean[i])), $"output {i}: merged {y[i]}, members' mean {mean[i]}");
        }
        // The members differ, so the mean is not any one member's output.
        if (members.Count > 1)
        {
            float[] firstAlone = members[0].Forward(x, members[0].CreateWorkspace(rows), rows, ForwardMode.Inference).ToArray();
            Assert.Contains(Enumerable.Range(0, mean.Length), i => Math.Abs(firstAlone[i] - mean[i]) > 1e-3);
        }
    }

    /// <summary>Members of one architecture with different weights (and different learnable gains).</summary>
    internal static Network[] Members(int count, int outputs, int depth, bool embeddings, bool learnableGain, bool mapBack, int width = 8, bool compressed = false) =>
        Enumerable.Range(0, count).Select(r => Build(outputs, depth, width, embeddings, learnableGain, mapBack, seed: 100 + r, compressed: compressed)).ToArray();

    /// <summary>Log-compression scales of the members that have the layer: four of the six features compressed.</summary>
    private static readonly float[] CompressionScales = [1f, 0f, 2f, 0.5f, 0f, 3f];

    private static Network Build(int outputs, int depth, int width, bool embeddings, bool learnableGain, bool mapBack, int seed, float shiftOffset = 0f,
        bool compressed = false, float compressionFactor = 1f)
    {
        float[] shift = Enumerable.Range(0, Features).Select(j => 0.3f * j - 0.5f + shiftOffset).ToArray();
        float[] scale = Enumerable.Range(0, Features).Select(j => 0.5f + 0.25f * j).ToArray();
        var layers = new List<LayerSpec> { new FeatureScalingSpec(shift, scale, ClipBound: 3f, LearnableGain: learnableGain) };
        if (compressed) layers.Insert(0, new LogCompressionSpec(CompressionScales.Select(s => s * compressionFactor).ToArray()));
        if (embeddings) layers.Add(new PeriodicEmbeddingSpec([0, 2, 3, 5], Frequencies: 4, EmbeddingSize: 3, Sigma: 0.4f));
        for (int i = 0; i < depth; i++)
        {
            layers.Add(new DenseSpec(width, new Activation(ActivationKind.ReLU)));
            layers.Add(new DropoutSpec(0.2f));
        }
        layers.Add(new DenseSpec(outputs, Activation.Identity));
        var network = new NetworkArchitecture(Features, layers).Build(new DeterministicRandom((ulong)seed));
        var random = new DeterministicRandom((ulong)seed + 1000);
        // Trained biases are not zero; neither are trained gains one.
        foreach (var bias in network.Layers.OfType<DenseLayer>().Select(dense => dense.Bias.Values))
            for (int i = 0; i < bias.Length; i++) bias[i] = 0.3f * random.NextGaussian();
        if (network.Layers.OfType<FeatureScalingLayer>().First().Gain is { } gain)
            for (int j = 0; j < gain.Values.Length; j++) gain.Values[j] = 0.5f + random.NextFloat();
        return mapBack ? new Network([.. network.Layers, new FeatureScalingLayer([-2.5f], [40f])]) : network;
    }

    private static PeriodicEmbeddingLayer NewEmbedding(int[] features) =>
        (PeriodicEmbeddingLayer)new PeriodicEmbeddingSpec(features, Frequencies: 4, EmbeddingSize: 3).Build(Features, 1, new DeterministicRandom(4));

    /// <summary>Rows with ordinary values and outliers (the clip's non-linear range).</summary>
    private static float[] Inputs(DeterministicRandom random, int features = Features, int rows = Rows) =>
        Enumerable.Range(0, rows * features).Select(i => (i % 7 == 0 ? 25f : 2f) * random.NextGaussian()).ToArray();
}
