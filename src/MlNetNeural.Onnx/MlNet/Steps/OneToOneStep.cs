using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>The column pair of a one-to-one step (normalizer, ReplaceMissingValues, MapValueToKey, ...) that writes a given column.</summary>
internal static class OneToOneStep
{
    /// <summary>The index of the pair writing <paramref name="column"/> in the transformer's column order, and the column it reads.</summary>
    public static (int Index, string Input) PairOf(PipelineStep step, string column)
    {
        var pairs = OneToOneColumnPairs.Of((OneToOneTransformerBase)step.Transformer, step.InputSchema, step.AddedColumns);
        int index = pairs.Count - 1;
        while (index >= 0 && pairs[index].Output != column)
            index--;
        if (index < 0)
            throw new InvalidOperationException($"{step.Describe()} does not write column '{column}'.");
        return (index, pairs[index].Input);
    }
}
