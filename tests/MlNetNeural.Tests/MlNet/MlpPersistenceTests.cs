using Microsoft.ML.Data;
using Microsoft.ML;
using MlNetNeural.Tests.Persistence;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>Whole pipelines with an MLP survive ml.Model.Save / Load bit for bit, in a new MLContext and in a fresh load context.</summary>
public sealed class MlpPersistenceTests(TrainedModels models) : IClassFixture<TrainedModels>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-persist-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string, string> Tasks() => new() { { "binary", "Probability" }, { "multiclass", "Score" }, { "regression", "Score" } };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void SaveAndLoadInANewContextGivesBitIdenticalPredictions(string task, string column)
    {
        var (model, data) = Pick(task);
        string path = Path.Combine(_directory, task + ".zip");
        models.Ml.Model.Save(model, data.Schema, path);

        var fresh = new MLContext(seed: 99);
        fresh.RegisterMlNetNeural();
        var loaded = fresh.Model.Load(path, out var schema);

        Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        PersistenceTestData.AssertBitIdentical(FeatureRows.ReadSingles(model.Transform(data), column), FeatureRows.ReadSingles(loaded.Transform(data), column));
        var last = (MlpPredictionTransformer)((TransformerChain<ITransformer>)loaded).LastTransformer;
        var original = ((dynamic)model).LastTransformer.Model;
        Assert.Equal((IEnumerable<int>)original.LayerSizes, last.Model.LayerSizes);
        Assert.Equal((int)original.BestEpoch, last.Model.BestEpoch);
        Assert.Equal(((IEnumerable<double>)original.History.TrainLoss).ToArray(), last.Model.History.TrainLoss);
    }

    [Fact]
    public void ALoadedModelScoresInAFreshLoadContextWithNoSharedState()
    {
        string path = Path.Combine(_directory, "binary.zip");
        var normalized = models.Binary.Transform(models.BreastCancer);
        float[][] rawFeatures = FeatureRows.Features(models.BreastCancer).Take(50).ToArray();
        models.Ml.Model.Save(models.Binary, models.BreastCancer.Schema, path);

        float[][] expected = FeatureRows.ReadSingles(models.Binary.Transform(FeatureRows.Load(models.Ml, rawFeatures)), "Score");
        float[][] actual = IsolatedLoadProbe.RunIsolated(path, register: true, rawFeatures, "Score");
        PersistenceTestData.AssertBitIdentical(expected, actual);
        Assert.NotNull(normalized);
    }

    [Fact]
    public void LoadingWithoutRegistrationSaysWhatToCall()
    {
        string path = Path.Combine(_directory, "binary.zip");
        models.Ml.Model.Save(models.Binary, models.BreastCancer.Schema, path);
        var error = Record.Exception(() => IsolatedLoadProbe.RunIsolated(path, register: false, FeatureRows.Features(models.BreastCancer).Take(2).ToArray(), "Score"));
        Assert.NotNull(error);
        Assert.Contains("RegisterMlNetNeural()", error.GetBaseException().Message);
    }

    [Fact]
    public void SaveSafelyToAMissingDirectoryOrAnUnwritablePathFailsClearlyAndKeepsThePreviousModel()
    {
        string missing = Path.Combine(_directory, "no-such-dir", "model.zip");
        var error = Assert.Throws<DirectoryNotFoundException>(() => models.Ml.Model.SaveSafely(models.Binary, models.BreastCancer.Schema, missing));
        Assert.Contains("no-such-dir", error.Message);
        Assert.False(File.Exists(missing));

        string good = Path.Combine(_directory, "good.zip");
        models.Ml.Model.SaveSafely(models.Binary, models.BreastCancer.Schema, good);
        byte[] before = File.ReadAllBytes(good);
        string blocked = Path.Combine(_directory, "blocked.zip");
        Directory.CreateDirectory(blocked); // a directory where the file should go: not writable as a file
        Assert.ThrowsAny<IOException>(() => models.Ml.Model.SaveSafely(models.Binary, models.BreastCancer.Schema, blocked));
        Assert.Equal(before, File.ReadAllBytes(good));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp*"));
    }

    private (ITransformer Model, IDataView Data) Pick(string task) => task switch
    {
        "binary" => (models.Binary, models.BreastCancer),
        "multiclass" => (models.Multiclass, models.Digits),
        _ => (models.Regression, models.Ozone),
    };
}
