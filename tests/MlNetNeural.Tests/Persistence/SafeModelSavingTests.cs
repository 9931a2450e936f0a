using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.Persistence;

public sealed class SafeModelSavingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnetneural-save-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ModelPath => Path.Combine(_directory, "model.zip");

    private IDataView Data => PersistenceTestData.Load(_ml, PersistenceTestData.Features);

    private ITransformer FailingToSave() =>
        PersistenceTestData.FitPipeline(_ml).Append<ITransformer>(new FailsOnSaveTransformer());

    private byte[] WriteGoodModel()
    {
        _ml.Model.SaveSafely(PersistenceTestData.FitPipeline(_ml), Data.Schema, ModelPath);
        return File.ReadAllBytes(ModelPath);
    }

    [Fact]
    public void SaveSafely_writes_a_loadable_model_and_no_temporary_file()
    {
        WriteGoodModel();

        var loaded = new MLContext().RegisterMlNetNeural().Model.Load(ModelPath, out _);

        Assert.IsType<DoublingTransformer>(Assert.IsType<TransformerChain<ITransformer>>(loaded).LastTransformer);
        Assert.Equal(["model.zip"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void SaveSafely_failing_midway_keeps_the_previous_model_byte_for_byte()
    {
        var previous = WriteGoodModel();

        var error = Assert.Throws<IOException>(() => _ml.Model.SaveSafely(FailingToSave(), Data.Schema, ModelPath));

        Assert.Contains(ModelPath, error.Message);
        Assert.Contains(FailsOnSaveTransformer.Reason, error.Message);
        Assert.Equal(previous, File.ReadAllBytes(ModelPath));
        Assert.Equal(["model.zip"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Plain_Save_failing_midway_destroys_the_previous_model()
    {
        // Documents ML.NET's own behaviour, which SaveSafely exists to avoid.
        var previous = WriteGoodModel();

        Assert.ThrowsAny<Exception>(() => _ml.Model.Save(FailingToSave(), Data.Schema, ModelPath));

        Assert.NotEqual(previous, File.ReadAllBytes(ModelPath));
    }

    [Fact]
    public void SaveSafely_to_a_missing_directory_names_it()
    {
        string missing = Path.Combine(_directory, "no-such-dir");

        var error = Assert.Throws<DirectoryNotFoundException>(() =>
            _ml.Model.SaveSafely(PersistenceTestData.FitPipeline(_ml), Data.Schema, Path.Combine(missing, "model.zip")));

        Assert.Contains(missing, error.Message);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Plain_Save_to_a_missing_directory_throws_DirectoryNotFound()
    {
        Assert.Throws<DirectoryNotFoundException>(() =>
            _ml.Model.Save(PersistenceTestData.FitPipeline(_ml), Data.Schema, Path.Combine(_directory, "no-such-dir", "model.zip")));
    }

    [Fact]
    public void SaveSafely_onto_an_unwritable_target_fails_cleanly()
    {
        // A directory where the file should go: the final move cannot replace it (also as root, unlike file permissions).
        string target = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(target);

        var error = Assert.Throws<IOException>(() => _ml.Model.SaveSafely(PersistenceTestData.FitPipeline(_ml), Data.Schema, target));

        Assert.Contains(target, error.Message);
        Assert.True(Directory.Exists(target));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    /// <summary>A transformer whose Save throws, standing in for any failure part-way through writing.</summary>
    private sealed class FailsOnSaveTransformer : ITransformer, ICanSaveModel
    {
        public const string Reason = "simulated failure while saving";

        public bool IsRowToRowMapper => true;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => input;

        void ICanSaveModel.Save(ModelSaveContext ctx) => throw new InvalidOperationException(Reason);
    }
}
