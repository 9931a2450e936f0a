using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary><c>IndicateMissingValues</c> (<see cref="MissingValueIndicatorTransformer"/>): <c>IsNaN</c>, a Boolean per slot.</summary>
internal sealed class IndicateMissingValuesExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var (_, input) = OneToOneStep.PairOf(step, column);
        var shape = ColumnShape.Of(step.InputSchema, input, step);
        if (shape.ElementType is not (DataType.Float or DataType.Double) || shape.IsKey)
            throw ExportRefusal.Step(step, $"indicates missing values of '{input}', a {step.InputSchema[input].Type} column; only Single and Double columns (missing = NaN) are exported.");
        return new IsMissing(input);
    }

    private sealed class IsMissing(string input) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddNode("IsNaN", [inputs[0]], output);
    }
}
