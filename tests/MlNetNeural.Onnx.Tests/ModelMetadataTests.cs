using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MlNetNeural.Onnx.Protobuf;
using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests;

/// <summary>
/// The written model carries the promised header (IR version, opset, producer, documentation, metadata), the
/// promised input and output signature, and loads in OnnxRuntime without a warning.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class ModelMetadataTests(ITestOutputHelper output)
{
    private static readonly OnnxMlpDescription Binary =
        RandomMlp.Create(51, OnnxMlpHead.Binary, OnnxActivation.Gelu, normalize: true);

    [Fact]
    public void HeaderHasIrVersionOpsetAndProducer()
    {
        var model = ModelProto.Parser.ParseFrom(OnnxMlpWriter.ToBytes(Binary));

        Assert.Equal(8, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal("", opset.Domain);
        Assert.Equal(13, opset.Version);
        Assert.Equal("MlNetNeural", model.ProducerName);
        Assert.Equal(typeof(OnnxMlpWriter).Assembly.GetName().Version!.ToString(), model.ProducerVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", model.ProducerVersion);
    }

    [Fact]
    public void OnnxRuntimeSeesProducerDocumentationAndMetadata()
    {
        var description = new OnnxMlpDescription(Binary.FeatureCount, Binary.Layers, Binary.Head)
        {
            InputNormalization = Binary.InputNormalization,
            DocString = "Trained on the unit-test data.",
            Metadata = new Dictionary<string, string> { ["ClassNames"] = "no,yes", ["Empty"] = "" },
        };
        using var session = new InferenceSession(OnnxMlpWriter.ToBytes(description));
        var metadata = session.ModelMetadata;

        Assert.Equal("MlNetNeural", metadata.ProducerName);
        Assert.Equal("MlNetNeuralMlp", metadata.GraphName);
        Assert.Contains("7 features (affine normalized) -> 9 (Gelu) -> 5 (Gelu) -> 1 (Identity); Binary head", metadata.Description);
        Assert.Contains("Probability float [N, 1]", metadata.Description);
        Assert.EndsWith("Trained on the unit-test data.", metadata.Description);
        Assert.Equal("no,yes", metadata.CustomMetadataMap["ClassNames"]);
        Assert.Equal("", metadata.CustomMetadataMap["Empty"]);
    }

    [Theory]
    [InlineData(OnnxMlpHead.Binary, new[] { "Score", "Probability", "PredictedLabel" })]
    [InlineData(OnnxMlpHead.Multiclass, new[] { "Score", "PredictedLabel" })]
    [InlineData(OnnxMlpHead.Regression, new[] { "Score" })]
    public void SignatureIsOneFeatureInputAndMlNetOutputNames(OnnxMlpHead head, string[] outputNames)
    {
        var description = RandomMlp.Create(52, head, OnnxActivation.Relu, normalize: true);
        using var session = new InferenceSession(OnnxMlpWriter.ToBytes(description));

        var (inputName, input) = Assert.Single(session.InputMetadata);
        Assert.Equal("Features", inputName);
        Assert.Equal(TensorElementType.Float, input.ElementDataType);
        Assert.Equal([-1, RandomMlp.FeatureCount], input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);
        Assert.Equal(outputNames, session.OutputMetadata.Keys);
        Assert.Empty(session.OverridableInitializerMetadata);
    }

    [Fact]
    public void OutputElementTypesAndShapesAreDeclared()
    {
        using var binary = new InferenceSession(OnnxMlpWriter.ToBytes(Binary));
        Assert.Equal(TensorElementType.Float, binary.OutputMetadata["Score"].ElementDataType);
        Assert.Equal([-1, 1], binary.OutputMetadata["Score"].Dimensions);
        Assert.Equal(TensorElementType.Float, binary.OutputMetadata["Probability"].ElementDataType);
        Assert.Equal(TensorElementType.Bool, binary.OutputMetadata["PredictedLabel"].ElementDataType);

        var multiclass = RandomMlp.Create(53, OnnxMlpHead.Multiclass, OnnxActivation.Relu, normalize: false);
        using var session = new InferenceSession(OnnxMlpWriter.ToBytes(multiclass));
        Assert.Equal([-1, RandomMlp.ClassCount], session.OutputMetadata["Score"].Dimensions);
        Assert.Equal(TensorElementType.Int64, session.OutputMetadata["PredictedLabel"].ElementDataType);
        Assert.Equal([-1], session.OutputMetadata["PredictedLabel"].Dimensions);
    }

    [Theory]
    [InlineData(OnnxMlpHead.Binary)]
    [InlineData(OnnxMlpHead.Multiclass)]
    [InlineData(OnnxMlpHead.Regression)]
    public void LoadsAndRunsWithoutOnnxRuntimeWarnings(OnnxMlpHead head)
    {
        var description = RandomMlp.Create(54, head, OnnxActivation.Gelu, normalize: true);
        var warnings = OnnxRuntimeLog.Capture(() =>
            OnnxScoring.Run(OnnxMlpWriter.ToBytes(description), "Features", RandomMlp.Rows(55, 10), RandomMlp.FeatureCount));
        Assert.Empty(warnings);
    }

    /// <summary>
    /// Control for the test above: the capture does see OnnxRuntime warnings. A Score declared as a scalar (rank 0),
    /// which would make ML.NET show a scalar column, contradicts the [N, 1] that Gemm produces and is warned about;
    /// this is why the exporter declares [N, 1].
    /// </summary>
    [Fact]
    public void WarningCaptureSeesAShapeContradiction()
    {
        var model = OnnxMlpWriter.BuildModel(Binary);
        model.Graph.Output.Single(o => o.Name == "Score").Type.TensorType.Shape.Dim.Clear();

        var warnings = OnnxRuntimeLog.Capture(() =>
            OnnxScoring.Run(model.ToByteArray(), "Features", RandomMlp.Rows(56, 3), RandomMlp.FeatureCount, strictShapeInference: false));

        foreach (var warning in warnings)
            output.WriteLine(warning);
        Assert.Contains(warnings, w => w.Contains("Score", StringComparison.Ordinal));
    }

    /// <summary>Control for the strict shape inference every scoring test runs with: it does refuse a contradiction.</summary>
    [Fact]
    public void StrictShapeInferenceRefusesAShapeContradiction()
    {
        var model = OnnxMlpWriter.BuildModel(Binary);
        model.Graph.Output.Single(o => o.Name == "Score").Type.TensorType.Shape.Dim.Clear();

        Assert.Throws<OnnxRuntimeException>(() =>
            OnnxScoring.Run(model.ToByteArray(), "Features", RandomMlp.Rows(57, 3), RandomMlp.FeatureCount));
    }

    [Fact]
    public void WritingIsDeterministic() =>
        Assert.Equal(OnnxMlpWriter.ToBytes(Binary), OnnxMlpWriter.ToBytes(Binary));
}
