using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Tests.Persistence;

public sealed class ModelPersistenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnetneural-persistence-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ModelPath => Path.Combine(_directory, "model.zip");

    private float[][] SaveFittedPipeline()
    {
        var ml = new MLContext(seed: 1);
        var model = PersistenceTestData.FitPipeline(ml);
        var data = PersistenceTestData.Load(ml, PersistenceTestData.Features);
        ml.Model.Save(model, data.Schema, ModelPath);
        return PersistenceTestData.Doubled(model, data);
    }

    [Fact]
    public void Pipeline_round_trips_bit_identically_in_a_new_MLContext()
    {
        var expected = SaveFittedPipeline();

        var ml = new MLContext(seed: 2).RegisterMlNetNeural();
        var loaded = ml.Model.Load(ModelPath, out var inputSchema);

        var chain = Assert.IsType<TransformerChain<ITransformer>>(loaded);
        var doubling = Assert.IsType<DoublingTransformer>(chain.LastTransformer);
        Assert.Equal("Features", doubling.InputColumn);
        Assert.Equal(2f, doubling.Factor);
        Assert.NotNull(inputSchema.GetColumnOrNull("Features"));
        PersistenceTestData.AssertBitIdentical(expected,
            PersistenceTestData.Doubled(loaded, PersistenceTestData.Load(ml, PersistenceTestData.Features)));
    }

    [Fact]
    public void Loaded_model_works_in_a_PredictionEngine()
    {
        var expected = SaveFittedPipeline();
        var ml = new MLContext().RegisterMlNetNeural();
        var loaded = ml.Model.Load(ModelPath, out _);

        var engine = ml.Model.CreatePredictionEngine<PersistenceTestData.Row, DoubledRow>(loaded);
        var prediction = engine.Predict(new PersistenceTestData.Row { Features = PersistenceTestData.Features[3] });

        PersistenceTestData.AssertBitIdentical([expected[3]], [prediction.Doubled]);
    }

    [Fact]
    public void Pipeline_loads_in_a_fresh_load_context_with_its_own_copy_of_MlNet()
    {
        var expected = SaveFittedPipeline();

        var actual = IsolatedLoadProbe.RunIsolated(ModelPath, register: true, PersistenceTestData.Features);

        PersistenceTestData.AssertBitIdentical(expected, actual);
    }

    [Fact]
    public void Loading_without_registration_says_what_to_call()
    {
        SaveFittedPipeline();

        var error = Record.Exception(() => IsolatedLoadProbe.RunIsolated(ModelPath, register: false, PersistenceTestData.Features));

        Assert.NotNull(error);
        Assert.Equal(UnregisteredLoaderGuard.Message, error.GetBaseException().Message);
        Assert.Contains("mlContext.RegisterMlNetNeural()", error.GetBaseException().Message);
    }

    [Fact]
    public void Registering_twice_is_harmless()
    {
        SaveFittedPipeline();
        var ml = new MLContext().RegisterMlNetNeural().RegisterMlNetNeural();

        var loaded = ml.Model.Load(ModelPath, out _);

        Assert.IsType<DoublingTransformer>(Assert.IsType<TransformerChain<ITransformer>>(loaded).LastTransformer);
    }

    [Fact]
    public void A_lone_transformer_round_trips_too()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceTestData.Load(ml, PersistenceTestData.Features);
        ml.Model.Save(new DoublingTransformer("Features", factor: -0.5f), data.Schema, ModelPath);

        var loaded = new MLContext().RegisterMlNetNeural().Model.Load(ModelPath, out _);

        Assert.Equal(-0.5f, Assert.IsType<DoublingTransformer>(loaded).Factor);
    }

    [Fact]
    public void Load_that_reads_less_than_Save_wrote_is_reported()
    {
        var ml = new MLContext(seed: 1);
        var data = PersistenceTestData.Load(ml, PersistenceTestData.Features);
        ml.Model.Save(new MisreadingTransformer(), data.Schema, ModelPath);

        var error = Record.Exception(() => new MLContext().RegisterMlNetNeural().Model.Load(ModelPath, out _));

        Assert.NotNull(error);
        Assert.Contains("read 4 of the 8 payload bytes", error.GetBaseException().Message);
    }

    [Fact]
    public void Payload_version_is_stored_and_checked_by_the_transformer()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            DoublingTransformer.Load(new MLContext(), new BinaryReader(new MemoryStream()), DoublingTransformer.PayloadVersion + 1));
        Assert.Contains("version 2", error.Message);
    }

    private sealed class DoubledRow
    {
        [Microsoft.ML.Data.VectorType(PersistenceTestData.FeatureCount)]
        public float[] Doubled { get; set; } = [];
    }
}
