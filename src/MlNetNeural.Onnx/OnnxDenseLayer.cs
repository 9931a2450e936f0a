namespace MlNetNeural.Onnx;

/// <summary>
/// One fully connected layer of an exported network: <c>y = activation(W x + b)</c>.
/// </summary>
/// <remarks>
/// The arrays are used as given (not copied) and are checked when the model is written, so they may be filled
/// after construction.
/// </remarks>
public sealed class OnnxDenseLayer
{
    /// <summary>The slope for negative inputs used by <see cref="OnnxActivation.LeakyRelu"/> unless set otherwise.</summary>
    public const float DefaultLeakyReluAlpha = 0.01f;

    /// <summary>Creates a layer description.</summary>
    /// <param name="inputCount">Number of inputs (the previous layer's output count, or the feature count).</param>
    /// <param name="outputCount">Number of outputs (units).</param>
    /// <param name="weights">Weights, row-major [outputCount, inputCount]: <c>weights[o * inputCount + i]</c>.</param>
    /// <param name="bias">Bias, one value per output.</param>
    /// <param name="activation">The activation applied after the affine step.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> or <paramref name="bias"/> is null.</exception>
    public OnnxDenseLayer(int inputCount, int outputCount, float[] weights, float[] bias, OnnxActivation activation)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        InputCount = inputCount;
        OutputCount = outputCount;
        Weights = weights;
        Bias = bias;
        Activation = activation;
    }

    /// <summary>Number of inputs.</summary>
    public int InputCount { get; }

    /// <summary>Number of outputs (units).</summary>
    public int OutputCount { get; }

    /// <summary>Weights, row-major [<see cref="OutputCount"/>, <see cref="InputCount"/>].</summary>
    public float[] Weights { get; }

    /// <summary>Bias, length <see cref="OutputCount"/>.</summary>
    public float[] Bias { get; }

    /// <summary>The activation applied after the affine step.</summary>
    public OnnxActivation Activation { get; }

    /// <summary>The negative-side slope for <see cref="OnnxActivation.LeakyRelu"/>; ignored by other activations.</summary>
    public float LeakyReluAlpha { get; init; } = DefaultLeakyReluAlpha;
}
