using MlNetNeural.Core.Layers;
using Microsoft.ML.Data;
using Microsoft.ML;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Seeding, progress reporting to MLContext.Log and the callback, validation sets, and model inspection.</summary>
public class TrainingBehaviourTests
{
    private static byte[] Weights(MlpBinaryTrainer trainer, IDataView data) =>
        NetworkSerializer.ToBytes(trainer.Fit(data).Model.Network);

    [Fact]
    public void SeedComesFromTheMLContextWhenNotSetAndTheExplicitSeedWins()
    {
        static byte[] Train(int contextSeed, int? optionSeed)
        {
            var ml = new MLContext(seed: contextSeed);
            var data = ml.Transforms.NormalizeMeanVariance("Features").Fit(Datasets.BreastCancer(ml)).Transform(Datasets.BreastCancer(ml));
            return Weights(ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 2, Seed = optionSeed }), data);
        }
        Assert.Equal(Train(5, null), Train(5, null));
        Assert.NotEqual(Train(5, null), Train(6, null));
        Assert.Equal(Train(5, 42), Train(6, 42));
    }

    [Fact]
    public void ProgressGoesToMLContextLogAndTheCallback()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var reports = new List<EpochReport>();
        var data = ml.Transforms.NormalizeMeanVariance("Features").Fit(Datasets.BreastCancer(ml)).Transform(Datasets.BreastCancer(ml));
        ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 3, ValidationFraction = 0.2f, EnsembleSize = 1, ProgressCallback = reports.Add }).Fit(data);

        Assert.Equal([1, 2, 3], reports.Select(r => r.Epoch));
        Assert.Contains(messages, m => m.Contains("Epoch 3: train loss") && m.Contains("validation accuracy") && m.Contains(" s"));
        Assert.Contains(messages, m => m.Contains("Trained all 3 epochs"));
    }

    [Fact]
    public void AValidationSetDrivesEarlyStoppingAndTheModelIsInspectable()
    {
        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(ml.Transforms.NormalizeMeanVariance("Features").Fit(Datasets.BreastCancer(ml)).Transform(Datasets.BreastCancer(ml)), 0.3, seed: 2);
        var transformer = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 200, EarlyStoppingPatience = 3, HiddenLayers = [32, 16], LearningRate = 0.01f, EnsembleSize = 1 })
            .Fit(split.TrainSet, split.TestSet);
        var model = transformer.Model;

        Assert.Equal([30, 32, 16, 1], model.LayerSizes);
        Assert.Equal(StopReason.EarlyStopped, model.History.StopReason);
        // By default the patience running out is followed by 5 epochs of annealing before the stop (the best epoch may be among them).
        Assert.Contains("fell to 0 over 5 epochs", model.History.StopMessage);
        var losses = model.History.ValidationLoss;
        Assert.Equal(Enumerable.Range(0, losses.Count).MinBy(i => losses[i]) + 1, model.BestEpoch);
        Assert.Equal(model.History.Epochs.Count, model.History.ValidationLoss.Count);
        Assert.Equal(split.TestSet.GetRowCount() ?? split.TestSet.GetColumn<bool>("Label").Count(), model.History.ValidationRows);
        // The first dense layer reads the 30 features and, after the periodic embeddings, 3 values per embedded feature.
        var embedding = Assert.Single(model.Network.Layers.OfType<PeriodicEmbeddingLayer>());
        Assert.Equal(30, embedding.EmbeddedFeatures.Count);
        Assert.Equal((30 + 30 * 3) * 32, model.Network.DenseLayers.First().Weights.Values.Length);
        Assert.Contains(model.TrainerOptions, o => o.Key == "HiddenLayers" && o.Value == "[32, 16]");
        Assert.Contains(model.TrainerOptions, o => o.Key == "PositiveClassWeight" && o.Value == "1");
        Assert.Equal("Features", transformer.FeatureColumnName);

        // EarlyStoppingAnnealingEpochs = 0 stops as soon as the patience runs out, holding the epoch 3 before the last.
        var atOnce = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            MaxEpochs = 200, EarlyStoppingPatience = 3, EarlyStoppingAnnealingEpochs = 0, HiddenLayers = [32, 16], LearningRate = 0.01f, EnsembleSize = 1,
        }).Fit(split.TrainSet, split.TestSet).Model;
        Assert.Equal(atOnce.History.Epochs.Count - 3, atOnce.BestEpoch);
        Assert.DoesNotContain("fell to 0", atOnce.History.StopMessage);
        Assert.Contains(atOnce.TrainerOptions, o => o.Key == "EarlyStoppingAnnealingEpochs" && o.Value == "0");
    }

    [Fact]
    public void TheSlotLimitKeepsLaterFeaturesOutOfTheEmbeddings()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BreastCancer(ml);
        MlpBinaryTrainer.Options Options(int? limit) => new() { MaxEpochs = 2, EnsembleSize = 1, PeriodicEmbeddings = true, PeriodicEmbeddingsSlotLimit = limit };
        var limited = Assert.Single(ml.BinaryClassification.Trainers.Mlp(Options(10)).Fit(data).Model.Network.Layers.OfType<PeriodicEmbeddingLayer>());
        Assert.Equal(Enumerable.Range(0, 10), limited.EmbeddedFeatures);
        // A limit of 0 leaves no feature to embed: no embedding layer.
        var none = ml.BinaryClassification.Trainers.Mlp(Options(0)).Fit(data).Model.Network.Layers.OfType<PeriodicEmbeddingLayer>();
        Assert.Empty(none);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Mlp(Options(-1)).Fit(data));
    }

    [Fact]
    public void TheEmbeddingsTrainAtTheFactorTheOptionsGive()
    {
        var ml = new MLContext(seed: 1);
        var data = Datasets.BreastCancer(ml);
        PeriodicEmbeddingLayer EmbeddingOf(MlpBinaryTrainer.Options options) =>
            Assert.Single(ml.BinaryClassification.Trainers.Mlp(options).Fit(data).Model.Network.Layers.OfType<PeriodicEmbeddingLayer>());

        // Automatic: RealMLP's 0.1 for a classifier that trains every epoch on every row, 3 once it validates (and stops early).
        Assert.Null(new MlpBinaryTrainer.Options().PeriodicEmbeddingLearningRateFactor);
        Assert.Equal(PeriodicEmbeddingSpec.DefaultLearningRateFactor, EmbeddingOf(new MlpBinaryTrainer.Options { MaxEpochs = 1, EnsembleSize = 1 }).LearningRateFactor);
        Assert.Equal(3f, MlpTrainerOptions.Defaults.PeriodicEmbeddingLearningRateFactor);
        Assert.Equal(3f, EmbeddingOf(new MlpBinaryTrainer.Options { MaxEpochs = 1, EnsembleSize = 1, ValidationFraction = 0.2f }).LearningRateFactor);
        var set = EmbeddingOf(new MlpBinaryTrainer.Options { MaxEpochs = 1, EnsembleSize = 1, PeriodicEmbeddingLearningRateFactor = 2.5f });
        Assert.Equal(2.5f, set.LearningRateFactor);
        Assert.All(set.Parameters, parameter => Assert.Equal(2.5f, parameter.LearningRateFactor));

        // Regression has no probabilities to over-state: 3 without validation data too.
        var ozone = Datasets.Ozone(ml);
        string[] names = Datasets.OzoneFeatureNames();
        var features = ml.Transforms.ReplaceMissingValues(names.Select(n => new InputOutputColumnPair(n)).ToArray())
            .Append(ml.Transforms.Concatenate("Features", names)).Fit(ozone).Transform(ozone);
        var regression = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 1, EnsembleSize = 1 }).Fit(features).Model;
        Assert.Equal(0, regression.History.ValidationRows);
        Assert.Equal(3f, regression.Network.Layers.OfType<PeriodicEmbeddingLayer>().Single().LearningRateFactor);
        Assert.Contains(regression.TrainerOptions, option => option.Key == nameof(MlpTrainerOptions.PeriodicEmbeddingLearningRateFactor) && option.Value == "automatic (3)");
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void AnEmbeddingLearningRateFactorThatIsNotAPositiveNumberIsRefusedEvenWithoutEmbeddings(float factor)
    {
        var ml = new MLContext(seed: 1);
        var trainer = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 1, PeriodicEmbeddings = false, PeriodicEmbeddingLearningRateFactor = factor });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Datasets.BreastCancer(ml)));
        Assert.Equal(nameof(MlpBinaryTrainer.Options.PeriodicEmbeddingLearningRateFactor), error.ParamName);
        Assert.Contains("must be a finite number above 0", error.Message);
    }
}

