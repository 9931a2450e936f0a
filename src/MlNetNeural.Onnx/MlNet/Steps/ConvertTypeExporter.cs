using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// <c>ConvertType</c> (<see cref="TypeConvertingTransformer"/>) to Single from Boolean (1 or 0) or a number: <c>Cast</c>;
/// from a key to another key type (ML.NET converts keys only to keys): <c>Identity</c>, as every key is an <c>int64</c>
/// in the graph. Conversions from text (parsing) or to other types are refused.
/// </summary>
internal sealed class ConvertTypeExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        var from = input.Shape;
        var to = ColumnShape.Of(step.OutputSchema, column, step);
        if (from.IsKey && to.IsKey && from.KeyCount == to.KeyCount)
            return new SameKeys(input.Name);
        if (to.ElementType != DataType.Float || to.IsKey || from.IsKey)
            throw ExportRefusal.Step(step, $"converts '{input.Name}' to {step.OutputSchema[column].Type}; only conversions to Single are exported.");
        if (from.ElementType == DataType.String)
            throw ExportRefusal.Step(step, $"parses the text column '{input.Name}' as numbers; parsing text is not exported. Read the column as a number when loading the data.");
        return new Cast(input.Name);
    }

    private sealed class SameKeys(string input) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddNode("Identity", [inputs[0]], output);
    }

    private sealed class Cast(string input) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddNode("Cast", [inputs[0]], output, IntAttribute("to", (long)DataType.Float));
    }
}
