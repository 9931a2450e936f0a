using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary><c>IndicateMissingValues</c> (<see cref="MissingValueIndicatorTransformer"/>): <c>IsNaN</c>, a Boolean per slot.</summary>
internal sealed class IndicateMissingValuesExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        if (input.Shape.ElementType is not (DataType.Float or DataType.Double) || input.Shape.IsKey)
            throw ExportRefusal.Step(step, $"indicates missing values of '{input.Name}', a {input.Type} column; only Single and Double columns (missing = NaN) are exported.");
        return new IsMissing(input.Name);
    }

    private sealed class IsMissing(string input) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddNode("IsNaN", [inputs[0]], output);
    }
}