/// <summary>
/// With the input scaling turned off, the trainer warns in MLContext.Log when features are not centred and scaled, and
/// stays quiet when they are; with the input scaling on (the default) raw features need no warning.
/// </summary>
public class FeatureScaleWarningTests
{
    private static List<string> Warnings(bool centre, InputScaling scaling)
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Warning) messages.Add(e.Message); };
        var raw = Datasets.BreastCancer(ml);
        var data = centre ? ml.Transforms.NormalizeMeanVariance("Features", fixZero: false).Fit(raw).Transform(raw) : raw;
        ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 1, InputScaling = scaling }).Fit(data);
        return messages;
    }

    [Fact]
    public void RawFeaturesWithoutInputScalingGetAWarningNamingTheFix() =>
        Assert.Contains(Warnings(centre: false, InputScaling.None), m => m.Contains("'Features'") && m.Contains("InputScaling") && m.Contains("fixZero: false"));

    [Fact]
    public void CentredFeaturesGetNoWarning() =>
        Assert.DoesNotContain(Warnings(centre: true, InputScaling.None), m => m.Contains("fixZero"));

    [Fact]
    public void RawFeaturesWithTheDefaultInputScalingGetNoWarning() =>
        Assert.DoesNotContain(Warnings(centre: false, MlpTrainerOptions.Defaults.InputScaling), m => m.Contains("fixZero"));
}
