using System.Globalization;
using System.Text;

namespace MlNetNeural.Onnx.Graph;

/// <summary>Writes the human-readable model documentation string: architecture, input and outputs.</summary>
internal static class OnnxMlpDocString
{
    public static string Describe(OnnxMlpDescription description)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Multilayer perceptron exported by {OnnxMlpWriter.ProducerName} {OnnxMlpWriter.ProducerVersion}: ");
        text.Append(CultureInfo.InvariantCulture, $"{description.FeatureCount} features");
        if (description.InputNormalization is not null)
            text.Append(" (affine normalized)");
        foreach (var layer in description.Layers)
            text.Append(" -> ").Append(layer.Describe());
        text.Append(CultureInfo.InvariantCulture, $"; {description.Head} head.\n");
        text.Append("Input: ").Append(description.Preparation is { } preparation
            ? string.Join(", ", preparation.Inputs.Select(input => $"{input.Name} {input.Shape}"))
            : string.Create(CultureInfo.InvariantCulture, $"{description.InputName} float [N, {description.FeatureCount}]")).Append(".\n");
        text.Append("Outputs: ").Append(DescribeOutputs(description.Head, description.Layers[^1].OutputCount, description.DecisionThreshold)).Append('.');
        if (!string.IsNullOrWhiteSpace(description.DocString))
            text.Append('\n').Append(description.DocString);
        return text.ToString();
    }

    private static string DescribeOutputs(OnnxMlpHead head, int classCount, float decisionThreshold) => head switch
    {
        OnnxMlpHead.Binary => string.Create(CultureInfo.InvariantCulture,
            $"Score float [N, 1] (logit), Probability float [N, 1] (sigmoid of Score), PredictedLabel bool [N, 1] (Score > {decisionThreshold:R})"),
        OnnxMlpHead.Multiclass => string.Create(CultureInfo.InvariantCulture,
            $"Score float [N, {classCount}] (softmax probabilities), PredictedLabel int64 [N] (0-based index of the largest Score)"),
        _ => "Score float [N, 1]",
    };
}
