namespace MlNetNeural.Federated.Privacy;

/// <summary>
/// The privacy loss of repeated Gaussian-noised sums, by Rényi differential privacy (Mironov 2017, "Rényi Differential
/// Privacy"): one release with sensitivity S and noise N(0, z²S²) is (α, α/(2z²))-RDP for every α &gt; 1 (Prop. 7);
/// T releases compose to (α, Tα/(2z²)) (Prop. 1); and (α, ρ)-RDP implies (ρ + ln(1/δ)/(α − 1), δ)-DP (Prop. 3).
/// Minimising over α gives ε = T/(2z²) + 2·√(T·ln(1/δ)/(2z²)). Every site takes part in every round, so there is no
/// amplification by sampling: the bound is conservative and honest for a few institutions.
/// </summary>
public static class GaussianAccountant
{
    /// <summary>ε of the (ε, δ) guarantee after <paramref name="releases"/> noised sums; infinity without noise.</summary>
    /// <param name="noiseMultiplier">z, the noise's standard deviation over the sensitivity.</param>
    /// <param name="releases">Rounds whose sum was released with noise.</param>
    /// <param name="delta">δ, in (0, 1).</param>
    public static double Epsilon(double noiseMultiplier, int releases, double delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(releases);
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be in (0, 1).");
        if (releases == 0) return 0;
        if (!(noiseMultiplier > 0)) return double.PositiveInfinity;
        double perAlpha = releases / (2 * noiseMultiplier * noiseMultiplier);
        return perAlpha + 2 * Math.Sqrt(perAlpha * Math.Log(1 / delta));
    }
}
