using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary><c>Concatenate</c> (<see cref="ColumnConcatenatingTransformer"/>): <c>Concat(axis = 1)</c> of the input columns, in order.</summary>
internal sealed class ConcatenateExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var inputs = ConcatenatedColumns.Of((ColumnConcatenatingTransformer)step.Transformer, step.InputSchema, step.AddedColumns)
            .Last(joined => joined.Output == column).Inputs;
        return new Concat([.. inputs]);
    }

    private sealed class Concat(string[] inputs) : ColumnTranslation(inputs)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddNode("Concat", [.. inputs], output, IntAttribute("axis", 1));
    }
}
