namespace MlNetNeural.Core.Optimizers;

/// <summary>Which optimizer to use and its hyper-parameters; <see cref="Create"/> makes a fresh instance with empty state for each run.</summary>
public record OptimizerSettings
{
    /// <summary>The default of each hyper-parameter, in one place (the optimizers and the ML.NET trainers' options read them).</summary>
    public static class Defaults
    {
        /// <summary>Adam: adaptive per-weight steps, robust to the scale of gradients.</summary>
        public const OptimizerKind Kind = OptimizerKind.Adam;

        /// <summary>SGD momentum μ: 0.9, the usual value (Sutskever et al. 2013).</summary>
        public const float Momentum = 0.9f;

        /// <summary>Adam β₁: 0.9 (Kingma and Ba 2015).</summary>
        public const float Beta1 = 0.9f;

        /// <summary>Adam β₂: 0.999 (Kingma and Ba 2015).</summary>
        public const float Beta2 = 0.999f;

        /// <summary>Adam ε: 1e-8 (Kingma and Ba 2015; PyTorch's default).</summary>
        public const float Epsilon = 1e-8f;

        /// <summary>AdamW's decoupled weight decay λ: 0.01 (PyTorch's AdamW default).</summary>
        public const float WeightDecay = 0.01f;
    }

    /// <summary>The algorithm. Default Adam.</summary>
    public OptimizerKind Kind { get; init; } = Defaults.Kind;

    /// <summary>SGD momentum μ in [0, 1). Default 0.9.</summary>
    public float Momentum { get; init; } = Defaults.Momentum;

    /// <summary>Use Nesterov momentum with SGD. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam β₁ in [0, 1). Default 0.9.</summary>
    public float Beta1 { get; init; } = Defaults.Beta1;

    /// <summary>Adam β₂ in [0, 1). Default 0.999.</summary>
    public float Beta2 { get; init; } = Defaults.Beta2;

    /// <summary>Adam ε, above 0. Default 1e-8.</summary>
    public float Epsilon { get; init; } = Defaults.Epsilon;

    /// <summary>AdamW's decoupled weight decay λ, 0 or more. Default 0.01. Ignored by the other kinds.</summary>
    public float WeightDecay { get; init; } = Defaults.WeightDecay;

    /// <summary>A new optimizer with these settings and no state; each training run calls this once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter of the chosen kind is out of range (the message names it).</exception>
    public virtual IOptimizer Create() => Kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(Beta1, Beta2, Epsilon),
        OptimizerKind.AdamW => new AdamOptimizer(Beta1, Beta2, Epsilon, WeightDecay),
        OptimizerKind.Sgd => new SgdOptimizer(Momentum, Nesterov),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown optimizer."),
    };
}
