using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Serialization;
using MlNetNeural.FineTuning;
using MlNetNeural.Tests.Persistence;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.FineTuning;

/// <summary>Frozen layers, a new output layer and LoRA through the ML.NET trainer, and adapters saved apart from their base.</summary>
public sealed class AdaptationTests(PretrainedModels models) : IClassFixture<PretrainedModels>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-adapt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private MlpMulticlassPredictionTransformer FineTune(MlpFineTuningOptions fineTuning, int epochs = 30) =>
        models.Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = epochs, Seed = 8, LearningRate = 1e-2f, FineTuning = fineTuning })
            .Fit(models.HighDigitsTrain, models.LowDigitsModel.LastTransformer.Model);

    private double Accuracy(ITransformer model) =>
        models.Ml.MulticlassClassification.Evaluate(model.Transform(
            models.Ml.Transforms.Conversion.MapValueToKey("Label", "Digit", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Fit(models.HighDigitsTest).Transform(models.HighDigitsTest))).MicroAccuracy;

    [Fact]
    public void ANewOutputLayerOnFrozenHiddenLayersLearnsTheNewClassesAndLeavesTheHiddenLayersBitIdentical()
    {
        var baseNetwork = models.LowDigitsModel.LastTransformer.Model.Network;
        var tuned = FineTune(new MlpFineTuningOptions { ReplaceOutputLayer = true, TrainableLayers = 1 });

        Assert.Equal(["5", "6", "7", "8", "9"], tuned.Model.ClassNames);
        Assert.Equal([784, 48, 24, 5], tuned.Model.LayerSizes);
        for (int i = 0; i < baseNetwork.Layers.Count - 1; i++)
            Assert.Equal(NetworkSerializer.ToBytes(new Network([baseNetwork.Layers[i]])), NetworkSerializer.ToBytes(new Network([tuned.Model.Network.Layers[i]])));
        // 784·48 + 48 and 48·24 + 24 frozen, 24·5 + 5 trained.
        Assert.Contains(tuned.Model.TrainerOptions, o => o.Key == "TrainableParameters" && o.Value.StartsWith("125 of 38,981", StringComparison.Ordinal));
        double accuracy = Accuracy(tuned);
        // Chance is 20%; the 24 features learned on the digits 0-4 carry much of what the digits 5-9 need.
        Assert.True(accuracy > 0.55, $"head-only accuracy on the digits 5-9: {accuracy:P1}");
    }

    [Fact]
    public void LoraTrainsOnlyTheAdaptersAndItsAdapterRebuildsTheModelFromTheBase()
    {
        var baseModel = models.LowDigitsModel.LastTransformer.Model;
        var tuned = FineTune(new MlpFineTuningOptions { ReplaceOutputLayer = true, LoraRank = 4 });
        var lora = tuned.Model.Network.Layers.OfType<LoraDenseLayer>().ToArray();
        Assert.Equal(2, lora.Length);
        Assert.Equal(baseModel.Network.DenseLayers.First().Weights.Values, lora[0].BaseWeights.ToArray());
        // A and B of 784 → 48 and 48 → 24 at rank 4, and the new 24 → 5 output layer.
        Assert.Contains(tuned.Model.TrainerOptions, o => o.Key == "TrainableParameters" && o.Value.StartsWith($"{4 * 784 + 48 * 4 + 4 * 48 + 24 * 4 + 24 * 5 + 5:N0} of", StringComparison.Ordinal));

        string path = Path.Combine(_directory, "digits-5-9.mlna");
        MlpAdapter.Extract(baseModel, tuned.Model).Save(path);
        Assert.True(new FileInfo(path).Length < 20_000, $"{new FileInfo(path).Length} bytes");
        var rebuilt = MlpAdapter.Load(path).ApplyTo(models.LowDigitsModel.LastTransformer);
        Assert.IsType<MlpMulticlassPredictionTransformer>(rebuilt);
        Assert.Equal(tuned.Model.ClassNames, rebuilt.Model.ClassNames);
        PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(tuned.Transform(models.HighDigitsTest), "Score"),
            FeatureRows.ReadSingles(rebuilt.Transform(models.HighDigitsTest), "Score"));

        var other = models.Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { HiddenLayers = [48, 24], MaxEpochs = 1, Seed = 1 })
            .Fit(models.Ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Fit(models.LowDigits).Transform(models.LowDigits));
        var error = Assert.Throws<ArgumentException>(() => MlpAdapter.Load(path).ApplyTo(other));
        Assert.Contains("different base network", error.Message);
    }

    [Fact]
    public void ATabularAdapterIsAFewKilobytes()
    {
        // WDBC, 30-16-8-1 (after the default input scaling and periodic embeddings): rank-4 adapters on both hidden layers, the
        // output layer trained fully.
        var initial = models.Binary.LastTransformer.Model;
        int inputs = initial.Network.DenseLayers.First().InputSize;
        var tuned = models.Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            MaxEpochs = 2, Seed = 3, FineTuning = new MlpFineTuningOptions { LoraRank = 4, TrainableLayers = 1 },
        }).Fit(models.NormalizedBreastCancer, initial);
        var adapter = MlpAdapter.Extract(initial, tuned.Model);
        Assert.Equal(4 * inputs + 16 * 4 + 4 * 16 + 8 * 4 + 8 + 1, adapter.Network.StoredValueCount);
        int bytes = adapter.ToBytes().Length;
        Assert.InRange(bytes, 4 * adapter.Network.StoredValueCount, 6_000);   // the values, the fingerprint and the recorded options
    }

    [Fact]
    public void SavedAndLoadedFineTunedModelsScoreIdentically()
    {
        foreach (var fineTuning in new[] { new MlpFineTuningOptions { ReplaceOutputLayer = true, LoraRank = 2 }, new MlpFineTuningOptions { ReplaceOutputLayer = true } })
        {
            var tuned = FineTune(fineTuning, epochs: 3);
            string path = Path.Combine(_directory, "tuned.zip");
            models.Ml.Model.SaveSafely(tuned, models.HighDigitsTrain.Schema, path);
            var fresh = new MLContext(seed: 4);
            fresh.RegisterMlNetNeural();
            var loaded = fresh.Model.Load(path, out _);
            PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(tuned.Transform(models.HighDigitsTrain), "Score"),
                FeatureRows.ReadSingles(loaded.Transform(models.HighDigitsTrain), "Score"));
            var engine = fresh.Model.CreatePredictionEngine<DigitFeatures, DigitScores>(loaded);
            var first = models.HighDigitsTrain.GetColumn<float[]>("Features").First();
            Assert.Equal(FeatureRows.ReadSingles(tuned.Transform(models.HighDigitsTrain), "Score")[0], engine.Predict(new DigitFeatures { Features = first }).Score);
        }
    }

    public sealed class DigitFeatures
    {
        [VectorType(784)]
        public float[] Features { get; set; } = [];
    }

    public sealed class DigitScores
    {
        public float[] Score { get; set; } = [];
    }
}
