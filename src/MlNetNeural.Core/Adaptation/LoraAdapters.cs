using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Adaptation;

/// <summary>
/// Adds low-rank adapters (<see cref="LoraDenseLayer"/>, Hu et al. 2021) to the dense layers of a trained network and merges
/// them back. Train the adapted network with only the adapters (and any new head) trainable
/// (<see cref="Training.TrainerSettings.TrainableLayers"/>); <see cref="NetworkAdapter"/> saves what changed on its own.
/// </summary>
public static class LoraAdapters
{
    /// <summary>
    /// A copy of <paramref name="network"/> in which each dense layer named in <paramref name="layers"/> is wrapped in a
    /// <see cref="LoraDenseLayer"/> of rank <paramref name="rank"/> (capped at the layer's smaller dimension) with A drawn from
    /// <paramref name="random"/> and B zero, so the copy computes exactly what the original does until it is trained.
    /// </summary>
    /// <param name="network">The trained network (not changed).</param>
    /// <param name="layers">Indices of dense layers to adapt.</param>
    /// <param name="rank">r, at least 1.</param>
    /// <param name="alpha">α, above 0 (the update is scaled by α/r; Hu et al. set α to the first r they tried).</param>
    /// <param name="random">The generator for A.</param>
    public static Network Attach(Network network, IReadOnlyList<int> layers, int rank, float alpha, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        var copy = network.Copy().Layers.ToArray();
        foreach (int index in layers.Distinct().Order())
        {
            network.CheckLayerIndex(index, "LoRA", nameof(layers));
            if (copy[index] is not DenseLayer dense)
                throw new ArgumentException($"LoRA names layer {index}, a {copy[index].Description}; adapters attach to dense layers.", nameof(layers));
            var adapted = new LoraDenseLayer(dense, Math.Min(rank, Math.Min(dense.InputSize, dense.OutputSize)), alpha);
            adapted.InitializeAdapter(random);
            copy[index] = adapted;
        }
        return new Network(copy);
    }

    /// <summary>A copy of <paramref name="network"/> with every <see cref="LoraDenseLayer"/> replaced by its merged dense layer (W + (α/r)·B·A).</summary>
    /// <param name="network">A network with adapters (not changed).</param>
    public static Network Merge(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new Network(network.Copy().Layers.Select(layer => layer is LoraDenseLayer lora ? lora.ToDense() : layer).ToArray());
    }

    /// <summary>Indices of the network's <see cref="LoraDenseLayer"/>s.</summary>
    /// <param name="network">The network.</param>
    public static IReadOnlyList<int> AdaptedLayers(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Enumerable.Range(0, network.Layers.Count).Where(i => network.Layers[i] is LoraDenseLayer).ToArray();
    }
}
