namespace MlNetNeural.Onnx;

/// <summary>
/// Everything needed to export a trained multilayer perceptron as ONNX: the input, an optional affine input
/// normalization, the layers in order and the prediction head.
/// </summary>
/// <example>
/// <code>
/// var description = new OnnxMlpDescription(
///     featureCount: 4,
///     layers: [
///         new OnnxDenseLayer(4, 8, hiddenWeights, hiddenBias, OnnxActivation.Relu),
///         new OnnxDenseLayer(8, 1, outputWeights, outputBias, OnnxActivation.Identity),
///     ],
///     head: OnnxMlpHead.Binary)
/// {
///     InputNormalization = new OnnxInputNormalization(scale, offset),
/// };
/// OnnxMlpWriter.Write(description, "model.onnx");
/// </code>
/// </example>
public sealed class OnnxMlpDescription
{
    /// <summary>Creates a description.</summary>
    /// <param name="featureCount">Length of the input feature vector.</param>
    /// <param name="layers">The layers, input side first. For classification heads the last layer must be an
    /// <see cref="OnnxDenseLayer"/> with activation <see cref="OnnxActivation.Identity"/> (its outputs are logits).</param>
    /// <param name="head">What the network predicts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> is null.</exception>
    public OnnxMlpDescription(int featureCount, IReadOnlyList<OnnxLayer> layers, OnnxMlpHead head)
    {
        ArgumentNullException.ThrowIfNull(layers);
        FeatureCount = featureCount;
        Layers = layers;
        Head = head;
    }

    /// <summary>Length of the input feature vector.</summary>
    public int FeatureCount { get; }

    /// <summary>The layers, input side first.</summary>
    public IReadOnlyList<OnnxLayer> Layers { get; }

    /// <summary>What the network predicts.</summary>
    public OnnxMlpHead Head { get; }

    /// <summary>
    /// Binary head only: PredictedLabel is <c>Score &gt; DecisionThreshold</c>, a logit. Default 0, ML.NET's rule (probability
    /// above 0.5); a binary MLP whose threshold was changed (<c>ChangeMlpThreshold</c>) exports the logit of its threshold.
    /// </summary>
    public float DecisionThreshold { get; init; }

    /// <summary>Optional per-feature affine transform applied before the first layer.</summary>
    public OnnxInputNormalization? InputNormalization { get; init; }

    /// <summary>Name of the graph input (float [N, <see cref="FeatureCount"/>]); default <c>Features</c>.</summary>
    public string InputName { get; init; } = OnnxMlpColumnNames.Features;

    /// <summary>
    /// For a converted ML.NET model: the raw data columns as graph inputs and the translated pipeline steps that compute
    /// the features from them, in place of the single <see cref="InputName"/> input and <see cref="InputNormalization"/>.
    /// </summary>
    internal MlNet.Steps.InputPreparation? Preparation { get; init; }

    /// <summary>Optional text appended to the generated model documentation string.</summary>
    public string? DocString { get; init; }

    /// <summary>Optional key/value pairs stored as the model's metadata properties (for example class names).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
