using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

/// <summary>
/// Reference weights that training is pulled towards with strength μ: the loss gains (μ/2)·‖w − w₀‖² over every
/// parameter (see <see cref="GradientAdjustments.AddProximalTerm(IReadOnlyList{Layers.Parameter}, ProximalAnchor)"/>). Used by FedProx-style local training.
/// </summary>
/// <param name="Reference">One array per network parameter, in <see cref="Network.Parameters"/> order, each as long as its parameter.</param>
/// <param name="Strength">μ, finite and 0 or more.</param>
public sealed record ProximalAnchor(IReadOnlyList<float[]> Reference, float Strength)
{
    /// <summary>An anchor at the current weights of <paramref name="network"/> (copied).</summary>
    /// <param name="network">The network whose weights are the reference.</param>
    /// <param name="strength">μ.</param>
    public static ProximalAnchor AtCurrentWeights(Network network, float strength) => new(network.SnapshotParameters(), strength);

    /// <summary>Throws unless the anchor has one array of the right length per parameter of <paramref name="network"/>.</summary>
    /// <param name="network">The network being trained.</param>
    public void CheckFits(Network network)
    {
        if (!(float.IsFinite(Strength) && Strength >= 0f))
            throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "The proximal strength μ must be a finite number, 0 or more.");
        if (Reference.Count != network.Parameters.Count)
            throw new ArgumentException($"The proximal anchor holds {Reference.Count} arrays but the network has {network.Parameters.Count} parameters.", nameof(Reference));
        for (int p = 0; p < Reference.Count; p++)
        {
            if (Reference[p].Length != network.Parameters[p].Values.Length)
                throw new ArgumentException($"Proximal anchor array {p} has {Reference[p].Length} values but parameter '{network.Parameters[p].Name}' has {network.Parameters[p].Values.Length}.", nameof(Reference));
        }
    }
}
