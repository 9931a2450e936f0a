namespace MlNetNeural.Onnx;

/// <summary>The element-wise function applied to a dense layer's output in an exported network.</summary>
public enum OnnxActivation
{
    /// <summary>No activation: the layer output is the affine result itself.</summary>
    Identity,

    /// <summary><c>max(0, x)</c>, exported as the ONNX <c>Relu</c> operator.</summary>
    Relu,

    /// <summary>
    /// <c>x</c> for <c>x &gt;= 0</c>, otherwise <c>alpha * x</c>; exported as <c>LeakyRelu</c> with the slope in
    /// <see cref="OnnxDenseLayer.LeakyReluAlpha"/>.
    /// </summary>
    LeakyRelu,

    /// <summary>
    /// The exact (erf) Gaussian error linear unit <c>x * 0.5 * (1 + erf(x / sqrt(2)))</c>, exported with the
    /// opset-13 operators <c>Div</c>, <c>Erf</c>, <c>Add</c> and <c>Mul</c>.
    /// </summary>
    Gelu,

    /// <summary>Hyperbolic tangent, exported as <c>Tanh</c>.</summary>
    Tanh,

    /// <summary>The logistic function <c>1 / (1 + exp(-x))</c>, exported as <c>Sigmoid</c>.</summary>
    Sigmoid,
}
