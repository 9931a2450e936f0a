using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// Whole fitted ML.NET pipelines exported with <c>ml.Model.ConvertMlpToOnnx</c> read the raw data columns and score like
/// the managed pipeline, both in a plain OnnxRuntime session and through ML.NET's <c>ApplyOnnxModel</c>, load without
/// OnnxRuntime warnings, and carry the producer and ML.NET's column names. Every row of each table is compared: the
/// README's pipeline on WDBC (569), MNIST (1,000), ozone with its missing values (361), credit featurized by
/// MlNetNeural.Tabular (4,454: indicators, imputation, one-hot text) and penguins (344, multiclass).
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class PipelineExportTests(TrainedPipelines trained, ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => ExportCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntimeSessionScoresLikeTheManagedPipeline(string name)
    {
        var scenario = ExportCase.For(name, trained);
        byte[] model = Export(scenario);

        IReadOnlyDictionary<string, OnnxScoring.Output> outputs = null!;
        var warnings = OnnxRuntimeLog.Capture(() => outputs = OnnxScoring.Run(model, scenario.Data));

        AssertMatches(scenario, ScoreColumns.FromSession(outputs, scenario.Head), "OnnxRuntime session");
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ApplyOnnxModelScoresLikeTheManagedPipeline(string name)
    {
        var scenario = ExportCase.For(name, trained);
        using var directory = new TemporaryDirectory();
        string path = directory.File($"{name}.onnx");
        trained.Ml.Model.ConvertMlpToOnnx(scenario.Model, scenario.Data.Schema, path);

        ScoreColumns actual = null!;
        var warnings = OnnxRuntimeLog.Capture(() =>
        {
            using var onnx = trained.Ml.Transforms
                .ApplyOnnxModel(outputColumnNames: scenario.OutputNames, inputColumnNames: scenario.ExpectedInputs, modelFile: path)
                .Fit(scenario.Data);
            actual = ScoreColumns.FromApplyOnnxModel(onnx.Transform(scenario.Data), scenario.Head);
        });

        AssertMatches(scenario, actual, "ApplyOnnxModel");
        Assert.Empty(warnings);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GraphReadsTheRawColumnsAndWritesMlNetColumnNames(string name)
    {
        var scenario = ExportCase.For(name, trained);
        byte[] model = Export(scenario);
        using var session = new InferenceSession(model);
        var proto = Protobuf.ModelProto.Parser.ParseFrom(model);
        output.WriteLine(proto.DocString);
        output.WriteLine($"Operators: {string.Join(", ", proto.Graph.Node.Select(node => node.OpType).Distinct())}");

        Assert.Equal(OnnxMlpWriter.ProducerName, session.ModelMetadata.ProducerName);
        Assert.Equal(OnnxMlpWriter.ProducerVersion, proto.ProducerVersion);
        Assert.Equal(scenario.ExpectedInputs, session.InputMetadata.Keys);
        foreach (var (input, metadata) in session.InputMetadata)
        {
            var column = scenario.Data.Schema[input];
            int width = column.Type is VectorDataViewType vector ? vector.Size : 1;
            Assert.Equal(column.Type.RawType == typeof(ReadOnlyMemory<char>) || column.Type.RawType == typeof(VBuffer<ReadOnlyMemory<char>>) ? typeof(string) : typeof(float), metadata.ElementType);
            Assert.Equal([-1, width], metadata.Dimensions);
        }
        Assert.Equal(scenario.OutputNames, session.OutputMetadata.Keys);
        var managedColumns = scenario.ManagedScored.Schema.Where(column => !column.IsHidden).Select(column => column.Name).ToArray();
        Assert.All(scenario.OutputNames, output => Assert.Contains(output, managedColumns));
    }

    [Theory]
    [InlineData("Multiclass")]
    [InlineData("Penguins")]
    public void MulticlassModelStoresTheClassNamesInScoreOrder(string name)
    {
        var scenario = ExportCase.For(name, trained);
        using var session = new InferenceSession(Export(scenario));

        var classNames = JsonSerializer.Deserialize<string[]>(session.ModelMetadata.CustomMetadataMap["MlNetNeural.ClassNames"]);
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        scenario.ManagedScored.Schema[OnnxMlpColumnNames.Score].GetSlotNames(ref slotNames);
        Assert.Equal(slotNames.DenseValues().Select(name => name.ToString()), classNames);
    }

    private byte[] Export(ExportCase scenario)
    {
        using var stream = new MemoryStream();
        trained.Ml.Model.ConvertMlpToOnnx(scenario.Model, scenario.Data.Schema, stream);
        return stream.ToArray();
    }

    private void AssertMatches(ExportCase scenario, ScoreColumns actual, string scorer)
    {
        var expected = ScoreColumns.FromManaged(scenario.ManagedScored, scenario.Head);
        double maxDifference = expected.MaxAbsoluteDifference(actual);
        var labelDisagreements = expected.LabelDisagreements(actual, tieMargin: ExpectedOutputs.Tolerance);
        output.WriteLine($"{scenario.Name} via {scorer}: {expected.Score.Length} rows, max |managed - ONNX| over Score{(scenario.Head == OnnxMlpHead.Binary ? " and Probability" : "")} = {maxDifference:E2}, label disagreements {labelDisagreements.Count}");

        int distinctScores = expected.Score.Select(score => score[0]).Distinct().Count();
        Assert.True(distinctScores > expected.Score.Length / 2, $"{scenario.Name}: only {distinctScores} distinct scores in {expected.Score.Length} rows; a near-constant model would make the comparison meaningless.");
        Assert.True(maxDifference <= ExpectedOutputs.Tolerance, $"{scenario.Name} via {scorer}: max absolute difference {maxDifference:E3} exceeds {ExpectedOutputs.Tolerance:E0}.");
        Assert.Empty(labelDisagreements);
    }
}
