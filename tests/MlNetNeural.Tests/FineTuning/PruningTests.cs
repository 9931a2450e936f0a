using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.FineTuning;
using MlNetNeural.Tests.Persistence;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.FineTuning;

public sealed class PruningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-prune-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    [Trait("Category", "Learning")]
    public void NinetyPercentSparsityOnTheMnistDigitsCostsAtMostOnePointAndShrinksTheFileBelow30Percent()
    {
        var ml = new MLContext(seed: 1);
        var digits = ml.Data.Cache(ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Fit(Datasets.Digits(ml, 10_000)).Transform(Datasets.Digits(ml, 10_000)));
        var train = ml.Data.TakeRows(digits, 8000);
        var test = ml.Data.SkipRows(digits, 8000);
        var options = new MlpMulticlassTrainer.Options { HiddenLayers = [128], MaxEpochs = 10, Seed = 2, L2Penalty = 0f, EnsembleSize = 1 };
        var dense = ml.MulticlassClassification.Trainers.Mlp(options).Fit(train);

        options.MaxEpochs = 8;
        options.Pruning = new MlpPruningOptions { TargetSparsity = 0.9f, RampEpochs = 4 };
        var pruned = ml.MulticlassClassification.Trainers.Mlp(options).Fit(train, dense.Model);

        double denseAccuracy = ml.MulticlassClassification.Evaluate(dense.Transform(test)).MicroAccuracy;
        double prunedAccuracy = ml.MulticlassClassification.Evaluate(pruned.Transform(test)).MicroAccuracy;
        Assert.True(prunedAccuracy >= denseAccuracy - 0.01, $"test accuracy {denseAccuracy:P2} dense, {prunedAccuracy:P2} at 90% sparsity");
        var layers = pruned.Model.Network.Layers.OfType<SparseDenseLayer>().ToArray();
        Assert.Equal(2, layers.Length);
        long denseWeights = 784 * 128 + 128 * 10;
        Assert.InRange(layers.Sum(l => l.NonZeroWeightCount), 0.09 * denseWeights, 0.1 * denseWeights);

        string densePath = Path.Combine(_directory, "dense.zip"), prunedPath = Path.Combine(_directory, "pruned.zip");
        ml.Model.SaveSafely(dense, digits.Schema, densePath);
        ml.Model.SaveSafely(pruned, digits.Schema, prunedPath);
        double ratio = (double)new FileInfo(prunedPath).Length / new FileInfo(densePath).Length;
        Assert.True(ratio <= 0.30, $"the pruned model's file is {ratio:P1} of the dense model's");

        var fresh = new MLContext(seed: 5);
        fresh.RegisterMlNetNeural();
        var loaded = fresh.Model.Load(prunedPath, out _);
        float[][] scores = FeatureRows.ReadSingles(pruned.Transform(test), "Score");
        PersistenceTestData.AssertBitIdentical(scores, FeatureRows.ReadSingles(loaded.Transform(test), "Score"));
        var engine = fresh.Model.CreatePredictionEngine<AdaptationTests.DigitFeatures, AdaptationTests.DigitScores>(loaded);
        float[][] features = FeatureRows.Features(test).Take(20).ToArray();
        for (int i = 0; i < features.Length; i++) Assert.Equal(scores[i], engine.Predict(new AdaptationTests.DigitFeatures { Features = features[i] }).Score);
    }

    private sealed class FourFeatures
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    [Fact]
    public void PruningThatLeavesALayerWithoutWeightsSaysSoAndTheModelStillSavesAndLoads()
    {
        // 95% of a 4-64-32-1 network's weights pruned globally: the narrow layers can lose every weight, and then no
        // path from the features to the output remains (a constant model). Before, nothing said so, and the saved file was
        // refused on loading (a sparse layer of no weights read as "declared as 0x1 values").
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) messages.Add(e.Message); };
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ =>
        {
            float[] f = [.. Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble() * 2 - 1)];
            return new FourFeatures { Features = f, Label = f[0] + 0.5f * f[1] * f[2] > 0 };
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            MaxEpochs = 10, EnsembleSize = 1, Pruning = new MlpPruningOptions { TargetSparsity = 0.95f },
        }).Fit(data);
        Assert.Contains(model.Model.Network.Layers.OfType<SparseDenseLayer>(), layer => layer.NonZeroWeightCount == 0);
        Assert.Contains(messages, m => m.Contains("Pruning to a sparsity of 0.95 left no weight in layer ", StringComparison.Ordinal) && m.Contains("every row the same output", StringComparison.Ordinal));

        string path = Path.Combine(_directory, "cut.zip");
        ml.Model.SaveSafely(model, data.Schema, path);
        var fresh = new MLContext(seed: 2);
        fresh.RegisterMlNetNeural();
        var loaded = fresh.Model.Load(path, out _);
        PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(model.Transform(data), "Score"), FeatureRows.ReadSingles(loaded.Transform(data), "Score"));
    }

    [Fact]
    public void PruningWithoutAnInitialModelAndWithoutSparseStorageKeepsDenseLayersWithZeros()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(Datasets.BreastCancer(ml)).Transform(Datasets.BreastCancer(ml)));
        var model = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            HiddenLayers = [32], MaxEpochs = 12, Seed = 3,
            Pruning = new MlpPruningOptions { TargetSparsity = 0.5f, StartEpoch = 4, PruneOutputLayer = false, StoreSparse = false, RemoveDeadUnits = false },
        }).Fit(data);
        Assert.All(model.Model.Network.Layers.OfType<IFullyConnectedLayer>(), layer => Assert.IsType<DenseLayer>(layer));
        var sparsity = MagnitudePruning.Sparsity(model.Model.Network).Values.ToArray();
        Assert.Equal(0.5f, sparsity[0]);   // only the hidden layer is pruned, so the global ranking is the layer's own
        Assert.True(sparsity[^1] < 0.1f, "the output layer was not pruned");
        Assert.Contains(model.Model.TrainerOptions, o => o.Key == "Pruning" && o.Value.StartsWith("50.0% sparsity, over half the epochs from epoch 4", StringComparison.Ordinal));
        Assert.True(ml.BinaryClassification.Evaluate(model.Transform(data)).AreaUnderRocCurve > 0.97);
    }

    [Fact]
    public void APrunedModelStaysPrunedWhenFineTunedFurther()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(Datasets.BreastCancer(ml)).Transform(Datasets.BreastCancer(ml)));
        var pruned = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            HiddenLayers = [32], MaxEpochs = 6, Seed = 3, Pruning = new MlpPruningOptions { TargetSparsity = 0.8f, RampEpochs = 0, RemoveDeadUnits = false },
        }).Fit(data);
        var first = pruned.Model.Network.Layers.OfType<SparseDenseLayer>().First();
        var tuned = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 3, Seed = 4, LearningRate = 1e-2f }).Fit(data, pruned.Model);
        var after = tuned.Model.Network.Layers.OfType<SparseDenseLayer>().First();
        Assert.Equal(first.Weights.ColumnIndices.ToArray(), after.Weights.ColumnIndices.ToArray());
        Assert.NotEqual(first.WeightValues.Values, after.WeightValues.Values);
    }
}
