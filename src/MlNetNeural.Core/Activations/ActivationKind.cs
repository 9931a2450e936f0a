namespace MlNetNeural.Core.Activations;

/// <summary>The element-wise non-linearities a dense layer can apply after its affine map.</summary>
/// <remarks>The numeric values are part of the saved-model format: never renumber them.</remarks>
public enum ActivationKind
{
    /// <summary>f(x) = x. Used for output layers, whose logits go to the loss.</summary>
    Identity = 0,
    /// <summary>f(x) = max(0, x). The usual default for hidden layers.</summary>
    ReLU = 1,
    /// <summary>f(x) = x for x &gt; 0, slope·x otherwise.</summary>
    LeakyReLU = 2,
    /// <summary>Gaussian error linear unit, exact form x·Φ(x) (Hendrycks and Gimpel 2016).</summary>
    Gelu = 3,
    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,
    /// <summary>Logistic sigmoid 1 / (1 + e^-x).</summary>
    Sigmoid = 5,
}
