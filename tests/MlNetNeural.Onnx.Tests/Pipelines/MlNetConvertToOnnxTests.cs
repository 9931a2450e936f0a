using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.Onnx.Protobuf;
using MlNetNeural.Onnx.Tests.TestSupport;
using Xunit.Abstractions;

namespace MlNetNeural.Onnx.Tests.Pipelines;

/// <summary>
/// What ML.NET's own converter (<c>ml.Model.ConvertToOnnx</c>, Microsoft.ML.OnnxConverter 0.23.1 with ML.NET 5.0.1)
/// does with a pipeline that contains an MLP: it succeeds without an error or warning and writes a graph that
/// computes nothing. It only sees transformers that implement its internal ITransformCanSaveOnnx on ML.NET's internal
/// IDataTransform views; the MLP's scored view is neither, so the converter treats that view as the pipeline's source:
/// every column of it, including Score, becomes a graph input copied to an output by Identity. docs/onnx.md explains
/// this; these tests pin the behaviour so a change in ML.NET shows up.
/// </summary>
[Collection(OnnxRuntimeCollection.Name)]
public sealed class MlNetConvertToOnnxTests(TrainedPipelines trained, ITestOutputHelper output)
{
    [Fact]
    public void MlNetConverterSilentlyWritesAPassThroughGraphForAnMlpPipeline()
    {
        var (model, warnings) = ConvertWithMlNet(trained.Binary);

        var inputs = model.Graph.Input.Select(input => input.Name).ToArray();
        output.WriteLine($"inputs: {string.Join(", ", inputs)}; outputs: {string.Join(", ", model.Graph.Output.Select(o => o.Name))}; " +
            $"operators: {string.Join(", ", model.Graph.Node.Select(node => node.OpType).Distinct())}; warnings: {warnings.Count}");
        Assert.Equal("ML.NET", model.ProducerName);
        Assert.All(model.Graph.Node, node => Assert.Equal("Identity", node.OpType));
        Assert.Empty(model.Graph.Initializer);
        Assert.Contains("Score", inputs);
        Assert.Contains("Probability", inputs);
        Assert.Contains("PredictedLabel", inputs);
        Assert.Contains("Score.output", model.Graph.Output.Select(o => o.Name));
        Assert.Empty(warnings);
    }

    /// <summary>Control: for a pipeline of ML.NET's own components the same call exports real computation.</summary>
    [Fact]
    public void MlNetConverterExportsAPipelineOfItsOwnComponents()
    {
        var sdca = trained.Ml.Transforms.NormalizeMeanVariance("Features")
            .Append(trained.Ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 5))
            .Fit(trained.BreastCancer);

        var (model, _) = ConvertWithMlNet(sdca);

        var operators = model.Graph.Node.Select(node => node.OpType).Distinct().ToArray();
        output.WriteLine($"operators: {string.Join(", ", operators)}");
        Assert.Contains(operators, op => op != "Identity");
        Assert.DoesNotContain("Score", model.Graph.Input.Select(input => input.Name));
    }

    /// <summary>
    /// Control for the "no warning" above, and the contrast: for one of ML.NET's own steps that cannot be exported
    /// (here a CustomMapping) the converter logs a warning, which the capture sees, and then throws.
    /// </summary>
    [Fact]
    public void MlNetConverterWarnsAndThrowsForItsOwnUnexportableStep()
    {
        var flip = trained.Ml.Transforms.CustomMapping<LabelRow, FlagRow>((row, flag) => flag.Flag = !row.Label, contractName: null)
            .Fit(trained.BreastCancer);
        var warnings = new List<string>();

        var error = Assert.Throws<InvalidOperationException>(() => ConvertWithMlNet(new TransformerChain<ITransformer>(trained.Binary.First(), flip), warnings));

        Assert.Contains("can not be fully converted", error.Message);
        Assert.Contains(warnings, warning => warning.Contains("cannot save itself as ONNX", StringComparison.Ordinal));
    }

    private sealed class LabelRow
    {
        public bool Label { get; set; }
    }

    private sealed class FlagRow
    {
        public bool Flag { get; set; }
    }

    private (ModelProto Model, IReadOnlyList<string> Warnings) ConvertWithMlNet(ITransformer pipeline)
    {
        var warnings = new List<string>();
        return (ConvertWithMlNet(pipeline, warnings), warnings);
    }

    /// <summary>Runs ML.NET's converter in a fresh context, collecting its warnings and errors into <paramref name="warnings"/>.</summary>
    private ModelProto ConvertWithMlNet(ITransformer pipeline, List<string> warnings)
    {
        var ml = new MLContext(seed: 1);
        ml.Log += (_, message) =>
        {
            if (message.Kind is ChannelMessageKind.Warning or ChannelMessageKind.Error)
                warnings.Add(message.Message);
        };
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(pipeline, trained.BreastCancer, stream);
        return ModelProto.Parser.ParseFrom(stream.ToArray());
    }
}
