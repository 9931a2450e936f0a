using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.FineTuning;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.FineTuning;

public sealed class WarmStartTests(PretrainedModels models) : IClassFixture<PretrainedModels>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-warm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WarmStartFromALoadedModelGivesTheBitsOfContinuingTheRunInTheCore()
    {
        // "Continuing" is defined as the core trainer's Train(network, ...) on the trained network with the same settings and
        // seed: optimizer state and random streams restart (nothing of them is saved with a model).
        string path = Path.Combine(_directory, "binary.zip");
        models.Ml.Model.SaveSafely(models.Binary, models.BreastCancer.Schema, path);
        var fresh = new MLContext(seed: 3);
        fresh.RegisterMlNetNeural();
        var loaded = (TransformerChain<ITransformer>)fresh.Model.Load(path, out _);
        var loadedModel = ((MlpBinaryPredictionTransformer)loaded.LastTransformer).Model;
        var normalized = loaded.Take(1).Single().Transform(models.BreastCancer);

        var options = PretrainedModels.BinaryOptions(epochs: 3);
        var warm = fresh.BinaryClassification.Trainers.Mlp(options).Fit(normalized, loadedModel);

        var continued = models.Binary.LastTransformer.Model.Network.Copy();
        var data = new TrainingData(FeatureRows.Features(normalized).SelectMany(row => row).ToArray(), Datasets.BreastCancerFeatures,
            normalized.GetColumn<bool>("Label").Select(label => label ? 1f : 0f).ToArray());
        new NetworkTrainer(MlpSettingsMapper.ToSettings(options, PretrainedModels.Seed, data.Rows, MlpSettingsMapper.SmallestClassRows(data))).Train(continued, new SigmoidBinaryCrossEntropyLoss(), data);

        Assert.Equal(NetworkSerializer.ToBytes(continued), NetworkSerializer.ToBytes(warm.Model.Network));
        Assert.NotEqual(NetworkSerializer.ToBytes(loadedModel.Network), NetworkSerializer.ToBytes(warm.Model.Network));
        Assert.Equal(3, warm.Model.History.Epochs.Count);
        Assert.Contains(warm.Model.TrainerOptions, o => o.Key == "InitialModel" && o.Value == "30-16-8-1 (BinaryClassification)");
    }

    [Fact]
    public void ARegressionWarmStartKeepsItsModelsLabelScale()
    {
        // The regression trainer standardizes the label and ends the network with a layer mapping back to label units; a warm
        // start must train in the initial model's scale and end with one such layer, not stack a second.
        var ml = new MLContext(seed: 1);
        var ozone = ml.Data.Cache(Datasets.Ozone(ml));
        var prep = ml.Transforms.Concatenate("Features", Datasets.OzoneFeatureNames()).Append(ml.Transforms.ReplaceMissingValues("Features")).Fit(ozone);
        var data = ml.Data.Cache(prep.Transform(ozone));
        var initial = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { HiddenLayers = [16], MaxEpochs = 30, Seed = 2 }).Fit(data);
        var barelyMoved = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 1, LearningRate = 1e-9f, Seed = 3 }).Fit(data, initial.Model);

        Assert.Equal(initial.Model.Network.Layers.Select(l => l.GetType()), barelyMoved.Model.Network.Layers.Select(l => l.GetType()));
        float[] before = initial.Transform(data).GetColumn<float>("Score").ToArray();
        float[] after = barelyMoved.Transform(data).GetColumn<float>("Score").ToArray();
        for (int i = 0; i < before.Length; i++) Assert.True(Math.Abs(before[i] - after[i]) < 1e-3f * Math.Max(1f, Math.Abs(before[i])), $"row {i}: {before[i]} before, {after[i]} after");

        // A new output layer learns in the new data's standardized scale and maps back to label units.
        var newHead = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            MaxEpochs = 60, Seed = 3, LearningRate = 1e-2f, FineTuning = new MlpFineTuningOptions { ReplaceOutputLayer = true, TrainableLayers = 1 },
        }).Fit(data, initial.Model);
        float[] labels = data.GetColumn<float>("Label").ToArray();
        double mean = labels.Average(), sd = Math.Sqrt(labels.Average(y => (y - mean) * (y - mean)));
        var scores = newHead.Transform(data).GetColumn<float>("Score").ToArray();
        double rmse = ml.Regression.Evaluate(newHead.Transform(data)).RootMeanSquaredError;
        Assert.True(Math.Abs(scores.Average() - mean) < 0.1 * sd && rmse < 0.8 * sd, $"mean prediction {scores.Average()}, label mean {mean}; RMSE {rmse}, label sd {sd}");
    }

    [Fact]
    public void TheInitialModelIsCopiedNotChanged()
    {
        var initial = models.Binary.LastTransformer.Model;
        byte[] before = NetworkSerializer.ToBytes(initial.Network);
        models.Ml.BinaryClassification.Trainers.Mlp(PretrainedModels.BinaryOptions(epochs: 2)).Fit(models.NormalizedBreastCancer, initial);
        Assert.Equal(before, NetworkSerializer.ToBytes(initial.Network));
    }

    [Fact]
    public void AnInitialModelInTheOptionsFineTunesInsideAPipelineAndWithValidationData()
    {
        var options = PretrainedModels.BinaryOptions(epochs: 4);
        options.FineTuning = new MlpFineTuningOptions { InitialModel = models.Binary.LastTransformer.Model, TrainableLayers = 1 };
        var prep = models.Binary.Take(1).Single();
        var split = models.Ml.Data.TrainTestSplit(models.BreastCancer, testFraction: 0.3, seed: 1);
        var tuned = models.Ml.BinaryClassification.Trainers.Mlp(options).Fit(prep.Transform(split.TrainSet), prep.Transform(split.TestSet), null);
        Assert.Equal(4, tuned.Model.History.Epochs.Count);
        Assert.All(tuned.Model.History.Epochs, e => Assert.NotNull(e.ValidationLoss));
        var metrics = models.Ml.BinaryClassification.Evaluate(tuned.Transform(prep.Transform(split.TestSet)));
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");

        var cv = models.Ml.BinaryClassification.CrossValidate(models.NormalizedBreastCancer,
            models.Ml.BinaryClassification.Trainers.Mlp(options), numberOfFolds: 2);
        Assert.Equal(2, cv.Count);
    }

    [Fact]
    public void AModelThatDoesNotFitTheDataIsRefusedWithWhatToDo()
    {
        var initial = models.Binary.LastTransformer.Model;
        var fewer = models.Ml.Transforms.Concatenate("Features", "Features", "Features").Fit(models.NormalizedBreastCancer)
            .Transform(models.NormalizedBreastCancer);
        var features = Assert.Throws<ArgumentException>(() => models.Ml.BinaryClassification.Trainers.Mlp(PretrainedModels.BinaryOptions(1)).Fit(fewer, initial));
        Assert.Contains("expects 30 features, but feature column 'Features' has 60", features.Message);

        var regression = models.Ml.Transforms.Conversion.ConvertType("Label", outputKind: DataKind.Single).Fit(models.NormalizedBreastCancer).Transform(models.NormalizedBreastCancer);
        var task = Assert.Throws<ArgumentException>(() => models.Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 1 }).Fit(regression, initial));
        Assert.Contains("is a BinaryClassification MLP, but this trainer trains Regression", task.Message);
        Assert.Contains("ReplaceOutputLayer = true", task.Message);

        var classes = Assert.Throws<ArgumentException>(() => models.Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 1 })
            .Fit(models.HighDigitsTrain, models.LowDigitsModel.LastTransformer.Model));
        Assert.Contains("predicts the classes [0, 1, 2, 3, 4], but label column 'Label' has [5, 6, 7, 8, 9]", classes.Message);

        var withoutModel = Assert.Throws<ArgumentException>(() => models.Ml.BinaryClassification.Trainers.Mlp(
            new MlpBinaryTrainer.Options { FineTuning = new() { TrainableLayers = 1 } }).Fit(models.NormalizedBreastCancer));
        Assert.Contains("Fit(train, initialModel)", withoutModel.Message);

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => models.Ml.BinaryClassification.Trainers.Mlp(
            new MlpBinaryTrainer.Options { FineTuning = new() { TrainableLayers = 4 } }).Fit(models.NormalizedBreastCancer, initial));
        Assert.Contains("has 3 layers with weights", tooMany.Message);
    }
}
