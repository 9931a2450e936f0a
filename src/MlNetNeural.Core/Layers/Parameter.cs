namespace MlNetNeural.Core.Layers;

/// <summary>A trainable tensor (flattened) together with the gradient of the loss with respect to it.</summary>
public sealed class Parameter
{
    private float[]? _gradient;

    /// <summary>Creates a parameter of <paramref name="length"/> zeros.</summary>
    /// <param name="name">A readable name such as "layer1.weights".</param>
    /// <param name="length">Number of values.</param>
    /// <param name="isWeightMatrix">True for weight matrices (L2 penalty and weight decay apply); false for biases.</param>
    public Parameter(string name, int length, bool isWeightMatrix)
    {
        Name = name;
        Values = new float[length];
        IsWeightMatrix = isWeightMatrix;
    }

    /// <summary>A readable name such as "layer1.weights".</summary>
    public string Name { get; }

    /// <summary>The current values.</summary>
    public float[] Values { get; }

    /// <summary>
    /// The gradient from the most recent backward pass (zeros before the first). Allocated on first use, so a network that
    /// only predicts, such as a loaded model, holds its values once and no gradient memory.
    /// </summary>
    public float[] Gradient => _gradient ??= new float[Values.Length];

    /// <summary>True for weight matrices, to which the L2 penalty and decoupled weight decay apply; false for biases.</summary>
    public bool IsWeightMatrix { get; }

    /// <summary>
    /// Multiplies the optimizer's learning rate for this parameter (1 by default). Layers whose parameters live on
    /// another scale than the dense weights use it, e.g. the periodic embeddings' frequencies (RealMLP trains them at
    /// a tenth of the rate, Holzmüller et al. 2024).
    /// </summary>
    public float LearningRateFactor { get; init; } = 1f;
}
