using System.Globalization;
using Microsoft.ML;
using MlNetNeural.Onnx.Protobuf;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using static MlNetNeural.Onnx.Graph.OnnxGraphBuilder;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// <c>MapValueToKey</c> (<see cref="ValueToKeyMappingTransformer"/>, alone or as the first part of <c>OneHotEncoding</c>)
/// of a text or Single column: <c>LabelEncoder</c> (ai.onnx.ml) from each value to its key, 1 to K in ML.NET's order,
/// and 0 (ML.NET's missing key) for a value not met in training, an empty text or NaN. The values come from the output
/// column's public <c>KeyValues</c> annotation.
/// </summary>
internal sealed class MapValueToKeyExporter : IStepExporter
{
    /// <summary>The name of ML.NET's key-values annotation (<c>AnnotationUtils.Kinds.KeyValues</c>, read with the public <c>GetKeyValues</c>).</summary>
    private const string KeyValuesAnnotation = "KeyValues";

    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        var output = step.OutputSchema[column];
        int keyCount = ColumnShape.Of(output.Type)?.KeyCount ?? 0;
        var keyValuesType = output.Annotations.Schema.GetColumnOrNull(KeyValuesAnnotation)?.Type as VectorDataViewType;
        if (keyValuesType is null || keyValuesType.Size != keyCount)
            throw ExportRefusal.Step(step, $"maps '{input.Name}' to keys without storing the {keyCount} values as key annotations, so the mapping cannot be read.");
        return input.Shape switch
        {
            { IsKey: false, ElementType: DataType.String } when keyValuesType.ItemType is TextDataViewType =>
                new TextToKey(input.Name, KeyValues<ReadOnlyMemory<char>>(output).Select(value => value.ToString()).ToArray()),
            { IsKey: false, ElementType: DataType.Float } when keyValuesType.ItemType == NumberDataViewType.Single =>
                new NumberToKey(input.Name, KeyValues<float>(output)),
            // OneHotEncoding of a Single column stores its key values as text: ML.NET writes each with "R" (round-trip) formatting.
            { IsKey: false, ElementType: DataType.Float } when keyValuesType.ItemType is TextDataViewType =>
                new NumberToKey(input.Name, KeyValues<ReadOnlyMemory<char>>(output).Select(text => ParseRoundTrip(step, input.Name, text.ToString())).ToArray()),
            _ => throw ExportRefusal.Step(step,
                $"maps '{input.Name}' ({input.Type}) to keys with key values of type {keyValuesType.ItemType}; only text and Single columns are exported."),
        };
    }

    private static float ParseRoundTrip(PipelineStep step, string input, string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && value.ToString("R", CultureInfo.InvariantCulture) == text
            ? value
            : throw ExportRefusal.Step(step, $"maps '{input}' to keys whose value '{text}' is stored as text that does not read back as the exact Single, so the mapping cannot be exported exactly.");

    private static T[] KeyValues<T>(DataViewSchema.Column column)
    {
        var values = default(VBuffer<T>);
        column.GetKeyValues(ref values);
        return values.DenseValues().ToArray();
    }

    private static AttributeProto[] KeyAttributes(int count) =>
        [IntsAttribute("values_int64s", Enumerable.Range(1, count).Select(key => (long)key)), IntAttribute("default_int64", 0)];

    private sealed class TextToKey(string input, string[] values) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddMlNode("LabelEncoder", [inputs[0]], output, [StringsAttribute("keys_strings", values), .. KeyAttributes(values.Length)]);
    }

    private sealed class NumberToKey(string input, float[] values) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            graph.AddMlNode("LabelEncoder", [inputs[0]], output, [FloatsAttribute("keys_floats", values), .. KeyAttributes(values.Length)]);
    }
}
