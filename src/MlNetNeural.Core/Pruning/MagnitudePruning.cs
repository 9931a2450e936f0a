using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Pruning;

/// <summary>
/// Magnitude pruning of dense layers (Han et al. 2015, "Learning both Weights and Connections"; Zhu and Gupta 2017): the
/// weights with the smallest absolute values are set to zero. Ties are broken by position (earlier layers, then lower
/// indices, go first), so the result does not depend on the sorting algorithm. Biases are never pruned.
/// </summary>
public static class MagnitudePruning
{
    /// <summary>
    /// One-shot pruning without training: zeroes the smallest weights of the chosen dense layers in place, so that a
    /// fraction <paramref name="sparsity"/> of them is zero. Fine-tune afterwards (with <see cref="PruningSettings"/> in
    /// the training settings, which keeps the zeros) to recover accuracy.
    /// </summary>
    /// <param name="network">The network to prune in place.</param>
    /// <param name="sparsity">Fraction of weights to zero, in [0, 1).</param>
    /// <param name="scope">Rank per layer or over all chosen layers.</param>
    /// <param name="layers">Indices of the dense layers to prune; null for every dense layer.</param>
    /// <returns>The sparsity each pruned layer reached, by layer index.</returns>
    public static IReadOnlyDictionary<int, float> Prune(Network network, float sparsity, PruningScope scope = PruningScope.PerLayer, IReadOnlyList<int>? layers = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(sparsity >= 0f && sparsity < 1f)) throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, "The sparsity must be in [0, 1): the fraction of weights set to zero.");
        var masks = new PruningMasks(network, layers, scope);
        masks.Update(sparsity);
        return masks.LayerSparsity();
    }

    /// <summary>The fraction of zero weights in each fully connected layer, by layer index (a sparse layer counts the weights it does not store).</summary>
    /// <param name="network">The network to inspect.</param>
    public static IReadOnlyDictionary<int, float> Sparsity(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var result = new SortedDictionary<int, float>();
        for (int i = 0; i < network.Layers.Count; i++)
        {
            if (network.Layers[i] is not IFullyConnectedLayer layer) continue;
            long total = (long)layer.InputSize * layer.OutputSize;
            result[i] = (float)((double)(total - layer.NonZeroWeightCount) / total);
        }
        return result;
    }

    /// <summary>
    /// Fills <paramref name="keep"/> (one array per group, 1 = keep, 0 = prune) so that
    /// <paramref name="sparsity"/> of each group (<see cref="PruningScope.PerLayer"/>) or of all groups together
    /// (<see cref="PruningScope.Global"/>) is pruned, smallest magnitudes first, ties by position.
    /// </summary>
    /// <param name="weights">The groups' weights.</param>
    /// <param name="keep">The masks to fill, one per group, each as long as its weights.</param>
    /// <param name="sparsity">Fraction to prune.</param>
    /// <param name="scope">Per group or over all groups.</param>
    /// <param name="scratch">At least as many values as all groups together, for the sorted magnitudes (reused across calls, so that a mask update in a training step allocates nothing).</param>
    internal static void Select(IReadOnlyList<float[]> weights, IReadOnlyList<float[]> keep, float sparsity, PruningScope scope, float[] scratch)
    {
        if (scope == PruningScope.PerLayer)
        {
            for (int g = 0; g < weights.Count; g++) Select(weights, keep, g, g + 1, sparsity, scratch);
        }
        else
        {
            Select(weights, keep, 0, weights.Count, sparsity, scratch);
        }
    }

    /// <summary>Prunes round(sparsity × total) of the weights of groups [<paramref name="first"/>, <paramref name="end"/>) together.</summary>
    private static void Select(IReadOnlyList<float[]> weights, IReadOnlyList<float[]> keep, int first, int end, float sparsity, float[] scratch)
    {
        long total = 0;
        for (int g = first; g < end; g++) total += weights[g].Length;
        long toPrune = (long)Math.Floor(sparsity * (double)total + 0.5);
        for (int g = first; g < end; g++) Array.Fill(keep[g], 1f);
        if (toPrune == 0) return;
        var magnitudes = scratch.AsSpan(0, checked((int)total));
        int offset = 0;
        for (int g = first; g < end; g++)
        {
            System.Numerics.Tensors.TensorPrimitives.Abs(weights[g], magnitudes.Slice(offset, weights[g].Length));
            offset += weights[g].Length;
        }
        magnitudes.Sort();
        float threshold = magnitudes[(int)(toPrune - 1)];
        long belowThreshold = 0;
        for (int g = first; g < end; g++) foreach (float v in weights[g]) if (MathF.Abs(v) < threshold) belowThreshold++;
        long tiesToPrune = toPrune - belowThreshold;
        for (int g = first; g < end; g++)
        {
            float[] w = weights[g], k = keep[g];
            for (int i = 0; i < w.Length; i++)
            {
                float magnitude = MathF.Abs(w[i]);
                if (magnitude < threshold) k[i] = 0f;
                else if (magnitude == threshold && tiesToPrune > 0)
                {
                    k[i] = 0f;
                    tiesToPrune--;
                }
            }
        }
    }
}
