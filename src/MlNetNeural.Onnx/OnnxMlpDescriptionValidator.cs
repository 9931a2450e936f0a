using System.Globalization;
using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx;

/// <summary>
/// Checks an <see cref="OnnxMlpDescription"/> before anything is written, so an invalid description never produces a
/// partial or unloadable model. Every message names the offending layer or value and says what to fix.
/// </summary>
internal static class OnnxMlpDescriptionValidator
{
    public static void Validate(OnnxMlpDescription description)
    {
        ArgumentNullException.ThrowIfNull(description, OnnxValidation.ParamName);
        if (!Enum.IsDefined(description.Head))
            throw Invalid($"Head {(int)description.Head} is not a defined {nameof(OnnxMlpHead)} value.");
        if (description.FeatureCount <= 0)
            throw Invalid($"FeatureCount is {description.FeatureCount}; it must be at least 1.");
        foreach (string inputName in description.Preparation?.Inputs.Select(input => input.Name) ?? [description.InputName])
            ValidateInputName(inputName);
        if (description.InputNormalization is { } normalization)
            ValidateNormalization(normalization, description.FeatureCount);
        if (description.Metadata is { } metadata)
            ValidateMetadata(metadata);
        if (description.Layers.Count == 0)
            throw Invalid("Layers is empty; a network needs at least one layer.");

        int expectedInputs = description.FeatureCount;
        for (int index = 0; index < description.Layers.Count; index++)
        {
            var layer = description.Layers[index]
                ?? throw Invalid($"Layer {index} is null.");
            ValidateLayer(layer, index, expectedInputs, description.FeatureCount);
            expectedInputs = layer.OutputCount;
        }
        ValidateHead(description.Head, description.Layers[^1], description.Layers.Count - 1);
        if (!float.IsFinite(description.DecisionThreshold) || (description.Head != OnnxMlpHead.Binary && description.DecisionThreshold != 0f))
            throw Invalid($"DecisionThreshold is {description.DecisionThreshold}; it must be a finite logit, and stay 0 unless the head is Binary.");
    }

    private static void ValidateInputName(string inputName)
    {
        if (string.IsNullOrWhiteSpace(inputName))
            throw Invalid("InputName is empty; give the name of the feature column (usually \"Features\").");
        if (inputName is OnnxMlpColumnNames.Score or OnnxMlpColumnNames.Probability or OnnxMlpColumnNames.PredictedLabel)
            throw Invalid($"InputName \"{inputName}\" is also an output name; choose another input name (rename the data column).");
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
        if (normalization.Offset is { } offset && offset.Length != featureCount)
            throw Invalid($"InputNormalization.Offset has {offset.Length} values but FeatureCount is {featureCount}; give one offset per feature or null for none.");
        OnnxValidation.RequireFinite(normalization.Scale, "InputNormalization.Scale");
        if (normalization.Offset is { } finiteOffset) OnnxValidation.RequireFinite(finiteOffset, "InputNormalization.Offset");
    }

    private static void ValidateLayer(OnnxLayer layer, int index, int expectedInputs, int featureCount)
    {
        string name = $"Layer {index}";
        if (layer.InputCount != expectedInputs)
        {
            string source = index == 0 ? $"FeatureCount is {featureCount}" : $"layer {index - 1} has {expectedInputs} outputs";
            throw Invalid($"{name}: InputCount is {layer.InputCount} but {source}; consecutive layer sizes must chain.");
        }
        layer.Validate(name);
    }

    private static void ValidateHead(OnnxMlpHead head, OnnxLayer output, int outputIndex)
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
        if (head != OnnxMlpHead.Regression && output is not OnnxDenseLayer { Activation: OnnxActivation.Identity })
        {
            string what = output is OnnxDenseLayer dense ? $"has activation {dense.Activation}" : $"is a {output.GetType().Name}";
            throw Invalid($"Layer {outputIndex} (the output layer) {what}; a {head} head needs Identity (on a dense output layer) because its outputs are logits and the head applies {(head == OnnxMlpHead.Binary ? "Sigmoid" : "Softmax")} itself.");
        }
    }

    private static ArgumentException Invalid(string message) => OnnxValidation.Invalid(message);
}
