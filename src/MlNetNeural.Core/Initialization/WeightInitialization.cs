namespace MlNetNeural.Core.Initialization;

/// <summary>How initial weights are drawn. Biases always start at zero.</summary>
/// <remarks>The numeric values are stable; never renumber them.</remarks>
public enum WeightInitialization
{
    /// <summary>He et al. (2015), normal with σ = √(2 / fan_in). Suited to ReLU-family activations.</summary>
    HeNormal = 0,
    /// <summary>He et al. (2015), uniform on ±√(6 / fan_in).</summary>
    HeUniform = 1,
    /// <summary>Glorot and Bengio (2010), normal with σ = √(2 / (fan_in + fan_out)). Suited to tanh, sigmoid and linear outputs.</summary>
    GlorotNormal = 2,
    /// <summary>Glorot and Bengio (2010), uniform on ±√(6 / (fan_in + fan_out)).</summary>
    GlorotUniform = 3,
}
