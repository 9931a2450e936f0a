using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// <c>MapKeyToVector</c> (<see cref="KeyToVectorMappingTransformer"/>, alone or as the second part of
/// <c>OneHotEncoding</c> with output kind Indicator or Bag): each key compared with 1..K (<c>Equal</c>, so the missing
/// key 0 gives all zeros), cast to Single; per slot one after another (indicator, L·K values) or summed over the slots
/// (bag, K counts). Which of the two is read from the public output type.
/// </summary>
internal sealed class KeyToVectorExporter : IStepExporter
{
    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        int outputWidth = ColumnShape.Of(step.OutputSchema[column].Type)?.Width ?? 0;
        if (!input.Shape.IsKey)
            throw ExportRefusal.Step(step, $"reads '{input.Name}' of type {input.Type}, not a key.");
        bool indicator = outputWidth == input.Shape.Width * input.Shape.KeyCount;
        if (!indicator && outputWidth != input.Shape.KeyCount)
            throw ExportRefusal.Step(step, $"writes {outputWidth} slots from {input.Shape.Width} keys of {input.Shape.KeyCount} values, neither an indicator nor a bag of them.");
        return new OneHot(input.Name, input.Shape.KeyCount, indicator ? outputWidth : null);
    }

    /// <param name="input">The key column.</param>
    /// <param name="keyCount">K, the number of key values.</param>
    /// <param name="indicatorWidth">The indicator's width L·K, or null for a bag.</param>
    private sealed class OneHot(string input, int keyCount, int? indicatorWidth) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output)
        {
            string perSlot = graph.AddNode("Unsqueeze", [inputs[0], graph.AddInt64Initializer(prefix + "slot_axis", [2], 1)], prefix + "keys");
            string keys = graph.AddInt64Initializer(prefix + "key_values", [.. Enumerable.Range(1, keyCount).Select(key => (long)key)], keyCount);
            string equal = graph.AddNode("Equal", [perSlot, keys], prefix + "is_key");
            string oneHot = graph.AddNode("Cast", [equal], prefix + "one_hot", IntAttribute("to", (long)DataType.Float));
            if (indicatorWidth is { } width)
                graph.AddNode("Reshape", [oneHot, graph.AddInt64Initializer(prefix + "shape", [-1, width], 2)], output);
            else
                graph.AddNode("ReduceSum", [oneHot, graph.AddInt64Initializer(prefix + "slots_axis", [1], 1)], output, IntAttribute("keepdims", 0));
        }
    }
}
