using System.Security.Cryptography;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Federated.Protocol;

namespace MlNetNeural.Federated.Coordination;

/// <summary>
/// Turns a round's secure sum into the new global weights. FedAvg and FedProx (McMahan et al. 2017, Li et al. 2020):
/// w ← w + Σₖ nₖΔₖ / Σₖ nₖ. DP-FedAvg (McMahan et al. 2018): w ← w + (Σₖ clip(Δₖ) + N(0, z²S²·I)) / m over the m
/// participants, the noise drawn here, after the sum is decoded.
/// </summary>
internal static class GlobalUpdate
{
    private const int NoiseStream = 17;

    /// <summary>Applies the averaged update to <paramref name="network"/>; returns the mean training loss (null with DP) and the rows in the sum.</summary>
    public static (double? Loss, double Rows) Apply(Network network, double[] sum, int participants, FederatedPlan plan, int round)
    {
        int parameterCount = (int)network.ParameterCount;
        double[] update;
        double? loss = null;
        double rows = 0;
        if (plan.ClipNorm is float clip)
        {
            update = sum[..parameterCount];
            AddNoise(update, plan.NoiseMultiplier * (double)clip, NoiseRandom(plan, round));
            for (int i = 0; i < update.Length; i++) update[i] /= participants;
        }
        else
        {
            rows = sum[parameterCount];
            if (!(rows > 0)) throw new FederatedTrainingException($"Round {round}'s sum holds {rows} rows; every site must have rows.");
            update = sum[..parameterCount];
            for (int i = 0; i < update.Length; i++) update[i] /= rows;
            loss = sum[parameterCount + 1] / rows;
        }
        int offset = 0;
        foreach (var parameter in network.Parameters)
        {
            var values = parameter.Values;
            for (int i = 0; i < values.Length; i++) values[i] = (float)(values[i] + update[offset + i]);
            offset += values.Length;
        }
        return (loss, rows);
    }

    private static void AddNoise(double[] values, double deviation, DeterministicRandom random)
    {
        if (deviation == 0) return;
        for (int i = 0; i < values.Length; i++) values[i] += deviation * random.NextGaussian();
    }

    /// <summary>The round's noise generator: from the noise seed when one is set (reproducible), else from a cryptographic seed.</summary>
    private static DeterministicRandom NoiseRandom(FederatedPlan plan, int round) =>
        plan.NoiseSeed is int seed
            ? DeterministicRandom.ForStream(unchecked(seed * 31 + round), NoiseStream)
            : new DeterministicRandom(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)));
}
