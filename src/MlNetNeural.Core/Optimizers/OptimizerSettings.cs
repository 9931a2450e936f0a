namespace MlNetNeural.Core.Optimizers;

/// <summary>Which optimizer to use and its hyper-parameters; <see cref="Create"/> makes a fresh instance with empty state.</summary>
public sealed record OptimizerSettings
{
    /// <summary>The algorithm. Default Adam.</summary>
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;

    /// <summary>SGD momentum μ in [0, 1). Default 0.9.</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>Use Nesterov momentum with SGD. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁. Default 0.9 (Kingma and Ba 2015).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam β₂. Default 0.999 (Kingma and Ba 2015).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Adam ε. Default 1e-8 (Kingma and Ba 2015; PyTorch's default).</summary>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>AdamW's decoupled weight decay λ. Default 0.01 (PyTorch's AdamW default). Ignored by the other kinds.</summary>
    public float WeightDecay { get; init; } = 0.01f;

    /// <summary>Creates a new optimizer with these settings.</summary>
    public IOptimizer Create() => Kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(Beta1, Beta2, Epsilon),
        OptimizerKind.AdamW => new AdamOptimizer(Beta1, Beta2, Epsilon, WeightDecay),
        OptimizerKind.Sgd => new SgdOptimizer(Momentum, Nesterov),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown optimizer."),
    };
}
