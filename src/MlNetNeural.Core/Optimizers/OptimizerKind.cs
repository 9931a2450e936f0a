namespace MlNetNeural.Core.Optimizers;

/// <summary>The optimization algorithm.</summary>
public enum OptimizerKind
{
    /// <summary>Adam: adaptive per-weight step sizes; robust default for most problems.</summary>
    Adam = 0,
    /// <summary>AdamW: Adam with decoupled weight decay; often generalises better than Adam + L2.</summary>
    AdamW = 1,
    /// <summary>Stochastic gradient descent, optionally with (Nesterov) momentum.</summary>
    Sgd = 2,
}
