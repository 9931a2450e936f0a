using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// <c>ReplaceMissingValues</c> (<see cref="MissingValueReplacingTransformer"/>, every mode: DefaultValue, Mean, Minimum,
/// Maximum, per slot or not): <c>Where(IsNaN(x), replacement, x)</c>. The replacement of each slot is what the fitted
/// transformer itself writes for a missing value (<see cref="MissingValueProbe"/>), so no ML.NET internals are read.
/// </summary>
internal sealed class ReplaceMissingValuesExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        if (input.Shape.ElementType != DataType.Float || input.Shape.IsKey)
            throw ExportRefusal.Step(step, $"replaces missing values of '{input.Name}', a {input.Type} column; only Single columns (missing = NaN) are exported. Convert the column to Single first.");
        return new Replace(input.Name, MissingValueProbe.OutputForMissingInput(step, column, input.Shape.Width));
    }

    private sealed class Replace(string input, float[] replacement) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output)
        {
            string missing = graph.AddNode("IsNaN", [inputs[0]], prefix + "is_missing");
            string values = graph.AddInitializer(prefix + "replacement", replacement, replacement.Length);
            graph.AddNode("Where", [missing, values, inputs[0]], output);
        }
    }
}
