using MlNetNeural.Onnx.Graph;

namespace MlNetNeural.Onnx;

/// <summary>
/// One layer of an exported network (<see cref="OnnxDenseLayer"/>, <see cref="OnnxFeatureScalingLayer"/>). Each kind
/// checks its own values and writes its own ONNX nodes.
/// </summary>
public abstract class OnnxLayer
{
    private protected OnnxLayer()
    {
    }

    /// <summary>Number of inputs (the previous layer's output count, or the feature count).</summary>
    public abstract int InputCount { get; }

    /// <summary>Number of outputs.</summary>
    public abstract int OutputCount { get; }

    /// <summary>A short phrase for the model's documentation string, e.g. "16 (Relu)".</summary>
    internal abstract string Describe();

    /// <summary>Throws an <see cref="ArgumentException"/> (see <see cref="OnnxValidation"/>) naming <paramref name="name"/> when a value is unusable.</summary>
    /// <param name="name">How messages name the layer, e.g. "Layer 2".</param>
    internal abstract void Validate(string name);

    /// <summary>Appends the layer's nodes, reading <paramref name="input"/> and producing <paramref name="output"/>.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="prefix">Prefix of the layer's internal tensor names.</param>
    /// <param name="input">Name of the layer's input value.</param>
    /// <param name="output">Name of the value the layer must produce.</param>
    /// <returns><paramref name="output"/>.</returns>
    internal abstract string AddTo(OnnxGraphBuilder graph, string prefix, string input, string output);
}
