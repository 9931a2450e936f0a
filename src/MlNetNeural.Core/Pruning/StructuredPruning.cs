using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Pruning;

/// <summary>How many units one fully connected layer had before and after structured pruning.</summary>
/// <param name="Layer">Index of the layer in the original network.</param>
/// <param name="UnitsBefore">Units before.</param>
/// <param name="UnitsAfter">Units after.</param>
public sealed record UnitRemoval(int Layer, int UnitsBefore, int UnitsAfter);

/// <summary>
/// Structured pruning: removes hidden units that magnitude pruning has left dead, so the layers really shrink (fewer rows
/// in the layer, fewer columns in the next one) instead of only holding zeros. A hidden unit is dead when every weight
/// leading out of it is zero (it affects nothing), or when every weight leading into it is zero (its output is the
/// constant f(b), which is folded into the next layer's biases). The network computes the same function afterwards (up
/// to float rounding in the folded biases). Only hidden units between two fully connected layers (with at most dropout
/// between them) are removed; the input and output widths never change.
/// </summary>
public static class StructuredPruning
{
    /// <summary>A new network without the dead hidden units of <paramref name="network"/> (which is not changed).</summary>
    /// <param name="network">A network with dense or sparse layers (merge LoRA adapters first).</param>
    /// <param name="removals">Units before and after for each hidden layer that was examined.</param>
    public static Network RemoveDeadUnits(Network network, out IReadOnlyList<UnitRemoval> removals)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layers.FirstOrDefault(layer => layer is LoraDenseLayer) is { } lora)
            throw new ArgumentException($"The network has a LoRA layer ({lora.Description}); merge the adapters first (LoraAdapters.Merge).", nameof(network));
        var layers = network.Layers.ToArray();
        var pairs = HiddenPairs(layers);
        var dense = new Dictionary<int, DenseLayer>();
        foreach (var (hidden, next) in pairs)
        {
            dense[hidden] = ((IFullyConnectedLayer)layers[hidden]).ToDense();
            dense[next] = ((IFullyConnectedLayer)layers[next]).ToDense();
        }
        var alive = pairs.ToDictionary(pair => pair.Hidden, pair => Enumerable.Repeat(true, layers[pair.Hidden].OutputSize).ToArray());
        var nextBias = pairs.ToDictionary(pair => pair.Next, pair => dense[pair.Next].Bias.Values.ToArray());
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var (hidden, next) in pairs)
                changed |= MarkDead(dense[hidden], nextBias.GetValueOrDefault(hidden) ?? dense[hidden].Bias.Values, dense[next], alive[hidden], alive.GetValueOrDefault(next), nextBias[next]);
        }

        var result = new List<Layer>(layers.Length);
        var report = new List<UnitRemoval>();
        for (int i = 0; i < layers.Length; i++)
        {
            if (!dense.ContainsKey(i) && layers[i] is DropoutLayer dropout && FeedsPrunedUnits(pairs, i) is int source)
            {
                result.Add(new DropoutLayer(alive[source].Count(a => a), dropout.Rate));
                continue;
            }
            if (!dense.TryGetValue(i, out var layer))
            {
                result.Add(layers[i]);
                continue;
            }
            bool[]? rows = alive.GetValueOrDefault(i);
            bool[]? columns = pairs.Where(pair => pair.Next == i).Select(pair => alive[pair.Hidden]).FirstOrDefault();
            float[] bias = nextBias.GetValueOrDefault(i) ?? layer.Bias.Values;
            var shrunk = Shrink(layer, rows, columns, bias);
            result.Add(layers[i] is SparseDenseLayer ? SparseDenseLayer.FromDense(shrunk) : shrunk);
            if (rows is not null) report.Add(new UnitRemoval(i, layer.OutputSize, shrunk.OutputSize));
        }
        removals = report;
        return new Network(result);
    }

    /// <summary>(hidden, next): consecutive fully connected layers with only dropout between them.</summary>
    private static List<(int Hidden, int Next)> HiddenPairs(Layer[] layers)
    {
        var pairs = new List<(int, int)>();
        for (int i = 0; i < layers.Length; i++)
        {
            if (layers[i] is not IFullyConnectedLayer) continue;
            int j = i + 1;
            while (j < layers.Length && layers[j] is DropoutLayer) j++;
            if (j < layers.Length && layers[j] is IFullyConnectedLayer) pairs.Add((i, j));
        }
        return pairs;
    }

    /// <summary>The hidden layer whose (pruned) outputs dropout layer <paramref name="dropout"/> carries, or null.</summary>
    private static int? FeedsPrunedUnits(List<(int Hidden, int Next)> pairs, int dropout) =>
        pairs.Where(pair => pair.Hidden < dropout && dropout < pair.Next).Select(pair => (int?)pair.Hidden).FirstOrDefault();

    /// <summary>
    /// Marks newly dead units of <paramref name="hidden"/> (all outgoing weights zero, or all incoming weights zero with the
    /// constant output f(bias) folded into <paramref name="nextBias"/>); keeps at least one unit. <paramref name="hiddenBias"/>
    /// holds the hidden layer's biases as folding has left them. Returns true when a unit was marked.
    /// </summary>
    private static bool MarkDead(DenseLayer hidden, float[] hiddenBias, DenseLayer next, bool[] alive, bool[]? nextAlive, float[] nextBias)
    {
        int inputs = hidden.InputSize, units = hidden.OutputSize, outputs = next.OutputSize;
        float[] inWeights = hidden.Weights.Values, outWeights = next.Weights.Values;
        bool changed = false;
        for (int u = 0; u < units; u++)
        {
            if (!alive[u] || alive.Count(a => a) == 1) continue;
            bool noOutgoing = true;
            for (int o = 0; o < outputs && noOutgoing; o++) noOutgoing = (nextAlive is not null && !nextAlive[o]) || outWeights[o * units + u] == 0f;
            bool noIncoming = !noOutgoing && inWeights.AsSpan(u * inputs, inputs).IndexOfAnyExcept(0f) < 0;
            if (!noOutgoing && !noIncoming) continue;
            if (noIncoming)
            {
                Span<float> constant = [hiddenBias[u]];
                hidden.Activation.Apply(constant, constant);
                for (int o = 0; o < outputs; o++) nextBias[o] += outWeights[o * units + u] * constant[0];
            }
            alive[u] = false;
            changed = true;
        }
        return changed;
    }

    /// <summary>The layer with only the kept rows (units) and columns (inputs), and the given biases.</summary>
    private static DenseLayer Shrink(DenseLayer layer, bool[]? rows, bool[]? columns, float[] bias)
    {
        int[] keptRows = Kept(rows, layer.OutputSize), keptColumns = Kept(columns, layer.InputSize);
        var weights = new float[keptRows.Length * keptColumns.Length];
        for (int r = 0; r < keptRows.Length; r++)
            for (int c = 0; c < keptColumns.Length; c++) weights[r * keptColumns.Length + c] = layer.Weights.Values[keptRows[r] * layer.InputSize + keptColumns[c]];
        var shrunk = new DenseLayer(keptColumns.Length, keptRows.Length, layer.Activation, layer.ParameterPrefix);
        weights.CopyTo(shrunk.Weights.Values, 0);
        for (int r = 0; r < keptRows.Length; r++) shrunk.Bias.Values[r] = bias[keptRows[r]];
        return shrunk;
    }

    private static int[] Kept(bool[]? alive, int count) =>
        alive is null ? Enumerable.Range(0, count).ToArray() : Enumerable.Range(0, count).Where(i => alive[i]).ToArray();
}
