using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>The column a one-to-one step (normalizer, ReplaceMissingValues, MapValueToKey, ...) reads to write one output column.</summary>
/// <param name="Index">The index of the column pair in the transformer's column order.</param>
/// <param name="Name">The name of the column it reads.</param>
/// <param name="Type">Its ML.NET type.</param>
/// <param name="Shape">Its form in the graph.</param>
internal sealed record OneToOneInput(int Index, string Name, DataViewType Type, ColumnShape Shape)
{
    /// <summary>The input of the column pair of <paramref name="step"/> that writes <paramref name="column"/>.</summary>
    public static OneToOneInput Of(PipelineStep step, string column)
    {
        var pairs = OneToOneColumnPairs.Of((OneToOneTransformerBase)step.Transformer, step.InputSchema, step.AddedColumns);
        int index = pairs.Count - 1;
        while (index >= 0 && pairs[index].Output != column)
            index--;
        if (index < 0)
            throw new InvalidOperationException($"{step.Describe()} does not write column '{column}'.");
        string input = pairs[index].Input;
        return new OneToOneInput(index, input, step.InputSchema[input].Type, ColumnShape.Of(step.InputSchema, input, step));
    }
}
