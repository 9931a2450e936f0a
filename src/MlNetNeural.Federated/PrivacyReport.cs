namespace MlNetNeural.Federated;

/// <summary>What a federated model's training protected, for model cards and reviewers.</summary>
/// <param name="SecureAggregation">True when every sum was masked pairwise, so the coordinator saw only sums.</param>
/// <param name="ClipNorm">DP-FedAvg's per-site clip norm, or null without differential privacy.</param>
/// <param name="NoiseMultiplier">z: the Gaussian noise's standard deviation over the clip norm (0 without DP).</param>
/// <param name="NoisedRounds">Rounds released with noise.</param>
/// <param name="Epsilon">ε of the site-level (ε, δ) guarantee from <see cref="Privacy.GaussianAccountant"/>, or null without DP.</param>
/// <param name="Delta">δ of that guarantee.</param>
public sealed record PrivacyReport(bool SecureAggregation, float? ClipNorm, float NoiseMultiplier, int NoisedRounds, double? Epsilon, double Delta)
{
    /// <summary>The accountant behind <see cref="Epsilon"/>.</summary>
    public const string Accountant = "Rényi DP of the Gaussian mechanism (Mironov 2017), composed over noised rounds, every site in every round (no sampling amplification)";

    /// <summary>One sentence, e.g. "secure aggregation; DP-FedAvg with clip 1, noise multiplier 1.1: (4.2, 1e-05)-DP at site level over 30 rounds".</summary>
    public override string ToString()
    {
        string masking = SecureAggregation ? "secure aggregation (coordinator saw only sums)" : "no secure aggregation (coordinator saw each site's update)";
        if (ClipNorm is null) return masking + "; no differential privacy";
        return FormattableString.Invariant(
            $"{masking}; DP-FedAvg with clip norm {ClipNorm}, noise multiplier {NoiseMultiplier}: ({Epsilon:G3}, {Delta:G2})-DP at site level over {NoisedRounds} rounds ({Accountant})");
    }
}
