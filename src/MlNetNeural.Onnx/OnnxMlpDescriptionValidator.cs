using System.Globalization;
using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx;

/// <summary>
/// Checks an <see cref="OnnxMlpDescription"/> before anything is written, so an invalid description never produces a
/// partial or unloadable model. Every message names the offending layer or value and says what to fix.
/// </summary>
internal static class OnnxMlpDescriptionValidator
{
    private const string ParamName = "description";

    public static void Validate(OnnxMlpDescription description)
    {
        ArgumentNullException.ThrowIfNull(description, ParamName);
        if (!Enum.IsDefined(description.Head))
            throw Invalid($"Head {(int)description.Head} is not a defined {nameof(OnnxMlpHead)} value.");
        if (description.FeatureCount <= 0)
            throw Invalid($"FeatureCount is {description.FeatureCount}; it must be at least 1.");
        ValidateInputName(description.InputName);
        if (description.InputNormalization is { } normalization)
            ValidateNormalization(normalization, description.FeatureCount);
        if (description.Metadata is { } metadata)
            ValidateMetadata(metadata);
        if (description.Layers.Count == 0)
            throw Invalid("Layers is empty; a network needs at least one dense layer.");

        int expectedInputs = description.FeatureCount;
        for (int index = 0; index < description.Layers.Count; index++)
        {
            var layer = description.Layers[index]
                ?? throw Invalid($"Layer {index} is null.");
            ValidateLayer(layer, index, expectedInputs, description.FeatureCount);
            expectedInputs = layer.OutputCount;
        }
        ValidateHead(description.Head, description.Layers[^1], description.Layers.Count - 1);
    }

    private static void ValidateInputName(string inputName)
    {
        if (string.IsNullOrWhiteSpace(inputName))
            throw Invalid("InputName is empty; give the name of the feature column (usually \"Features\").");
        if (inputName is OnnxMlpColumnNames.Score or OnnxMlpColumnNames.Probability or OnnxMlpColumnNames.PredictedLabel)
            throw Invalid($"InputName \"{inputName}\" is also an output name; choose another input name.");
        if (inputName.StartsWith(OnnxMlpGraph.InternalNamePrefix, StringComparison.Ordinal))
            throw Invalid($"InputName \"{inputName}\" starts with \"{OnnxMlpGraph.InternalNamePrefix}\", which is reserved for the exporter's internal tensors.");
    }

    private static void ValidateMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrEmpty(key))
                throw Invalid("Metadata has an empty key; every metadata property needs a name.");
            if (value is null)
                throw Invalid($"Metadata[\"{key}\"] is null; use an empty string for an empty value.");
        }
    }

    private static void ValidateNormalization(OnnxInputNormalization normalization, int featureCount)
    {
        if (normalization.Scale.Length != featureCount)
            throw Invalid($"InputNormalization.Scale has {normalization.Scale.Length} values but FeatureCount is {featureCount}; give one scale per feature.");
        RequireFinite(normalization.Scale, "InputNormalization.Scale");
        if (normalization.Offset is { } offset)
        {
            if (offset.Length != featureCount)
                throw Invalid($"InputNormalization.Offset has {offset.Length} values but FeatureCount is {featureCount}; give one offset per feature or null for none.");
            RequireFinite(offset, "InputNormalization.Offset");
        }
    }

    private static void ValidateLayer(OnnxDenseLayer layer, int index, int expectedInputs, int featureCount)
    {
        string name = $"Layer {index}";
        if (!Enum.IsDefined(layer.Activation))
            throw Invalid($"{name}: activation {(int)layer.Activation} is not a defined {nameof(OnnxActivation)} value.");
        if (layer.OutputCount <= 0)
            throw Invalid($"{name}: OutputCount is {layer.OutputCount}; it must be at least 1.");
        if (layer.InputCount != expectedInputs)
        {
            string source = index == 0 ? $"FeatureCount is {featureCount}" : $"layer {index - 1} has {expectedInputs} outputs";
            throw Invalid($"{name}: InputCount is {layer.InputCount} but {source}; consecutive layer sizes must chain.");
        }
        long weightCount = (long)layer.OutputCount * layer.InputCount;
        if (layer.Weights.Length != weightCount)
            throw Invalid($"{name}: Weights has {layer.Weights.Length} values; expected OutputCount * InputCount = {layer.OutputCount} * {layer.InputCount} = {weightCount} (row-major [out, in]).");
        if (layer.Bias.Length != layer.OutputCount)
            throw Invalid($"{name}: Bias has {layer.Bias.Length} values; expected OutputCount = {layer.OutputCount}.");
        RequireFinite(layer.Weights, $"{name}: Weights", layer.InputCount);
        RequireFinite(layer.Bias, $"{name}: Bias");
        if (layer.Activation == OnnxActivation.LeakyRelu && !float.IsFinite(layer.LeakyReluAlpha))
            throw Invalid($"{name}: LeakyReluAlpha is {Format(layer.LeakyReluAlpha)}; it must be a finite number.");
    }

    private static void ValidateHead(OnnxMlpHead head, OnnxDenseLayer output, int outputIndex)
    {
        int outputs = output.OutputCount;
        switch (head)
        {
            case OnnxMlpHead.Binary when outputs != 1:
                throw Invalid($"Layer {outputIndex} (the output layer) has {outputs} outputs; a Binary head needs exactly 1 (the logit).");
            case OnnxMlpHead.Regression when outputs != 1:
                throw Invalid($"Layer {outputIndex} (the output layer) has {outputs} outputs; a Regression head needs exactly 1.");
            case OnnxMlpHead.Multiclass when outputs < 2:
                throw Invalid($"Layer {outputIndex} (the output layer) has {outputs} outputs; a Multiclass head needs one per class, at least 2.");
        }
        if (head != OnnxMlpHead.Regression && output.Activation != OnnxActivation.Identity)
            throw Invalid($"Layer {outputIndex} (the output layer) has activation {output.Activation}; a {head} head needs Identity because its outputs are logits and the head applies {(head == OnnxMlpHead.Binary ? "Sigmoid" : "Softmax")} itself.");
    }

    /// <summary>Throws naming the first non-finite value; with <paramref name="rowLength"/> the position is given as [row, column].</summary>
    private static void RequireFinite(float[] values, string what, int rowLength = 0)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i]))
                continue;
            string position = rowLength > 0 ? $"[{i / rowLength}, {i % rowLength}]" : $"[{i}]";
            throw Invalid($"{what}{position} is {Format(values[i])}; every value must be a finite number (was training diverging?).");
        }
    }

    private static string Format(float value) => value.ToString(CultureInfo.InvariantCulture);

    private static ArgumentException Invalid(string message) =>
        new($"Cannot export the network to ONNX. {message}", ParamName);
}
