using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Real trained ML.NET pipelines exported with <c>ml.Model.ConvertMlpToOnnx</c> score like the managed pipeline, both in
/// a plain OnnxRuntime session and through ML.NET's <c>ApplyOnnxModel</c>, load without OnnxRuntime warnings, and carry
/// the producer and ML.NET's column names. Binary: all 569 WDBC rows; multiclass: the 1,000 MNIST digits;
/// regression: all 361 ozone rows.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class PipelineExportTests(TrainedPipelines trained, ITestOutputHelper output)
{
    public static TheoryData<string> Tasks() => ["Binary", "Multiclass", "Regression"];

    [Theory]
    [MemberData(nameof(Tasks))]
    public void OnnxRuntimeSessionScoresLikeTheManagedPipeline(string task)
    {
        var scenario = ExportCase.For(task, trained);
        byte[] model = Export(scenario);
        var (rows, featureCount) = scenario.RawFeatures();

        IReadOnlyDictionary<string, OnnxScoring.Output> outputs = null!;
        var warnings = OnnxRuntimeLog.Capture(() => outputs = OnnxScoring.Run(model, scenario.InputColumn, rows, featureCount));

        AssertMatches(scenario, ScoreColumns.FromSession(outputs, scenario.Head), "OnnxRuntime session");
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void ApplyOnnxModelScoresLikeTheManagedPipeline(string task)
    {
        var scenario = ExportCase.For(task, trained);
        using var directory = new TemporaryDirectory();
        string path = directory.File($"{task}.onnx");
        trained.Ml.Model.ConvertMlpToOnnx(scenario.Model, scenario.OnnxInput.Schema, path);

        ScoreColumns actual = null!;
        var warnings = OnnxRuntimeLog.Capture(() =>
        {
            using var onnx = trained.Ml.Transforms
                .ApplyOnnxModel(outputColumnNames: scenario.OutputNames, inputColumnNames: [scenario.InputColumn], modelFile: path)
                .Fit(scenario.OnnxInput);
            actual = ScoreColumns.FromApplyOnnxModel(onnx.Transform(scenario.OnnxInput), scenario.Head);
        });

        AssertMatches(scenario, actual, "ApplyOnnxModel");
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Tasks))]
    public void ModelCarriesProducerAndMlNetColumnNames(string task)
    {
        var scenario = ExportCase.For(task, trained);
        using var session = new InferenceSession(Export(scenario));

        Assert.Equal(OnnxMlpWriter.ProducerName, session.ModelMetadata.ProducerName);
        Assert.Equal(typeof(OnnxMlpWriter).Assembly.GetName().Version!.ToString(), OnnxMlpWriter.ProducerVersion);
        var model = Protobuf.ModelProto.Parser.ParseFrom(Export(scenario));
        Assert.Equal(OnnxMlpWriter.ProducerVersion, model.ProducerVersion);

        Assert.Equal([scenario.InputColumn], session.InputMetadata.Keys);
        Assert.Contains(scenario.InputColumn, scenario.OnnxInput.Schema.Select(column => column.Name));
        Assert.Equal(scenario.OutputNames, session.OutputMetadata.Keys);
        var managedColumns = scenario.ManagedScored.Schema.Where(column => !column.IsHidden).Select(column => column.Name).ToArray();
        Assert.All(scenario.OutputNames, name => Assert.Contains(name, managedColumns));
    }

    [Fact]
    public void MulticlassModelStoresTheClassNamesInScoreOrder()
    {
        var scenario = ExportCase.For("Multiclass", trained);
        using var session = new InferenceSession(Export(scenario));

        var classNames = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["MlNetNeural.ClassNames"]);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        scenario.ManagedScored.Schema[OnnxMlpColumnNames.Score].GetSlotNames(ref slotNames);
        Assert.Equal(slotNames.DenseValues().Select(name => name.ToString()), classNames);
    }

    private byte[] Export(ExportCase scenario)
    {
        using var stream = new MemoryStream();
        trained.Ml.Model.ConvertMlpToOnnx(scenario.Model, scenario.OnnxInput.Schema, stream);
        return stream.ToArray();
    }

    private void AssertMatches(ExportCase scenario, ScoreColumns actual, string scorer)
    {
        var expected = ScoreColumns.FromManaged(scenario.ManagedScored, scenario.Head);
        double maxDifference = expected.MaxAbsoluteDifference(actual);
        var labelDisagreements = expected.LabelDisagreements(actual, tieMargin: ExpectedOutputs.Tolerance);
        output.WriteLine($"{scenario.Task} via {scorer}: {expected.Score.Length} rows, max |managed - ONNX| over Score{(scenario.Head == OnnxMlpHead.Binary ? " and Probability" : "")} = {maxDifference:E2}, label disagreements {labelDisagreements.Count}");

        int distinctScores = expected.Score.Select(score => score[0]).Distinct().Count();
        Assert.True(distinctScores > expected.Score.Length / 2, $"{scenario.Task}: only {distinctScores} distinct scores in {expected.Score.Length} rows; a near-constant model would make the comparison meaningless.");
        Assert.True(maxDifference <= ExpectedOutputs.Tolerance, $"{scenario.Task} via {scorer}: max absolute difference {maxDifference:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
        Assert.Empty(labelDisagreements);
    }
}
