namespace MlNetNeural.Federated.Protocol;

/// <summary>What a site contributes to one secure sum.</summary>
[GenerateSerializer]
internal enum ContributionKind
{
    /// <summary>Row count and per-feature sums: [n, Σx₁, …, Σx_d] (input scaling, first pass).</summary>
    FeatureSums = 0,

    /// <summary>Row count and per-feature sums of squared deviations from the pooled means: [n, Σ(x₁ − μ₁)², …] (second pass).</summary>
    CenteredSquares = 1,

    /// <summary>
    /// A round's local training: [n·Δ₁, …, n·Δ_P, n, n·loss] for FedAvg and FedProx, or the clipped update [Δ₁, …, Δ_P]
    /// with differential privacy (equal weights; no loss, which the noise would not cover).
    /// </summary>
    ModelUpdate = 2,
}
